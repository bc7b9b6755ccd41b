import { env } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { events, webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../schema/tables';
import { createDb } from '../../src/db';
import type { Actor } from '../../src/env';
import { deliverMessage, enqueueWebhooks } from '../../src/services/webhook-delivery';
import { createWebhook } from '../../src/services/webhooks';
import { verifyStandardWebhook } from '../webhook-verifier';
import type { ReceivedRequest } from './receiver';
import { createArticle, createClaim, editorForFile, ORIGIN, publishWith } from './helpers';

const receiver = inject('receiverUrl');
const db = createDb(env.DB);
const { editor } = editorForFile();

const admin = (): Actor => ({ kind: 'user', userId: editor.userId!, tokenId: null, name: 'Test admin', email: null, role: 'admin' });

async function received(path: string): Promise<ReceivedRequest[]> {
  return (await fetch(`${receiver}/_log${path}`)).json();
}

async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A published claim, with its audit events queued for webhooks as the after-write step does. */
async function publishOne(summary = 'Court records say ten years.') {
  const article = await createArticle(editor, { url: `https://news.example/${crypto.randomUUID()}` });
  const claim = await createClaim(editor, article.id);
  await publishWith(editor, claim, { rating: 'false', summary });
  const rows = await db.select().from(events).where(and(eq(events.claimId, claim.id), eq(events.action, 'claim.publish'))).all();
  await enqueueWebhooks(db, env, ORIGIN, rows);
  return { article, claim };
}

const attemptsOf = (deliveryId: string) => db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)).orderBy(webhookAttempts.id).all();

