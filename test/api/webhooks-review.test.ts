/**
 * A second look at issue 16's webhooks (review16): races between admins, what a receiver's
 * answer may be, the destination rule at delivery, redelivery racing a retry, the sweeper.
 */
import { env } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { eq } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { events, webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../schema/tables';
import { createDb, type Db } from '../../src/db';
import type { Actor } from '../../src/env';
import { runAfterWrite } from '../../src/services/after-write';
import { deliverMessage, sweepStalledDeliveries } from '../../src/services/webhook-delivery';
import { createWebhook, deleteWebhook, redeliver, updateWebhook, type WebhookMessage } from '../../src/services/webhooks';
import type { ReceivedRequest } from './receiver';
import { createArticle, createClaim, editorForFile, publishWith } from './helpers';

const receiver = inject('receiverUrl');
const db = createDb(env.DB);
const { editor } = editorForFile();
const admin = (): Actor => ({ kind: 'user', userId: editor.userId!, tokenId: null, name: 'Test admin', email: null, role: 'admin' });

/** A db whose next batch first lets `other` run: another request that got in between our read and our write. */
function racedBy(other: () => Promise<unknown>): Db {
  const raced = Object.create(db) as Db;
  raced.batch = (async (queries: Parameters<Db['batch']>[0]) => {
    await other();
    return db.batch(queries);
  }) as unknown as Db['batch'];
  return raced;
}

/** An endpoint at a path of its own on the receiver (`query` says how the receiver behaves there). */
async function endpointAt(name: string, query = '', kind: 'standard' | 'slack' = 'standard') {
  const path = `/${name}-${crypto.randomUUID()}`;
  const hook = (await createWebhook(db, env, admin(), { url: `${receiver}${path}${query}`, events: ['claim.published'], kind })).value;
  return { path, hook };
}

const auditOf = (id: string) => db.select({ action: events.action }).from(events).where(eq(events.entityId, id)).all();

describe('two admins on one endpoint', () => {
  it('an update that raced a delete answers 404 and writes no event', async () => {
    const { hook } = await endpointAt('race-update');
    const update = updateWebhook(racedBy(() => deleteWebhook(db, admin(), hook.id)), env, admin(), hook.id, 1, { description: 'late' });
    await expect(update).rejects.toMatchObject({ code: 'not-found' });
    expect((await auditOf(hook.id)).map((e) => e.action)).toEqual(['webhook.create', 'webhook.delete']);
  });

  it('of two racing deletes, one answers 204 and writes the event; the other answers 404', async () => {
    const { hook } = await endpointAt('race-delete');
    await expect(deleteWebhook(racedBy(() => deleteWebhook(db, admin(), hook.id)), admin(), hook.id)).rejects.toMatchObject({ code: 'not-found' });
    expect((await auditOf(hook.id)).map((e) => e.action)).toEqual(['webhook.create', 'webhook.delete']);
    expect(await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.id)).get()).toBeUndefined();
  });
});

async function received(path: string): Promise<ReceivedRequest[]> {
  return (await fetch(`${receiver}/_log${path}`)).json();
}

const PAYLOAD = {
  type: 'claim.published',
  timestamp: '2026-12-01T10:00:00.000Z',
  data: {
    article: { id: 'art_x', slug: 'x', title: 'Naïve “quotes” ✓', url: 'https://news.example/x', publisher: 'News', author: null, publishedAt: '2026', links: { app: 'https://factmark.test/app/articles/art_x', public: 'https://factmark.test/articles/x' } },
    claim: { id: 'clm_x', articleId: 'art_x', quote: '12 years ✓', kind: 'sentence', value: 'P12Y', approximate: false, bound: null, subject: null, speaker: null, status: 'published', public: true, publishedAt: '2026-12-01T10:00:00.000Z', version: 3, links: { app: 'https://factmark.test/app/claims/clm_x', public: 'https://factmark.test/claims/clm_x' } },
    verdict: { id: 'vrd_x', rating: 'false', ratingLabel: 'False', summary: 'Ten years.', createdAt: '2026-12-01T09:00:00.000Z' },
    change: { from: 'flagged', to: 'published', note: null },
    actor: { id: null, name: 'Eve Editor' },
  },
};

