import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../schema/tables';
import { createDb } from '../../src/db';
import type { Actor } from '../../src/env';
import { deliverMessage } from '../../src/services/webhook-delivery';
import { createWebhook } from '../../src/services/webhooks';
import { verifyStandardWebhook } from '../webhook-verifier';
import type { ReceivedRequest } from './receiver';
import { claimStep, createArticle, createClaim, editorForFile, publishWith } from './helpers';

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

/** A claim taken through the workflow to publication, through the API (whose after-write step queues the webhooks). */
async function publishOne(summary = 'Court records say ten years.') {
  const article = await createArticle(editor, { url: `https://news.example/${crypto.randomUUID()}` });
  const claim = await createClaim(editor, article.id);
  await publishWith(editor, claim, { rating: 'false', summary });
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
    const hook = (await createWebhook(db, env, admin(), { url: `${receiver}${path}?fail=2`, events: ['claim.published'], kind: 'standard' })).value;
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
    const hook = (await createWebhook(db, env, admin(), { url: `${receiver}${path}?status=500`, events: ['claim.published'], kind: 'standard' })).value;
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
  }, 20_000);

  it('disables an endpoint whose receiver answers 410 Gone, and sends it nothing more', async () => {
    const path = `/gone-${crypto.randomUUID()}`;
    const hook = (await createWebhook(db, env, admin(), { url: `${receiver}${path}?status=410`, events: ['claim.published'], kind: 'standard' })).value;
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
    const hook = (await createWebhook(db, env, admin(), { url: `${receiver}${path}`, events: ['claim.published'], kind: 'slack' })).value;
    expect(hook).not.toHaveProperty('secret');
    await publishOne('The <court> said & wrote ten years.');
    const [got] = await waitUntil(() => received(path), (r) => r.length >= 1);
    expect(got.headers['webhook-signature']).toBeUndefined();
    const message = JSON.parse(got.body);
    expect(message.text).toContain('Fact-check published');
    expect(JSON.stringify(message.blocks)).toContain('*Rating:* False — The &lt;court&gt; said &amp; wrote ten years.');
  });

  it('sends only to endpoints subscribed to the event, and only while they are active', async () => {
    const returned = `/only-returns-${crypto.randomUUID()}`;
    const paused = `/paused-${crypto.randomUUID()}`;
    await createWebhook(db, env, admin(), { url: `${receiver}${returned}`, events: ['claim.returned'], kind: 'standard' });
    const off = (await createWebhook(db, env, admin(), { url: `${receiver}${paused}`, events: ['claim.published'], kind: 'standard' })).value;
    await db.update(webhookEndpoints).set({ active: false }).where(eq(webhookEndpoints.id, off.id));
    await publishOne();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await received(returned)).toHaveLength(0);
    expect(await received(paused)).toHaveLength(0);
  });

  it('sends only what a checker may read: no session, token or account data', async () => {
    const path = `/contents-${crypto.randomUUID()}`;
    await createWebhook(db, env, admin(), { url: `${receiver}${path}`, events: ['claim.flagged', 'claim.returned', 'article.created'], kind: 'standard' });
    const article = await createArticle(editor, { url: `https://news.example/${crypto.randomUUID()}` });
    let c = await createClaim(editor, article.id);
    c = await claimStep(editor, await claimStep(editor, c, 'verdicts', { rating: 'mostly-false', summary: 'Closer to $8,000.' }), 'flag', { reason: 'Check the ruling', note: 'Page 4' });
    await claimStep(editor, c, 'return', { note: 'Find the court record.' });
    const got = await waitUntil(() => received(path), (r) => r.length >= 3);
    const bodies = got.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.type).sort()).toEqual(['article.created', 'claim.flagged', 'claim.returned']);
    const flagged = bodies.find((b) => b.type === 'claim.flagged');
    expect(flagged.data).toMatchObject({ claim: { id: c.id, status: 'flagged', public: false, links: { public: null } }, verdict: { rating: 'mostly-false' }, change: { from: 'open', to: 'flagged', reason: 'Check the ruling', note: 'Page 4' }, actor: { id: editor.userId } });
    expect(bodies.find((b) => b.type === 'claim.returned').data.change).toMatchObject({ from: 'flagged', to: 'open', note: 'Find the court record.' });
    expect(Object.keys(flagged.data.actor).sort()).toEqual(['id', 'name']);
    const all = got.map((r) => r.body).join('\n');
    for (const secretish of ['password', 'Hash', 'token', 'session', 'email', 'cookie']) expect(all).not.toContain(secretish);
    expect(got.every((r) => r.headers['user-agent'] === 'Factmark-Webhooks/1' && r.headers['content-type'] === 'application/json')).toBe(true);
  }, 20_000);

  // Last: the sleeping receiver holds the local consumer's batch for up to the 15 s deadline.
  it('answers a write in its usual time while a receiver sleeps 30 s', async () => {
    // The same workflow step timed without and with a subscribed receiver that takes 30 s to answer.
    const timePublishes = async (n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const article = await createArticle(editor, { url: `https://news.example/${crypto.randomUUID()}` });
        let c = await createClaim(editor, article.id);
        c = await claimStep(editor, await claimStep(editor, c, 'verdicts', { rating: 'true', summary: 'Checked.' }), 'flag', { reason: 'Ready' });
        const started = Date.now();
        await claimStep(editor, c, 'publish');
        times.push(Date.now() - started);
      }
      return times.sort((a, b) => a - b);
    };
    const usual = await timePublishes(5);
    const path = `/sleepy-${crypto.randomUUID()}`;
    await createWebhook(db, env, admin(), { url: `${receiver}${path}?sleep=30000`, events: ['claim.published'], kind: 'standard' });
    const withSleeper = await timePublishes(5);
    // The receiver got them (and is still sleeping on them)…
    const got = await waitUntil(() => received(path), (r) => r.length >= 5);
    expect(got.length).toBeGreaterThanOrEqual(5);
    // …while every publish answered in the usual time: nowhere near 30 s (nor the 15 s delivery deadline).
    expect(withSleeper[withSleeper.length - 1]).toBeLessThan(3_000);
    expect(withSleeper[2]).toBeLessThan(usual[2] * 3 + 250);
  }, 60_000);
});
