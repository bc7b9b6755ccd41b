import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { claims } from '../../schema/tables';
import { createDb } from '../../src/db';
import { anonymous, callAs, createArticle, createClaim, roleMatrix, signedIn, type Client, type MatrixRequest, type MatrixRole } from './helpers';

/**
 * The desk's routes (issue 11) × every role. Setups run as an admin, and may use the caller
 * (a comment is edited by its own author, notifications are the caller's own).
 */
type Role = MatrixRole;
type Req = MatrixRequest;
type Setup = (admin: Client, caller: Client) => Promise<Req>;

const claimIn = async (admin: Client) => createClaim(admin, (await createArticle(admin)).id);

/** A comment by `author` (the caller, when signed in) on a fresh claim. */
async function commentBy(admin: Client, author: Client) {
  const claim = await claimIn(admin);
  const who = author.role === 'anonymous' ? admin : author;
  return (await who.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body: { body: 'A comment' } })).json;
}

async function flagged(admin: Client) {
  const claim = await claimIn(admin);
  await admin.call(`/api/v1/claims/${claim.id}/verdicts`, { method: 'POST', body: { rating: 'true', summary: 'Right.', version: 1 } });
  return (await admin.call(`/api/v1/claims/${claim.id}/flag`, { method: 'POST', body: { reason: 'Ready', version: 2 } })).json;
}

const ROUTES: { name: string; least: Exclude<Role, 'anonymous'>; ok: number; setup: Setup }[] = [
  { name: 'GET /claims/:id/comments', least: 'checker', ok: 200, setup: async (a) => ({ method: 'GET', path: `/api/v1/claims/${(await claimIn(a)).id}/comments` }) },
  { name: 'POST /claims/:id/comments', least: 'checker', ok: 201, setup: async (a) => ({ method: 'POST', path: `/api/v1/claims/${(await claimIn(a)).id}/comments`, body: { body: 'Looks right to me.' } }) },
  { name: 'PATCH /comments/:id (own)', least: 'checker', ok: 200, setup: async (a, me) => ({ method: 'PATCH', path: `/api/v1/comments/${(await commentBy(a, me)).id}`, body: { body: 'Edited.' } }) },
  { name: 'DELETE /comments/:id (own)', least: 'checker', ok: 204, setup: async (a, me) => ({ method: 'DELETE', path: `/api/v1/comments/${(await commentBy(a, me)).id}` }) },
  { name: 'GET /notifications', least: 'checker', ok: 200, setup: async () => ({ method: 'GET', path: '/api/v1/notifications' }) },
  { name: 'GET /notifications/unread', least: 'checker', ok: 200, setup: async () => ({ method: 'GET', path: '/api/v1/notifications/unread' }) },
  { name: 'POST /notifications/read', least: 'checker', ok: 200, setup: async () => ({ method: 'POST', path: '/api/v1/notifications/read', body: { all: true } }) },
  { name: 'GET /notifications/preferences', least: 'checker', ok: 200, setup: async () => ({ method: 'GET', path: '/api/v1/notifications/preferences' }) },
  { name: 'PATCH /notifications/preferences', least: 'checker', ok: 200, setup: async () => ({ method: 'PATCH', path: '/api/v1/notifications/preferences', body: { email: { changed: true } } }) },
  { name: 'GET /me/work', least: 'checker', ok: 200, setup: async () => ({ method: 'GET', path: '/api/v1/me/work' }) },
  { name: 'GET /queue?to=me', least: 'editor', ok: 200, setup: async () => ({ method: 'GET', path: '/api/v1/queue?to=me' }) },
  { name: 'GET /claims?returned=true', least: 'checker', ok: 200, setup: async () => ({ method: 'GET', path: '/api/v1/claims?returned=true' }) },
  {
    name: 'POST /claims/bulk (accept)', least: 'checker', ok: 200,
    setup: async (a) => {
      const c = await claimIn(a);
      await createDb(env.DB).update(claims).set({ suggested: true, origin: 'machine' }).where(eq(claims.id, c.id));
      return { method: 'POST', path: '/api/v1/claims/bulk', body: { action: 'accept', items: [{ id: c.id, version: c.version }] } };
    },
  },
  { name: 'POST /claims/bulk (publish)', least: 'editor', ok: 200, setup: async (a) => { const c = await flagged(a); return { method: 'POST', path: '/api/v1/claims/bulk', body: { action: 'publish', items: [{ id: c.id, version: c.version }] } }; } },
  { name: 'POST /claims/:id/publish with an edit', least: 'editor', ok: 200, setup: async (a) => { const c = await flagged(a); return { method: 'POST', path: `/api/v1/claims/${c.id}/publish`, body: { version: c.version, verdict: { summary: 'Right, as the ruling says.' } } }; } },
  { name: 'POST /claims/:id/flag to an editor', least: 'checker', ok: 200, setup: async (a) => { const c = await claimIn(a); return { method: 'POST', path: `/api/v1/claims/${c.id}/flag`, body: { reason: 'Look', editorId: a.userId, version: c.version } }; } },
];

const cases = roleMatrix(ROUTES);

describe('auth matrix of the desk: every new route × every role', () => {
  it.each(cases)('$name as $role → $expected', async ({ setup, role, expected }) => {
    const res = await callAs(role, setup);
    expect(res.status, res.text).toBe(expected);
    if (expected >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('someone else’s comment: only its author edits it; only its author or an admin deletes it', async () => {
    const admin = await signedIn('admin');
    const author = await signedIn('checker');
    const other = await signedIn('editor');
    const c = await commentBy(admin, author);
    expect((await other.call(`/api/v1/comments/${c.id}`, { method: 'PATCH', body: { body: 'Not mine' } })).status).toBe(403);
    expect((await admin.call(`/api/v1/comments/${c.id}`, { method: 'PATCH', body: { body: 'Not mine either' } })).status).toBe(403);
    expect((await other.call(`/api/v1/comments/${c.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await admin.call(`/api/v1/comments/${c.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('the UI pages of the desk: anonymous visitors are sent to sign in; the outbox is for signed-in people', async () => {
    for (const path of ['/app/work', '/app/notifications', '/app/outbox']) {
      const res = await anonymous.call(path, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toContain('/app/login');
    }
    const checker = await signedIn('checker');
    for (const path of ['/app/work', '/app/notifications', '/app/outbox']) expect((await checker.call(path)).status).toBe(200);
  });
});
