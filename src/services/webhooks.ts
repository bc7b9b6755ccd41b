/**
 * Webhook endpoints and their deliveries, for admins: register, change, remove, read the
 * attempts, redeliver. The signing secret is in the answer to creation (and to a rotation)
 * only; no other answer, log or audit event carries it.
 */
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../schema/tables';
import { inListChunks, type Db } from '../db';
import { checkUrl, ruleFor } from '../domain/addresses';
import { newId } from '../domain/ids';
import type { DeliveryStatus, WebhookEventType, WebhookKind } from '../domain/webhooks';
import type { Actor, Env } from '../env';
import { DomainError, notFound, staleVersion } from '../domain/errors';
import { eventStatement, written, type Written } from './events';
import { decodeCursor, encodeCursor } from './pagination';
import { bumpVersionIf, nowSql, runGuarded } from './versioning';
import { newWebhookSecret, sealSecret, secretKeyOf } from './webhook-signing';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

/** What the queue carries: a delivery id (the payload stays in D1; messages stay small). */
export interface WebhookMessage {
  deliveryId: string;
  trigger: 'queue' | 'redeliver';
  /**
   * The delivery's `generation` when this message was sent (absent: 0, the producer's first).
   * A redelivery or a sweep takes the next one, and the consumer drops a message whose number
   * is no longer the delivery's: one chain of attempts at a time.
   */
  generation?: number;
}

export function serialiseEndpoint(e: EndpointRow) {
  return {
    id: e.id, url: e.url, kind: e.kind, events: e.events, description: e.description, active: e.active, disabledReason: e.disabledReason,
    secretPrefix: e.secretPrefix, createdBy: e.createdBy, version: e.version, createdAt: e.createdAt, updatedAt: e.updatedAt,
  };
}

export function serialiseDelivery(d: DeliveryRow) {
  return {
    id: d.id, endpointId: d.endpointId, eventType: d.eventType, eventId: d.eventId, status: d.status, attempts: d.attempts,
    lastAttemptAt: d.lastAttemptAt, nextAttemptAt: d.nextAttemptAt, deliveredAt: d.deliveredAt, createdAt: d.createdAt,
  };
}

export function serialiseAttempt(a: AttemptRow) {
  return {
    id: a.id, deliveryId: a.deliveryId, attempt: a.attempt, trigger: a.trigger, at: a.at, durationMs: a.durationMs,
    statusCode: a.statusCode, ok: a.ok, error: a.error, responseExcerpt: a.responseExcerpt,
  };
}

/** What the audit trail keeps of an endpoint: never the secret. */
const audited = (e: Pick<EndpointRow, 'url' | 'kind' | 'events' | 'description' | 'active'>) => ({ url: e.url, kind: e.kind, events: e.events, description: e.description, active: e.active });

/**
 * Where a webhook may point: the outbound-fetch destination rule (`src/domain/addresses.ts`:
 * no private, loopback, link-local or metadata address, standard ports; loopback allowed in
 * development and tests), and https only in production. Names are resolved, and the rule
 * checked again, at every delivery.
 */
export function checkWebhookUrl(env: Pick<Env, 'ENVIRONMENT'>, url: string): void {
  const refuse = (message: string) => new DomainError('validation', `This webhook URL is refused: it ${message}.`, { errors: [{ field: 'url', message }] });
  const verdict = checkUrl(url, ruleFor(env.ENVIRONMENT));
  if (!verdict.ok) throw refuse(verdict.detail);
  const development = env.ENVIRONMENT === 'development' || env.ENVIRONMENT === 'test';
  if (!development && verdict.url.protocol !== 'https:') throw refuse('must be an https:// URL in production');
}

async function requireSecretKey(env: Env): Promise<CryptoKey> {
  const key = await secretKeyOf(env);
  if (!key) throw new DomainError('webhooks-not-configured', 'Webhooks need the Worker secret WEBHOOK_SECRET_KEY (32 random bytes, base64); see the README, "Deploy".');
  return key;
}

async function newSealedSecret(env: Env) {
  const secret = newWebhookSecret();
  return { secret, secretSealed: await sealSecret(await requireSecretKey(env), secret), secretPrefix: secret.slice(0, 12) };
}

