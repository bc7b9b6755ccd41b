import { describe, expect, inject, it } from 'vitest';
import { wordpress } from '../fixtures/publisher/pages';
import { FERRY } from '../fixtures/publisher/stories';
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { claims, webhookDeliveries } from '../../schema/tables';
import { createDb } from '../../src/db';
import { callAs, createArticle, createClaim, makeUser, roleMatrix, type Client, type MatrixRequest, type MatrixRole } from './helpers';

type Role = MatrixRole;
type Req = MatrixRequest;

/** Builds, as an admin, the state a write needs, and returns the request to make. */
type Setup = (admin: Client) => Promise<Req>;

async function flaggedWithVerdict(admin: Client) {
  const article = await createArticle(admin);
  const claim = await createClaim(admin, article.id);
  await admin.call(`/api/v1/claims/${claim.id}/verdicts`, { method: 'POST', body: { rating: 'true', summary: 'Court records confirm it.', version: 1 } });
  const flagged = await admin.call(`/api/v1/claims/${claim.id}/flag`, { method: 'POST', body: { reason: 'Ready for review', version: 2 } });
  return flagged.json;
}

async function published(admin: Client) {
  const claim = await flaggedWithVerdict(admin);
  return (await admin.call(`/api/v1/claims/${claim.id}/publish`, { method: 'POST', body: { version: claim.version } })).json;
}

async function withSource(admin: Client) {
  const article = await createArticle(admin);
  const claim = await createClaim(admin, article.id);
  const res = await admin.call(`/api/v1/claims/${claim.id}/sources`, { method: 'POST', body: { url: 'https://court.example/ruling', title: 'Ruling', version: claim.version } });
  return { source: res.json.source, version: res.json.claimVersion };
}

/** A webhook endpoint (posting to the tests' receiver), and one delivery of it. */
async function webhookWithDelivery(admin: Client) {
  const hook = (await admin.call('/api/v1/webhooks', { method: 'POST', body: { url: `${inject('receiverUrl')}/auth-matrix`, events: ['claim.published'] } })).json;
  const deliveryId = `msg_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await createDb(env.DB).insert(webhookDeliveries).values({ id: deliveryId, endpointId: hook.id, eventType: 'claim.published', payload: '{}', status: 'failed' });
  return { hook, deliveryId };
}

const claimIn = async (admin: Client) => createClaim(admin, (await createArticle(admin)).id);

/** A page of its own on the fixture publisher (127.0.0.1), for the import routes. */
async function publisherPage() {
  const path = `/matrix/${crypto.randomUUID()}`;
  await fetch(`${inject('publisherOrigin')}/__pages${path}`, { method: 'PUT', body: JSON.stringify({ body: wordpress(FERRY, { canonical: `https://northsound.example${path}` }) }) });
  return `${inject('publisherOrigin')}${path}`;
}

