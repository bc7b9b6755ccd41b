/**
 * The Cron Trigger's second job: webhook deliveries that were written but never reached the
 * queue (the after-write step stored them, then `sendBatch` failed) stay `pending` with no
 * attempt. Each run sends those older than SWEEP_AFTER_MS to the queue again, a bounded number;
 * receivers drop a duplicate by its `webhook-id` (the delivery's id) should the first send have
 * gone through after all.
 */
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { webhookDeliveries } from '../../schema/tables';
import type { Db } from '../db';
import type { Env } from '../env';
import type { WebhookMessage } from './webhooks';

/** A delivery still unattempted this long after it was written was lost on its way to the queue. */
export const SWEEP_AFTER_MS = 10 * 60_000;
/** At most this many per run (one `sendBatch`). */
export const SWEEP_MAX = 100;

export async function sweepStaleDeliveries(db: Db, env: Pick<Env, 'WEBHOOK_QUEUE'>, now: Date): Promise<number> {
  const before = new Date(now.getTime() - SWEEP_AFTER_MS).toISOString();
  const stale = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'pending'), eq(webhookDeliveries.attempts, 0), isNull(webhookDeliveries.lastAttemptAt), lte(webhookDeliveries.createdAt, before)))
    .orderBy(asc(webhookDeliveries.createdAt))
    .limit(SWEEP_MAX)
    .all();
  if (!stale.length) return 0;
  await env.WEBHOOK_QUEUE.sendBatch(stale.map((d) => ({ body: { deliveryId: d.id, trigger: 'queue' } satisfies WebhookMessage, contentType: 'json' as const })));
  return stale.length;
}
