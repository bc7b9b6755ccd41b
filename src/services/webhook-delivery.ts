/**
 * Webhook delivery through a Cloudflare Queue.
 *
 * Producer (`enqueueWebhooks`, one reaction of the after-write step): for each audit event
 * that has a webhook event name, a delivery row per subscribed active endpoint holding the
 * body exactly as it will be signed, then one queue message per delivery. The write that
 * caused it has committed already and never waits for a receiver.
 *
 * Consumer (`deliverWebhookBatch`, the Worker's `queue` handler): signs and sends each
 * delivery, logs the attempt, and acks, retries later (`message.retry({delaySeconds})`, an
 * exponential schedule over about a day) or, after the last attempt, marks the delivery
 * failed and hands it to the dead-letter queue.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../schema/tables';
import { createDb, isoNow, type Db } from '../db';
import { newId } from '../domain/ids';
import { DELIVERY_TIMEOUT_MS, parseRetrySchedule, RESPONSE_EXCERPT_MAX, retryDelay, webhookEventOf } from '../domain/webhooks';
import type { Env } from '../env';
import { slackMessage } from './slack-message';
import { buildWebhookPayload, type AuditEvent, type WebhookPayload } from './webhook-payloads';
import { OutboundError, outboundFetch } from './outbound-fetch';
import { openSecret, secretKeyOf, webhookHeaders } from './webhook-signing';
import { checkWebhookUrl, type WebhookMessage } from './webhooks';

const log = (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) =>
  console[level === 'info' ? 'log' : level](JSON.stringify({ level, message, ...fields }));

/** A queue's sendBatch takes at most 100 messages. */
const SEND_BATCH_MAX = 100;

/**
 * Queues the webhooks of a write's audit events. Returns how many deliveries were queued.
 * The after-write step calls it once the write's batch has committed; it throws only if D1 or
 * the queue does, and the step logs that and moves on (a webhook never fails a write).
 *
 * @example await enqueueWebhooks(db, env, 'https://factmark.example', eventsOfTheWrite)
 */
export async function enqueueWebhooks(db: Db, env: Pick<Env, 'WEBHOOK_QUEUE'>, host: string, auditEvents: AuditEvent[]): Promise<number> {
  const relevant = auditEvents.filter((e) => webhookEventOf(e.action) !== null);
  if (!relevant.length) return 0;
  const endpoints = await db.select({ id: webhookEndpoints.id, events: webhookEndpoints.events }).from(webhookEndpoints).where(eq(webhookEndpoints.active, true)).all();
  if (!endpoints.length) return 0;
  const rows: (typeof webhookDeliveries.$inferInsert)[] = [];
  for (const event of relevant) {
    const type = webhookEventOf(event.action)!;
    const subscribers = endpoints.filter((e) => e.events.includes(type));
    if (!subscribers.length) continue;
    const payload: WebhookPayload | null = await buildWebhookPayload(db, host, event);
    if (!payload) continue;
    const body = JSON.stringify(payload);
    // nextAttemptAt: when it was queued (a delivery still pending long after is swept up).
    for (const endpoint of subscribers) rows.push({ id: newId('msg'), endpointId: endpoint.id, eventType: type, eventId: event.id, payload: body, status: 'pending', nextAttemptAt: isoNow() });
  }
  if (!rows.length) return 0;
  // One statement per delivery (a multi-row insert would hit D1's 100-parameter limit).
  const inserts = rows.map((r) => db.insert(webhookDeliveries).values(r));
  await db.batch(inserts as [(typeof inserts)[number], ...(typeof inserts)[number][]]);
  await sendMessages(env.WEBHOOK_QUEUE, rows.map((r) => ({ deliveryId: r.id!, trigger: 'queue' })));
  return rows.length;
}

async function sendMessages(queue: Queue<WebhookMessage>, messages: WebhookMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += SEND_BATCH_MAX) {
    await queue.sendBatch(messages.slice(i, i + SEND_BATCH_MAX).map((body) => ({ body, contentType: 'json' as const })));
  }
}

/** How long a delivery may stay `pending` before the sweep queues it again. */
export const STALLED_AFTER_MS = 5 * 60_000;

/**
 * Deliveries still `pending` `olderThanMs` after they were queued: their queue send failed
 * (the write stood; `enqueueWebhooks` threw after storing them, or a redelivery's send did) or
 * their message was lost. Each is queued again as its next `generation`, so a message that was
 * only late is dropped when it comes. For the Worker's Cron Trigger; returns how many went.
 *
 * @example await sweepStalledDeliveries(createDb(env.DB), env) // in scheduled()
 */