/** Each write route, the least role that may call it, and how to set it up. */
const ROUTES: { name: string; least: Exclude<Role, 'anonymous'>; ok: number; setup: Setup }[] = [
  { name: 'POST /articles', least: 'editor', ok: 201, setup: async () => ({ method: 'POST', path: '/api/v1/articles', body: { title: 'T', url: 'https://x.example/a', publisher: 'P', publishedAt: '2024', text: 'Some text.', extract: false } }) },
  { name: 'PATCH /articles/:id', least: 'editor', ok: 200, setup: async (a) => ({ method: 'PATCH', path: `/api/v1/articles/${(await createArticle(a)).id}`, body: { title: 'New', version: 1 } }) },
  { name: 'DELETE /articles/:id', least: 'editor', ok: 204, setup: async (a) => ({ method: 'DELETE', path: `/api/v1/articles/${(await createArticle(a)).id}`, headers: { 'If-Match': '"1"' } }) },
  { name: 'POST /articles/import', least: 'checker', ok: 201, setup: async () => ({ method: 'POST', path: '/api/v1/articles/import', body: { url: await publisherPage(), extract: false } }) },
  {
    name: 'POST /articles/:id/refresh', least: 'checker', ok: 200,
    setup: async (a) => ({ method: 'POST', path: `/api/v1/articles/${(await a.call('/api/v1/articles/import', { method: 'POST', body: { url: await publisherPage(), extract: false } })).json.id}/refresh` }),
  },
  { name: 'POST /articles/:id/extract', least: 'checker', ok: 200, setup: async (a) => ({ method: 'POST', path: `/api/v1/articles/${(await createArticle(a)).id}/extract` }) },
  { name: 'POST /articles/:id/claims', least: 'checker', ok: 201, setup: async (a) => ({ method: 'POST', path: `/api/v1/articles/${(await createArticle(a)).id}/claims`, body: { quote: 'Some 250 protesters', kind: 'count', value: 250, approximate: true } }) },
  { name: 'PATCH /claims/:id', least: 'checker', ok: 200, setup: async (a) => ({ method: 'PATCH', path: `/api/v1/claims/${(await claimIn(a)).id}`, body: { subject: 'fine', version: 1 } }) },
  {
    name: 'POST /claims/:id/accept', least: 'checker', ok: 200,
    setup: async (a) => {
      const claim = await claimIn(a);
      await createDb(env.DB).update(claims).set({ suggested: true, origin: 'machine' }).where(eq(claims.id, claim.id));
      return { method: 'POST', path: `/api/v1/claims/${claim.id}/accept`, body: { version: 1 } };
    },
  },
  { name: 'POST /claims/:id/sources', least: 'checker', ok: 201, setup: async (a) => ({ method: 'POST', path: `/api/v1/claims/${(await claimIn(a)).id}/sources`, body: { url: 'https://court.example/x', title: 'Ruling', type: 'court', version: 1 } }) },
  { name: 'PATCH /sources/:id', least: 'checker', ok: 200, setup: async (a) => { const s = await withSource(a); return { method: 'PATCH', path: `/api/v1/sources/${s.source.id}`, body: { title: 'Ruling (PDF)', version: s.version } }; } },
  { name: 'DELETE /sources/:id', least: 'checker', ok: 204, setup: async (a) => { const s = await withSource(a); return { method: 'DELETE', path: `/api/v1/sources/${s.source.id}`, headers: { 'If-Match': `"${s.version}"` } }; } },
  { name: 'POST /claims/:id/verdicts', least: 'checker', ok: 201, setup: async (a) => ({ method: 'POST', path: `/api/v1/claims/${(await claimIn(a)).id}/verdicts`, body: { rating: 'mostly-true', summary: 'Close.', version: 1 } }) },
  { name: 'POST /claims/:id/flag', least: 'checker', ok: 200, setup: async (a) => ({ method: 'POST', path: `/api/v1/claims/${(await claimIn(a)).id}/flag`, body: { reason: 'Check this', version: 1 } }) },
  { name: 'POST /claims/:id/publish', least: 'editor', ok: 200, setup: async (a) => { const c = await flaggedWithVerdict(a); return { method: 'POST', path: `/api/v1/claims/${c.id}/publish`, body: { version: c.version } }; } },
  { name: 'POST /claims/:id/return', least: 'editor', ok: 200, setup: async (a) => { const c = await flaggedWithVerdict(a); return { method: 'POST', path: `/api/v1/claims/${c.id}/return`, body: { note: 'Needs a court source.', version: c.version } }; } },
  { name: 'POST /claims/:id/dismiss', least: 'checker', ok: 200, setup: async (a) => ({ method: 'POST', path: `/api/v1/claims/${(await claimIn(a)).id}/dismiss`, body: { version: 1 } }) },
  { name: 'POST /claims/:id/unpublish', least: 'editor', ok: 200, setup: async (a) => { const c = await published(a); return { method: 'POST', path: `/api/v1/claims/${c.id}/unpublish`, body: { version: c.version } }; } },
  {
    name: 'POST /claims/:id/reopen', least: 'checker', ok: 200,
    setup: async (a) => {
      const c = await claimIn(a);
      await a.call(`/api/v1/claims/${c.id}/dismiss`, { method: 'POST', body: { version: 1 } });
      return { method: 'POST', path: `/api/v1/claims/${c.id}/reopen`, body: { version: 2 } };
    },
  },
  { name: 'POST /users', least: 'admin', ok: 201, setup: async () => ({ method: 'POST', path: '/api/v1/users', body: { email: `new-${crypto.randomUUID()}@example.test`, name: 'New', role: 'checker', password: 'a long enough password' } }) },
  { name: 'PATCH /users/:id', least: 'admin', ok: 200, setup: async () => ({ method: 'PATCH', path: `/api/v1/users/${(await makeUser('checker')).id}`, body: { role: 'editor', version: 1 } }) },
  { name: 'POST /tokens', least: 'admin', ok: 201, setup: async () => ({ method: 'POST', path: '/api/v1/tokens', body: { name: 'CMS', role: 'checker' } }) },
  { name: 'DELETE /tokens/:id', least: 'admin', ok: 204, setup: async (a) => ({ method: 'DELETE', path: `/api/v1/tokens/${(await a.call('/api/v1/tokens', { method: 'POST', body: { name: 'x', role: 'checker' } })).json.id}` }) },
  { name: 'POST /webhooks', least: 'admin', ok: 201, setup: async () => ({ method: 'POST', path: '/api/v1/webhooks', body: { url: 'http://127.0.0.1:9/hook', events: ['claim.published'], kind: 'standard' } }) },
  { name: 'PATCH /webhooks/:id', least: 'admin', ok: 200, setup: async (a) => ({ method: 'PATCH', path: `/api/v1/webhooks/${(await webhookWithDelivery(a)).hook.id}`, body: { active: false, version: 1 } }) },
  { name: 'DELETE /webhooks/:id', least: 'admin', ok: 204, setup: async (a) => ({ method: 'DELETE', path: `/api/v1/webhooks/${(await webhookWithDelivery(a)).hook.id}` }) },
  { name: 'POST /webhooks/:id/deliveries/:deliveryId/redeliver', least: 'admin', ok: 202, setup: async (a) => { const w = await webhookWithDelivery(a); return { method: 'POST', path: `/api/v1/webhooks/${w.hook.id}/deliveries/${w.deliveryId}/redeliver` }; } },
  {
    name: 'POST /claims/:id/reuse', least: 'checker', ok: 201,
    setup: async (a) => {
      const from = await published(a);
      return { method: 'POST', path: `/api/v1/claims/${(await claimIn(a)).id}/reuse`, body: { from: from.id, version: 1 } };
    },
  },
  { name: 'POST /extract', least: 'checker', ok: 200, setup: async () => ({ method: 'POST', path: '/api/v1/extract', body: { text: 'He was fined $500 on May 2.', publishedAt: '2024-06' } }) },
];


const cases = roleMatrix(ROUTES);

describe('auth matrix: every write route × every role', () => {
  it.each(cases)('$name as $role → $expected', async ({ setup, role, expected }) => {
    const res = await callAs(role, setup);
    expect(res.status, res.text).toBe(expected);
    if (expected >= 400) {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.status).toBe(expected);
    }
  });
});