export async function listWebhooks(db: Db) {
  const rows = await db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id)).all();
  return rows.map(serialiseEndpoint);
}

export async function getWebhookRow(db: Db, id: string): Promise<EndpointRow> {
  const row = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
  if (!row) throw notFound('webhook', id);
  return row;
}

export interface WebhookInput {
  url: string;
  events: WebhookEventType[];
  kind: WebhookKind;
  description?: string | null;
}

/** Registers an endpoint; a `standard` one answers its signing secret, this once. */
export async function createWebhook(db: Db, env: Env, actor: Actor, input: WebhookInput): Promise<Written<ReturnType<typeof serialiseEndpoint> & { secret?: string }>> {
  checkWebhookUrl(env, input.url);
  const sealed = input.kind === 'standard' ? await newSealedSecret(env) : null;
  const row = {
    id: newId('whk'), url: input.url, kind: input.kind, events: [...new Set(input.events)], description: input.description ?? null,
    secretSealed: sealed?.secretSealed ?? null, secretPrefix: sealed?.secretPrefix ?? null, createdBy: actor.userId,
  };
  const [inserted, events] = await db.batch([
    db.insert(webhookEndpoints).values(row).returning(),
    eventStatement(db, actor, { action: 'webhook.create', entityType: 'webhook', entityId: row.id, after: audited({ ...row, active: true }) }),
  ]);
  return written({ ...serialiseEndpoint(inserted[0]), ...(sealed ? { secret: sealed.secret } : {}) }, events);
}

export interface WebhookPatch {
  url?: string;
  events?: WebhookEventType[];
  description?: string | null;
  active?: boolean;
  /** A new signing secret replaces the old one at once; it is in this answer only. */
  rotateSecret?: boolean;
}

export async function updateWebhook(db: Db, env: Env, actor: Actor, id: string, version: number, patch: WebhookPatch): Promise<Written<ReturnType<typeof serialiseEndpoint> & { secret?: string }>> {
  const current = await getWebhookRow(db, id);
  if (version !== current.version) throw staleVersion('webhook', version, current.version);
  if (patch.url !== undefined) checkWebhookUrl(env, patch.url);
  if (patch.rotateSecret && current.kind !== 'standard') {
    throw new DomainError('validation', 'Slack endpoints are not signed; there is no secret to rotate.', { errors: [{ field: 'rotateSecret', message: 'applies to standard endpoints only' }] });
  }
  const sealed = patch.rotateSecret ? await newSealedSecret(env) : null;
  const set: Partial<typeof webhookEndpoints.$inferInsert> = {};
  if (patch.url !== undefined) set.url = patch.url;
  if (patch.events !== undefined) set.events = [...new Set(patch.events)];
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.active !== undefined) {
    set.active = patch.active;
    if (patch.active) set.disabledReason = null;
  }
  if (sealed) Object.assign(set, { secretSealed: sealed.secretSealed, secretPrefix: sealed.secretPrefix });
  const next = { ...current, ...set };
  const [updated, events] = await runGuarded('webhook', version, 'webhook_endpoints_version_fresh', () =>
    db.batch([
      db.update(webhookEndpoints).set({ ...set, version: bumpVersionIf(version), updatedAt: nowSql }).where(eq(webhookEndpoints.id, id)).returning(),
      // Only while the endpoint is there: an update that raced a delete writes nothing.
      eventStatement(db, actor, { action: 'webhook.update', entityType: 'webhook', entityId: id, before: audited(current), after: { ...audited(next), ...(sealed ? { secretRotated: true } : {}) } }, { onlyIf: { table: webhookEndpoints, where: eq(webhookEndpoints.id, id) } }),
    ]),
  );
  // Removed by another admin since we read it.
  if (!updated[0]) throw notFound('webhook', id);
  return written({ ...serialiseEndpoint(updated[0]), ...(sealed ? { secret: sealed.secret } : {}) }, events);
}