/** A delivery of `endpointId` stored as the producer stores one. */
async function storedDelivery(endpointId: string) {
  const id = `msg_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await db.insert(webhookDeliveries).values({ id, endpointId, eventType: 'claim.published', payload: JSON.stringify(PAYLOAD), status: 'pending' });
  return id;
}

/** Runs the consumer on one message and says what it did with it. */
async function consume(body: WebhookMessage, environment: Record<string, string> = {}, attempts = 1) {
  const outcome: string[] = [];
  await deliverMessage(db, { ...env, ...environment } as typeof env, { body, attempts, ack: () => void outcome.push('ack'), retry: (o?: QueueRetryOptions) => void outcome.push(`retry ${o?.delaySeconds}`) });
  return outcome;
}

const deliveryRow = (id: string) => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).get();
const attemptRows = (id: string) => db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, id)).orderBy(webhookAttempts.id).all();

describe('what a receiver answers', () => {
  it('takes a 2xx with a long body (2 MB) as delivered, keeping the excerpt only', async () => {
    const { path, hook } = await endpointAt('long-answer', '?bytes=2000000');
    const id = await storedDelivery(hook.id);
    expect(await consume({ deliveryId: id, trigger: 'queue' })).toEqual(['ack']);
    expect(await deliveryRow(id)).toMatchObject({ status: 'delivered', attempts: 1 });
    const [attempt] = await attemptRows(id);
    expect(attempt).toMatchObject({ statusCode: 200, ok: true, error: null });
    expect(attempt.responseExcerpt!.length).toBeLessThanOrEqual(1025);
    expect(await received(path)).toHaveLength(1);
  });
});

describe('the destination rule at delivery', () => {
  it('refuses, in production, an endpoint stored with a loopback or plain-http URL, and sends nothing (not even a DNS query)', async () => {
    const path = `/prod-${crypto.randomUUID()}`;
    // Stored while the rule allowed it (a development database promoted, a rule tightened since).
    // Slack endpoints: unsigned, so production's missing WEBHOOK_SECRET_KEY is no matter here.
    const loopback = (await createWebhook(db, env, admin(), { url: `${receiver}${path}`, events: ['claim.published'], kind: 'slack' })).value;
    const plain = (await createWebhook(db, env, admin(), { url: `${receiver}${path}-plain`, events: ['claim.published'], kind: 'slack' })).value;
    await db.update(webhookEndpoints).set({ url: 'http://hooks.example/factmark' }).where(eq(webhookEndpoints.id, plain.id));
    // Production resolves names over DNS-over-HTTPS: point it at the receiver, so nothing leaves 127.0.0.1.
    const production = { ENVIRONMENT: 'production', DOH_URL: `${receiver}${path}-doh` };
    for (const hook of [loopback, plain]) {
      const id = await storedDelivery(hook.id);
      expect(await consume({ deliveryId: id, trigger: 'queue' }, production)).toEqual(['retry 1']);
      const [attempt] = await attemptRows(id);
      expect(attempt).toMatchObject({ ok: false, statusCode: null });
      expect(attempt.error).toMatch(/^blocked-address/);
    }
    expect((await attemptRows((await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, plain.id)).get())!.id))[0].error).toMatch(/https/);
    expect(await received(path)).toHaveLength(0);
    expect(await received(`${path}-doh`)).toHaveLength(0);
  });
});

/** A queue binding that keeps what is sent to it (the test runs the consumer itself). */
function capturingQueue() {
  const sent: WebhookMessage[] = [];
  const queue = {
    send: async (body: WebhookMessage) => void sent.push(body),
    sendBatch: async (messages: { body: WebhookMessage }[]) => void sent.push(...messages.map((m) => m.body)),
  } as unknown as Queue<WebhookMessage>;
  return { queue, sent };
}

describe('redelivery racing a retry', () => {
  it('takes over from the retry waiting in the queue: the old message is dropped unsent, one chain of attempts', async () => {
    const { path, hook } = await endpointAt('race-retry', '?status=500');
    const id = await storedDelivery(hook.id);
    // The first attempt failed; its retry waits in the queue.
    expect(await consume({ deliveryId: id, trigger: 'queue' })).toEqual(['retry 1']);
    // The receiver is fixed, an admin does not wait for the retry.
    const { queue, sent } = capturingQueue();
    await redeliver(db, { ...env, WEBHOOK_QUEUE: queue }, admin(), hook.id, id);
    expect(sent).toEqual([{ deliveryId: id, trigger: 'redeliver', generation: 1 }]);
    // The old retry comes: dropped, nothing sent, nothing logged.
    expect(await consume({ deliveryId: id, trigger: 'queue' }, {}, 2)).toEqual(['ack']);
    expect(await received(path)).toHaveLength(1);
    // The redelivery is the one chain now.
    expect(await consume(sent[0])).toEqual(['retry 1']);
    expect(await received(path)).toHaveLength(2);
    expect((await attemptRows(id)).map((a) => [a.attempt, a.trigger])).toEqual([[1, 'queue'], [2, 'redeliver']]);
  });

  it('an attempt under way when the redelivery comes is logged, but its chain stops there and leaves the state alone', async () => {
    const { hook } = await endpointAt('race-inflight', '?status=500&sleep=600');
    const id = await storedDelivery(hook.id);
    const inFlight = consume({ deliveryId: id, trigger: 'queue' });
    await new Promise((r) => setTimeout(r, 200));
    const { queue, sent } = capturingQueue();
    await redeliver(db, { ...env, WEBHOOK_QUEUE: queue }, admin(), hook.id, id);
    expect(await inFlight).toEqual(['ack']);
    expect(await deliveryRow(id)).toMatchObject({ status: 'pending', generation: 1, attempts: 0 });
    expect(await attemptRows(id)).toHaveLength(1);
    expect(sent).toHaveLength(1);
  });
});

describe('the sweep of deliveries left pending', () => {
  it('queues again what a failed queue send left pending; the write stood; a late message is then dropped', async () => {
    const path = `/swept-${crypto.randomUUID()}`;
    const article = await createArticle(editor, { url: `https://news.example/${crypto.randomUUID()}` });
    const claim = await publishWith(editor, await createClaim(editor, article.id), { rating: 'false', summary: 'Ten years.' });
    const hook = (await createWebhook(db, env, admin(), { url: `${receiver}${path}`, events: ['claim.published'], kind: 'standard' })).value;
    // The publish's after-write step as it would have run with the endpoint there and the queue down.
    const publication = await db.select().from(events).where(eq(events.claimId, claim.id)).all();
    const down = { send: async () => Promise.reject(new Error('queue down')), sendBatch: async () => Promise.reject(new Error('queue down')) } as unknown as Queue<WebhookMessage>;
    await runAfterWrite({ env: { ...env, WEBHOOK_QUEUE: down }, origin: 'https://factmark.test', requestId: 'sweep-test', waitUntil: null }, publication.filter((e) => e.action === 'claim.publish'));
    const stuck = (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, hook.id)).all()).filter((d) => d.status === 'pending' && d.generation === 0);
    expect(stuck).toHaveLength(1);
    // Not yet: it may only be late.
    const { queue, sent } = capturingQueue();
    expect(await sweepStalledDeliveries(db, { WEBHOOK_QUEUE: queue })).toBe(0);
    // Five minutes on.
    expect(await sweepStalledDeliveries(db, { WEBHOOK_QUEUE: queue }, { now: Date.now() + 5 * 60_000 + 1000 })).toBeGreaterThanOrEqual(1);
    const mine = sent.filter((m) => m.deliveryId === stuck[0].id);
    expect(mine).toEqual([{ deliveryId: stuck[0].id, trigger: 'queue', generation: 1 }]);
    expect(await consume(mine[0])).toEqual(['ack']);
    // Had the first message only been late, it is dropped when it comes.
    expect(await consume({ deliveryId: stuck[0].id, trigger: 'queue' })).toEqual(['ack']);
    const got = await received(path);
    expect(got.filter((r) => r.headers['webhook-id'] === stuck[0].id)).toHaveLength(1);
    expect(await deliveryRow(stuck[0].id)).toMatchObject({ status: 'delivered', attempts: 1 });
    // Delivered now: not the sweep's any more.
    await sweepStalledDeliveries(db, { WEBHOOK_QUEUE: queue }, { now: Date.now() + 60 * 60_000 });
    expect(sent.filter((m) => m.deliveryId === stuck[0].id)).toHaveLength(1);
  });
});

