import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { events, webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../schema/tables';
import { createDb } from '../../src/db';
import { checkWebhookUrl } from '../../src/services/webhooks';
import { anonymous, signedIn, type Client } from './helpers';

const receiver = inject('receiverUrl');
const db = createDb(env.DB);

async function register(admin: Client, body: Record<string, unknown> = {}) {
  const res = await admin.call('/api/v1/webhooks', { method: 'POST', body: { url: `${receiver}/admin-api`, events: ['claim.published', 'claim.flagged'], ...body } });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

describe('webhook endpoints API', () => {
  it('shows the signing secret once, at creation, and never again in any answer or the audit trail', async () => {
    const admin = await signedIn('admin');
    const hook = await register(admin, { description: 'Newsroom CMS' });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(hook).toMatchObject({ kind: 'standard', active: true, events: ['claim.published', 'claim.flagged'], description: 'Newsroom CMS', secretPrefix: hook.secret.slice(0, 12), version: 1 });
    const secretPart = hook.secret.slice(12);

    const answers = [
      await admin.call('/api/v1/webhooks'),
      await admin.call(`/api/v1/webhooks/${hook.id}`),
      await admin.call(`/api/v1/webhooks/${hook.id}`, { method: 'PATCH', body: { description: 'CMS', version: 1 } }),
      await admin.call(`/api/v1/webhooks/${hook.id}/deliveries`),
    ];
    for (const res of answers) {
      expect(res.status, res.text).toBe(200);
      expect(res.text).not.toContain(secretPart);
    }
    expect(answers[0].json.items.find((i: any) => i.id === hook.id)).not.toHaveProperty('secret');
    expect(answers[0].json.events).toEqual(expect.arrayContaining(['claim.published', 'article.created']));

    const row = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.id)).get();
    expect(row!.secretSealed).toMatch(/^v1\./);
    expect(row!.secretSealed).not.toContain(secretPart);
    const audit = await db.select().from(events).where(eq(events.entityId, hook.id)).all();
    expect(audit.map((e) => e.action)).toEqual(['webhook.create', 'webhook.update']);
    expect(JSON.stringify(audit)).not.toContain(secretPart);
  });

  it('rotates the secret on request, answering the new one once', async () => {
    const admin = await signedIn('admin');
    const hook = await register(admin);
    const rotated = await admin.call(`/api/v1/webhooks/${hook.id}`, { method: 'PATCH', body: { rotateSecret: true }, headers: { 'If-Match': '"1"' } });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(hook.secret);
    expect(rotated.headers.get('etag')).toBe('"2"');
    const stale = await admin.call(`/api/v1/webhooks/${hook.id}`, { method: 'PATCH', body: { active: false, version: 1 } });
    expect(stale.status).toBe(409);
    expect((await admin.call(`/api/v1/webhooks/${hook.id}`, { method: 'PATCH', body: { active: false } })).status).toBe(428);
  });

  it('names each invalid field', async () => {
    const admin = await signedIn('admin');
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://example.test/x', events: ['claim.published'] }, 'url'],
      [{ url: `${receiver}/x`, events: [] }, 'events'],
      [{ url: `${receiver}/x`, events: ['claim.deleted'] }, 'events.0'],
      [{ url: `${receiver}/x`, events: ['claim.published'], kind: 'teams' }, 'kind'],
      [{ url: `${receiver}/x`, events: ['claim.published'], secret: 'whsec_mine' }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.call('/api/v1/webhooks', { method: 'POST', body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.errors.map((e: any) => e.field), JSON.stringify(body)).toContain(field);
    }
  });

  it('takes only https receivers at public addresses in production (loopback is for development and tests)', () => {
    const production = { ENVIRONMENT: 'production' };
    expect(() => checkWebhookUrl(production, 'http://hooks.example/x')).toThrow(/https/);
    expect(() => checkWebhookUrl(production, 'https://hooks.example/x')).not.toThrow();
    for (const url of ['https://127.0.0.1/x', 'https://10.0.0.7/x', 'https://169.254.169.254/latest', 'https://[::1]/x', 'https://localhost/x', 'https://hooks.example:8443/x']) {
      expect(() => checkWebhookUrl(production, url), url).toThrow();
    }
    expect(() => checkWebhookUrl({ ENVIRONMENT: 'test' }, `${receiver}/x`)).not.toThrow();
    expect(() => checkWebhookUrl({ ENVIRONMENT: 'test' }, 'http://10.0.0.7/x')).toThrow();
  });

  it('lists deliveries with their attempts, the receiver’s answer as an excerpt, and redelivers with the same id', async () => {
    const admin = await signedIn('admin');
    const path = `/redeliver-${crypto.randomUUID()}`;
    const hook = await register(admin, { url: `${receiver}${path}` });
    const deliveryId = `msg_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
    await db.insert(webhookDeliveries).values({ id: deliveryId, endpointId: hook.id, eventType: 'claim.published', payload: '{"type":"claim.published"}', status: 'failed', attempts: 1 });
    await db.insert(webhookAttempts).values({ deliveryId, attempt: 1, durationMs: 12, statusCode: 500, ok: false, error: 'HTTP 500', responseExcerpt: '<b>down</b>' });

    const list = await admin.call(`/api/v1/webhooks/${hook.id}/deliveries?status=failed`);
    expect(list.json.items.map((d: any) => d.id)).toEqual([deliveryId]);
    const detail = await admin.call(`/api/v1/webhooks/${hook.id}/deliveries/${deliveryId}`);
    expect(detail.json).toMatchObject({ id: deliveryId, status: 'failed', payload: '{"type":"claim.published"}', attemptLog: [{ attempt: 1, statusCode: 500, ok: false, responseExcerpt: '<b>down</b>' }] });

    const again = await admin.call(`/api/v1/webhooks/${hook.id}/deliveries/${deliveryId}/redeliver`, { method: 'POST' });
    expect(again.status).toBe(202);
    let got: any[] = [];
    for (let i = 0; i < 100 && !got.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      got = await (await fetch(`${receiver}/_log${path}`)).json();
    }
    expect(got).toHaveLength(1);
    expect(got[0].headers['webhook-id']).toBe(deliveryId);
    expect(got[0].body).toBe('{"type":"claim.published"}');
    let attempts: any[] = [];
    for (let i = 0; i < 50 && attempts.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      attempts = (await admin.call(`/api/v1/webhooks/${hook.id}/deliveries/${deliveryId}`)).json.attemptLog;
    }
    expect(attempts.map((a) => [a.attempt, a.trigger, a.ok])).toEqual([[1, 'queue', false], [2, 'redeliver', true]]);
    expect((await admin.call(`/api/v1/webhooks/${hook.id}/deliveries/msg_nothing/redeliver`, { method: 'POST' })).status).toBe(404);
  });

  it('removes an endpoint with its deliveries', async () => {
    const admin = await signedIn('admin');
    const hook = await register(admin);
    await db.insert(webhookDeliveries).values({ id: 'msg_removed0000001', endpointId: hook.id, eventType: 'claim.published', payload: '{}' });
    expect((await admin.call(`/api/v1/webhooks/${hook.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin.call(`/api/v1/webhooks/${hook.id}`)).status).toBe(404);
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, hook.id)).all()).toEqual([]);
  });

  it('is for admins only, reads included', async () => {
    const admin = await signedIn('admin');
    const hook = await register(admin);
    for (const role of ['checker', 'editor'] as const) {
      const client = await signedIn(role);
      for (const path of ['/api/v1/webhooks', `/api/v1/webhooks/${hook.id}`, `/api/v1/webhooks/${hook.id}/deliveries`]) expect((await client.call(path)).status).toBe(403);
    }
    expect((await anonymous.call('/api/v1/webhooks')).status).toBe(401);
  });
});
