import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { events, webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../schema/tables';
import { createDb } from '../../src/db';
import type { Actor } from '../../src/env';
import { runAfterWrite } from '../../src/services/after-write';
import { deliverMessage, sweepStalledDeliveries } from '../../src/services/webhook-delivery';
import { createWebhook, redeliver, type WebhookMessage } from '../../src/services/webhooks';
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

  it('sends comment.created with the comment (issue 11), as a checker reads it; a Slack endpoint shows the words', async () => {
    const path = `/comments-${crypto.randomUUID()}`;
    const slack = `/comments-slack-${crypto.randomUUID()}`;
    await createWebhook(db, env, admin(), { url: `${receiver}${path}`, events: ['comment.created'], kind: 'standard' });
    await createWebhook(db, env, admin(), { url: `${receiver}${slack}`, events: ['comment.created'], kind: 'slack' });
    const article = await createArticle(editor, { url: `https://news.example/${crypto.randomUUID()}` });
    const claim = await createClaim(editor, article.id);
    const posted = await editor.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body: { body: 'Is the <fine> in USD?' } });
    expect(posted.status).toBe(201);
    const [got] = await waitUntil(() => received(path), (r) => r.length >= 1);
    expect(JSON.parse(got.body)).toMatchObject({
      type: 'comment.created',
      data: { claim: { id: claim.id }, article: { id: article.id }, comment: { id: posted.json.id, body: 'Is the <fine> in USD?', authorName: 'Test editor', mentions: [] } },
    });
    const [message] = await waitUntil(() => received(slack), (r) => r.length >= 1);
    expect(JSON.parse(message.body).text).toContain('New comment on a claim');
    expect(JSON.stringify(JSON.parse(message.body).blocks)).toContain('Is the &lt;fine&gt; in USD?');
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

// ---------------------------------------------------------------------------------------
// The consumer run by the test itself, one message at a time (deliverMessage)

/** An endpoint at a path of its own on the receiver (`query` says how the receiver behaves there). */
async function endpointAt(name: string, query = '', kind: 'standard' | 'slack' = 'standard') {
  const path = `/${name}-${crypto.randomUUID()}`;
  const hook = (await createWebhook(db, env, admin(), { url: `${receiver}${path}${query}`, events: ['claim.published'], kind })).value;
  return { path, hook };
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

describe('the consumer, message by message', () => {
  afterEach(async () => {
    await db.update(webhookEndpoints).set({ active: false });
  });

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
});