/** Removes an endpoint with its deliveries and attempts. */
export async function deleteWebhook(db: Db, actor: Actor, id: string): Promise<Written<null>> {
  const current = await getWebhookRow(db, id);
  const [events, deleted] = await db.batch([
    // Only while the endpoint is there: of two racing deletes, one writes the event.
    eventStatement(db, actor, { action: 'webhook.delete', entityType: 'webhook', entityId: id, before: audited(current) }, { onlyIf: { table: webhookEndpoints, where: eq(webhookEndpoints.id, id) } }),
    db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)),
  ]);
  // The other of two racing deletes got there first: say so rather than a second 204.
  if (deleted.meta.changes === 0) throw notFound('webhook', id);
  return written(null, events);
}

/** An endpoint's deliveries, newest first, keyset-paginated. */
export async function listDeliveries(db: Db, endpointId: string, opts: { limit: number; cursor?: string; status?: DeliveryStatus }) {
  await getWebhookRow(db, endpointId);
  const after = decodeCursor(opts.cursor);
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        opts.status ? eq(webhookDeliveries.status, opts.status) : undefined,
        after ? or(lt(webhookDeliveries.createdAt, after.at), and(eq(webhookDeliveries.createdAt, after.at), lt(webhookDeliveries.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(opts.limit + 1)
    .all();
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return { items: page.map(serialiseDelivery), nextCursor: rows.length > opts.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
}

/** A delivery with its body (exactly as signed) and every attempt, oldest first. */
export async function getDelivery(db: Db, endpointId: string, deliveryId: string) {
  const [deliveries, attempts] = await db.batch([
    db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId))),
    db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)).orderBy(webhookAttempts.id),
  ]);
  const d = deliveries[0];
  if (!d) throw notFound('delivery', deliveryId);
  return { ...serialiseDelivery(d), payload: d.payload, attemptLog: attempts.map(serialiseAttempt) };
}

/**
 * Sends a delivery again, with the same `webhook-id` (receivers that saw it already can drop
 * it), through the queue: the answer does not wait for the receiver. It takes over from any
 * retry still waiting in the queue (the next `generation`), so a failing receiver is not sent
 * two chains of attempts.
 */
export async function redeliver(db: Db, env: Env, actor: Actor, endpointId: string, deliveryId: string): Promise<Written<ReturnType<typeof serialiseDelivery>>> {
  const endpoint = await getWebhookRow(db, endpointId);
  if (!endpoint.active) throw new DomainError('webhook-disabled', 'This endpoint is disabled; enable it before redelivering.');
  const exists = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId))).get();
  if (!exists) throw notFound('delivery', deliveryId);
  const [updated, events] = await db.batch([
    db
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: nowSql, generation: sql`${webhookDeliveries.generation} + 1` })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId)))
      .returning(),
    eventStatement(db, actor, { action: 'webhook.redeliver', entityType: 'webhook', entityId: endpointId, after: { deliveryId } }),
  ]);
  const row = updated[0];
  if (!row) throw notFound('delivery', deliveryId);
  await env.WEBHOOK_QUEUE.send({ deliveryId, trigger: 'redeliver', generation: row.generation } satisfies WebhookMessage);
  return written(serialiseDelivery(row), events);
}

/** Counts by status of an endpoint's deliveries (for the admin page). */
export async function deliveryCounts(db: Db) {
  const rows = await db
    .select({ endpointId: webhookDeliveries.endpointId, status: webhookDeliveries.status, n: sql<number>`count(*)` })
    .from(webhookDeliveries)
    .groupBy(webhookDeliveries.endpointId, webhookDeliveries.status)
    .all();
  const out: Record<string, Partial<Record<DeliveryStatus, number>>> = {};
  for (const r of rows) (out[r.endpointId] ??= {})[r.status] = r.n;
  return out;
}

/** A page of an endpoint's deliveries with every attempt of each (the admin page). */
export async function deliveriesWithAttempts(db: Db, endpointId: string, opts: { limit: number; cursor?: string }) {
  const page = await listDeliveries(db, endpointId, opts);
  const ids = page.items.map((d) => d.id);
  const attempts = ids.length
    ? (await Promise.all(inListChunks(ids).map((chunk) => db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, chunk)).orderBy(webhookAttempts.id).all()))).flat()
    : [];
  return {
    items: page.items.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id).map(serialiseAttempt) })),
    nextCursor: page.nextCursor,
  };
}