export async function sweepStalledDeliveries(db: Db, env: Pick<Env, 'WEBHOOK_QUEUE'>, opts: { now?: number; olderThanMs?: number; limit?: number } = {}): Promise<number> {
  const cutoff = new Date((opts.now ?? Date.now()) - (opts.olderThanMs ?? STALLED_AFTER_MS)).toISOString();
  const stalled = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'pending'), lt(sql`coalesce(${webhookDeliveries.nextAttemptAt}, ${webhookDeliveries.createdAt})`, cutoff)))
    .limit(opts.limit ?? 500)
    .all();
  if (!stalled.length) return 0;
  const takeOver = stalled.map((d) =>
    db
      .update(webhookDeliveries)
      .set({ generation: sql`${webhookDeliveries.generation} + 1`, nextAttemptAt: isoNow() })
      .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.status, 'pending')))
      .returning({ id: webhookDeliveries.id, generation: webhookDeliveries.generation }),
  );
  const taken = (await db.batch(takeOver as [(typeof takeOver)[number], ...(typeof takeOver)[number][]])).flat();
  await sendMessages(env.WEBHOOK_QUEUE, taken.map((d) => ({ deliveryId: d.id, trigger: 'queue', generation: d.generation })));
  log('info', 'webhook deliveries swept', { count: taken.length });
  return taken.length;
}

// ---------------------------------------------------------------------------------------
// Sending

export interface AttemptResult {
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
  /** Seconds the receiver asked us to wait (Retry-After on 429/503), if any. */
  retryAfter: number | null;
}

/** The first `max` characters of an answer, as text (shown as text, never as HTML). */
function excerptOf(body: Uint8Array, max = RESPONSE_EXCERPT_MAX): string | null {
  const chars = Array.from(new TextDecoder('utf-8').decode(body.subarray(0, max * 4)));
  return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('') || null;
}

function retryAfterSeconds(headers: Headers): number | null {
  const raw = headers.get('retry-after');
  if (!raw) return null;
  const n = /^\d+$/.test(raw.trim()) ? Number(raw) : Math.ceil((Date.parse(raw) - Date.now()) / 1000);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 43_200) : null;
}

/**
 * A receiver's answer is read up to this many bytes (enough for the excerpt's characters), the
 * rest left unread: the status says whether it took the webhook, however long its body.
 */
const MAX_ANSWER_BYTES = RESPONSE_EXCERPT_MAX * 4;

/**
 * One POST to a receiver through the outbound-fetch module (`src/services/outbound-fetch.ts`):
 * the registration rule checked again now (https in production, `checkWebhookUrl`), then the
 * destination rule on the URL and on what its name resolves to; no redirect followed (a 3xx is
 * a failure: update the URL); a deadline; only an excerpt of the answer kept.
 */
