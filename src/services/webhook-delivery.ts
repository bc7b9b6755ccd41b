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
import { eq, sql } from 'drizzle-orm';
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
    for (const endpoint of subscribers) rows.push({ id: newId('msg'), endpointId: endpoint.id, eventType: type, eventId: event.id, payload: body, status: 'pending' });
  }
  if (!rows.length) return 0;
  // One statement per delivery (a multi-row insert would hit D1's 100-parameter limit).
  const inserts = rows.map((r) => db.insert(webhookDeliveries).values(r));
  await db.batch(inserts as [(typeof inserts)[number], ...(typeof inserts)[number][]]);
  for (let i = 0; i < rows.length; i += SEND_BATCH_MAX) {
    await env.WEBHOOK_QUEUE.sendBatch(rows.slice(i, i + SEND_BATCH_MAX).map((r) => ({ body: { deliveryId: r.id!, trigger: 'queue' } satisfies WebhookMessage, contentType: 'json' as const })));
  }
  return rows.length;
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

type QueueMessage = Pick<Message<WebhookMessage>, 'body' | 'attempts' | 'ack' | 'retry'>;

/** Builds and sends one delivery; records the attempt; acks or retries the message. */
export async function deliverMessage(db: Db, env: Env, message: QueueMessage): Promise<void> {
  const { deliveryId } = message.body;
  const found = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId))
    .get();
  // Removed with its endpoint meanwhile, or a second copy of a message already delivered (queues deliver at least once).
  if (!found || (found.delivery.status === 'delivered' && message.body.trigger === 'queue')) return message.ack();
  const { delivery, endpoint } = found;
  if (!endpoint.active) {
    await db.update(webhookDeliveries).set({ status: 'failed', nextAttemptAt: null }).where(eq(webhookDeliveries.id, deliveryId));
    return message.ack();
  }

  let result: AttemptResult;
  if (endpoint.kind === 'slack') {
    result = await sendWebhookRequest(env, endpoint.url, JSON.stringify(slackMessage(JSON.parse(delivery.payload) as WebhookPayload)), {});
  } else {
    const key = await secretKeyOf(env);
    if (!key || !endpoint.secretSealed) {
      result = { statusCode: null, ok: false, error: 'not sent: the Worker secret WEBHOOK_SECRET_KEY is missing', responseExcerpt: null, durationMs: 0, retryAfter: null };
    } else {
      const secret = await openSecret(key, endpoint.secretSealed);
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
  await db.batch([
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
      .where(eq(webhookDeliveries.id, deliveryId)),
    // Standard Webhooks: 410 Gone means the receiver wants no more; the endpoint is disabled until an admin enables it.
    ...(gone ? [db.update(webhookEndpoints).set({ active: false, disabledReason: `The receiver answered 410 Gone at ${now}.` }).where(eq(webhookEndpoints.id, endpoint.id))] : []),
  ]);
  log(result.ok ? 'info' : 'warn', 'webhook attempt', { deliveryId, endpointId: endpoint.id, eventType: delivery.eventType, status, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs, retryInSeconds: delay });

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