describe('signatures a receiver checks with the published verifier', () => {
  it('a delivery with a non-ASCII body and its redelivery verify with standardwebhooks: same webhook-id, each its own timestamp in seconds', async () => {
    const { path, hook } = await endpointAt('verified');
    const id = await storedDelivery(hook.id);
    expect(await consume({ deliveryId: id, trigger: 'queue' })).toEqual(['ack']);
    await new Promise((r) => setTimeout(r, 1100));
    const { queue, sent } = capturingQueue();
    await redeliver(db, { ...env, WEBHOOK_QUEUE: queue }, admin(), hook.id, id);
    expect(await consume(sent[0])).toEqual(['ack']);
    const got = await received(path);
    expect(got).toHaveLength(2);
    const verifier = new Webhook(hook.secret!);
    for (const r of got) {
      expect(r.body).toBe(JSON.stringify(PAYLOAD));
      expect(verifier.verify(r.body, r.headers)).toEqual(PAYLOAD);
      expect(r.headers['webhook-id']).toBe(id);
      expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    }
    expect(Number(got[1].headers['webhook-timestamp'])).toBeGreaterThan(Number(got[0].headers['webhook-timestamp']));
  });
});

describe('a secret the Worker cannot open', () => {
  it('is an attempt that says so (retried, then failed), not a consumer crash that leaves the delivery pending', async () => {
    const { hook } = await endpointAt('sealed');
    // Sealed under a key the Worker no longer has (WEBHOOK_SECRET_KEY replaced).
    await db.update(webhookEndpoints).set({ secretSealed: 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }).where(eq(webhookEndpoints.id, hook.id));
    const id = await storedDelivery(hook.id);
    expect(await consume({ deliveryId: id, trigger: 'queue' })).toEqual(['retry 1']);
    expect(await deliveryRow(id)).toMatchObject({ status: 'retrying', attempts: 1 });
    const [attempt] = await attemptRows(id);
    expect(attempt.error).toMatch(/^not sent: .*secret cannot be opened/);
    expect(attempt.error).not.toContain(hook.secret!.slice(6));
  });
});