export async function sendWebhookRequest(env: Pick<Env, 'ENVIRONMENT' | 'DOH_URL'>, url: string, body: string, headers: Record<string, string>, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<AttemptResult> {
  const started = Date.now();
  try {
    checkWebhookUrl(env, url);
  } catch (error) {
    return { statusCode: null, ok: false, error: `blocked-address: ${(error as Error).message}`.slice(0, 300), responseExcerpt: null, durationMs: 0, retryAfter: null };
  }
  try {
    const res = await outboundFetch(url, {
      environment: env.ENVIRONMENT,
      dohUrl: env.DOH_URL,
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Factmark-Webhooks/1', ...headers },
      maxRedirects: 0,
      timeoutMs,
      maxBytes: MAX_ANSWER_BYTES,
      overflow: 'truncate',
    });
    const ok = res.status >= 200 && res.status < 300;
    return { statusCode: res.status, ok, error: ok ? null : `HTTP ${res.status}`, responseExcerpt: excerptOf(res.body), durationMs: Date.now() - started, retryAfter: retryAfterSeconds(res.headers) };
  } catch (error) {
    const message = error instanceof OutboundError ? `${error.code}: ${error.message}` : `could not send: ${error instanceof Error ? error.message : String(error)}`;
    return { statusCode: null, ok: false, error: message.slice(0, 300), responseExcerpt: null, durationMs: Date.now() - started, retryAfter: null };
  }
}

// ---------------------------------------------------------------------------------------
// The queue consumer

const notSent = (why: string): AttemptResult => ({ statusCode: null, ok: false, error: `not sent: ${why}`, responseExcerpt: null, durationMs: 0, retryAfter: null });

type QueueMessage = Pick<Message<WebhookMessage>, 'body' | 'attempts' | 'ack' | 'retry'>;

/** Builds and sends one delivery; records the attempt; acks or retries the message. */
export async function deliverMessage(db: Db, env: Env, message: QueueMessage): Promise<void> {
  const { deliveryId } = message.body;
  const generation = message.body.generation ?? 0;
  const found = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId))
    .get();
  // Removed with its endpoint meanwhile; taken over by a redelivery or a sweep (a later
  // generation); or a second copy of a message already delivered (queues deliver at least once).
  if (!found || found.delivery.generation !== generation || (found.delivery.status === 'delivered' && message.body.trigger === 'queue')) return message.ack();
  const { delivery, endpoint } = found;
  // This message's chain, and no other, writes the delivery's state.
  const ours = and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.generation, generation));
  if (!endpoint.active) {
    await db.update(webhookDeliveries).set({ status: 'failed', nextAttemptAt: null }).where(ours);
    return message.ack();
  }

  let result: AttemptResult;
  if (endpoint.kind === 'slack') {
    result = await sendWebhookRequest(env, endpoint.url, JSON.stringify(slackMessage(JSON.parse(delivery.payload) as WebhookPayload)), {});
  } else {
    const key = await secretKeyOf(env);
    // Null when the secret was sealed under another key (WEBHOOK_SECRET_KEY replaced): an
    // attempt that says so, retried and then failed like any other, not a consumer crash.
    const secret = key && endpoint.secretSealed ? await openSecret(key, endpoint.secretSealed).catch(() => null) : null;
    if (!key || !endpoint.secretSealed) {
      result = notSent('the Worker secret WEBHOOK_SECRET_KEY is missing');
    } else if (secret === null) {
      result = notSent('the endpoint’s secret cannot be opened with WEBHOOK_SECRET_KEY (was the key replaced?); give the endpoint a new secret');
    } else {
      result = await sendWebhookRequest(env, endpoint.url, delivery.payload, await webhookHeaders(secret, delivery.id, delivery.payload));
    }
  }

  const gone = result.statusCode === 410;
  let delay: number | null = null;
  if (!result.ok && !gone) {
    delay = retryDelay(message.attempts, parseRetrySchedule(env.WEBHOOK_RETRY_DELAYS));
    if (delay !== null && result.retryAfter) delay = Math.min(43_200, Math.max(delay, result.retryAfter));
  }
  const status = result.ok ? 'delivered' : delay === null ? 'failed' : 'retrying';
  const now = isoNow();
  const [, updated] = await db.batch([
    db.insert(webhookAttempts).values({
      deliveryId,
      attempt: sql<number>`(SELECT coalesce(max(attempt), 0) + 1 FROM webhook_attempts WHERE delivery_id = ${deliveryId})`,
      trigger: message.body.trigger,
      at: now,
      durationMs: result.durationMs,
      statusCode: result.statusCode,
      ok: result.ok,
      error: result.error,
      responseExcerpt: result.responseExcerpt,
    }),
    db
      .update(webhookDeliveries)
      .set({
        status,
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastAttemptAt: now,
        nextAttemptAt: delay === null ? null : isoNow(delay * 1000),
        ...(result.ok ? { deliveredAt: now } : {}),
      })
      .where(ours),
    // Standard Webhooks: 410 Gone means the receiver wants no more; the endpoint is disabled until an admin enables it.
    ...(gone ? [db.update(webhookEndpoints).set({ active: false, disabledReason: `The receiver answered 410 Gone at ${now}.` }).where(eq(webhookEndpoints.id, endpoint.id))] : []),
  ]);
  // A redelivery took over while this attempt was out: its attempt stays logged, its chain ends here.
  const superseded = updated.meta.changes === 0;
  log(result.ok ? 'info' : 'warn', 'webhook attempt', { deliveryId, endpointId: endpoint.id, eventType: delivery.eventType, status: superseded ? 'superseded' : status, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs, retryInSeconds: superseded ? null : delay });

  if (superseded) return message.ack();
  if (status === 'retrying') return message.retry({ delaySeconds: delay! });
  if (status === 'failed' && !gone && env.WEBHOOK_DEAD_LETTERS) {
    await env.WEBHOOK_DEAD_LETTERS.send({ ...message.body, failedAt: now, lastError: result.error });
  }
  message.ack();
}

/** The Worker's `queue` handler for the webhook queue: every message of a batch at once. */
export async function deliverWebhookBatch(batch: MessageBatch<WebhookMessage>, env: Env): Promise<void> {
  const db = createDb(env.DB);
  await Promise.all(
    batch.messages.map((m) =>
      deliverMessage(db, env, m).catch((error) => {
        // D1 or the queue failed, not the receiver: try the message again later.
        log('error', 'webhook delivery crashed', { deliveryId: m.body?.deliveryId, error: String(error) });
        m.retry({ delaySeconds: 60 });
      }),
    ),
  );
}