describe('webhook delivery through the queue', () => {
  // Each test's endpoints stop receiving when it ends (the next tests publish too).
  afterEach(async () => {
    await db.update(webhookEndpoints).set({ active: false });
  });

  it('retries a receiver that fails twice: the third attempt arrives, one delivery id, three attempts logged, each signed', async () => {
    const path = `/flaky-${crypto.randomUUID()}`;
    const hook = await createWebhook(db, env, admin(), { url: `${receiver}${path}?fail=2`, events: ['claim.published'], kind: 'standard' });
    const { claim } = await publishOne();

    const got = await waitUntil(() => received(path), (r) => r.length >= 3);
    expect(got).toHaveLength(3);
    const ids = new Set(got.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const r of got) expect(await verifyStandardWebhook(hook.secret!, r.headers, r.body)).toBe(true);
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    const body = JSON.parse(got[0].body);
    expect(body).toMatchObject({ type: 'claim.published', data: { claim: { id: claim.id, status: 'published', public: true }, verdict: { rating: 'false', ratingLabel: 'False' } } });
    // Backed off between attempts (the test schedule waits about a second).
    expect(got[1].at - got[0].at).toBeGreaterThanOrEqual(900);

    const [deliveryId] = ids;
    const delivery = await waitUntil(() => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId!)).get(), (d) => d?.status === 'delivered');
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, endpointId: hook.id, eventType: 'claim.published' });
    const attempts = await attemptsOf(deliveryId!);
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.ok])).toEqual([[1, 500, false], [2, 500, false], [3, 200, true]]);
    expect(attempts[0].responseExcerpt!.length).toBeLessThanOrEqual(1025);
    expect(attempts[0].responseExcerpt).toContain('receiver says no');
  });

  it('hands a delivery that failed its last attempt to the dead-letter queue, and acks it', async () => {
    const path = `/last-${crypto.randomUUID()}`;
    const hook = await createWebhook(db, env, admin(), { url: `${receiver}${path}?status=500`, events: ['claim.published'], kind: 'standard' });
    const deliveryId = `msg_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
    await db.insert(webhookDeliveries).values({ id: deliveryId, endpointId: hook.id, eventType: 'claim.published', payload: '{"type":"claim.published"}', status: 'retrying', attempts: 3 });
    const deadLetters: unknown[] = [];
    const outcome: string[] = [];
    // The fourth attempt of the test schedule (three delays) is the last.
    await deliverMessage(db, { ...env, WEBHOOK_DEAD_LETTERS: { send: async (m: unknown) => void deadLetters.push(m) } as unknown as Queue<unknown> }, {
      body: { deliveryId, trigger: 'queue' },
      attempts: 4,
      ack: () => void outcome.push('ack'),
      retry: (o?: QueueRetryOptions) => void outcome.push(`retry ${o?.delaySeconds}`),
    });
    expect(outcome).toEqual(['ack']);
    expect(deadLetters).toEqual([expect.objectContaining({ deliveryId, trigger: 'queue', lastError: 'HTTP 500' })]);
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).get()).toMatchObject({ status: 'failed', attempts: 4, nextAttemptAt: null });

    // An earlier attempt is retried after the schedule's delay instead.
    const retried: string[] = [];
    await deliverMessage(db, env, { body: { deliveryId, trigger: 'queue' }, attempts: 1, ack: () => void retried.push('ack'), retry: (o?: QueueRetryOptions) => void retried.push(`retry ${o?.delaySeconds}`) });
    expect(retried).toEqual(['retry 1']);
  });

  it('gives up after the last attempt of the schedule and marks the delivery failed', async () => {
    const path = `/down-${crypto.randomUUID()}`;
    await createWebhook(db, env, admin(), { url: `${receiver}${path}?status=503`, events: ['claim.published'], kind: 'standard' });
    await publishOne();
    // The test schedule has three delays: four attempts in all.
    const got = await waitUntil(() => received(path), (r) => r.length >= 4);
    const deliveryId = got[0].headers['webhook-id'];
    const delivery = await waitUntil(() => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).get(), (d) => d?.status === 'failed');
    expect(delivery).toMatchObject({ status: 'failed', attempts: 4, nextAttemptAt: null });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await received(path)).toHaveLength(4);
  });

  it('disables an endpoint whose receiver answers 410 Gone, and sends it nothing more', async () => {
    const path = `/gone-${crypto.randomUUID()}`;
    const hook = await createWebhook(db, env, admin(), { url: `${receiver}${path}?status=410`, events: ['claim.published'], kind: 'standard' });
    await publishOne();
    const endpoint = await waitUntil(() => db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.id)).get(), (e) => e?.active === false);
    expect(endpoint).toMatchObject({ active: false });
    expect(endpoint!.disabledReason).toContain('410');
    await publishOne();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await received(path)).toHaveLength(1);
  });

  it('sends a Slack endpoint a readable message, unsigned', async () => {
    const path = `/slack-${crypto.randomUUID()}`;
    const hook = await createWebhook(db, env, admin(), { url: `${receiver}${path}`, events: ['claim.published'], kind: 'slack' });
    expect(hook).not.toHaveProperty('secret');
    await publishOne('The <court> said & wrote ten years.');
    const [got] = await waitUntil(() => received(path), (r) => r.length >= 1);
    expect(got.headers['webhook-signature']).toBeUndefined();
    const message = JSON.parse(got.body);
    expect(message.text).toContain('Fact-check published');
    expect(JSON.stringify(message.blocks)).toContain('*Rating:* False — The &lt;court&gt; said &amp; wrote ten years.');
  });

  it('sends only to endpoints subscribed to the event, and only while they are active', async () => {
    const flagged = `/only-flags-${crypto.randomUUID()}`;
    const paused = `/paused-${crypto.randomUUID()}`;
    await createWebhook(db, env, admin(), { url: `${receiver}${flagged}`, events: ['claim.flagged'], kind: 'standard' });
    const off = await createWebhook(db, env, admin(), { url: `${receiver}${paused}`, events: ['claim.published'], kind: 'standard' });
    await db.update(webhookEndpoints).set({ active: false }).where(eq(webhookEndpoints.id, off.id));
    await publishOne();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await received(flagged)).toHaveLength(0);
    expect(await received(paused)).toHaveLength(0);
  });
});
