/**
 * The Worker's Cron Trigger (`[triggers] crons` in wrangler.toml): webhook deliveries left
 * `pending` are queued again (`sweepStalledDeliveries`), then one run of the schedule that
 * follows articles (`src/services/follow.ts`), then the after-write step for the
 * revisions it stored (so published claims whose words changed are flagged to the editors),
 * exactly as an API write would run it (the feed purge needs `PUBLIC_ORIGIN`).
 */
import { createDb } from './db';
import type { Env } from './env';
import { REACTIONS, runAfterWrite } from './services/after-write';
import { runFollowSchedule } from './services/follow';
import { sweepStalledDeliveries } from './services/webhook-delivery';

export async function scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  const now = new Date(controller.scheduledTime);
  // A failing sweep (the queue down) must not stop the schedule: logged, and the next run tries again.
  await sweepStalledDeliveries(createDb(env.DB), env, { now: now.getTime() }).catch((error: unknown) =>
    console.error(JSON.stringify({ level: 'error', what: 'webhook sweep failed', error: String(error) })),
  );
  const run = await runFollowSchedule(createDb(env.DB), { environment: env.ENVIRONMENT, dohUrl: env.DOH_URL }, now);
  console.log(JSON.stringify({ level: 'info', what: 'follow schedule', cron: controller.cron, at: now.toISOString(), due: run.due, checked: run.checked, changed: run.changed, failed: run.failed }));
  if (!run.events.length) return;
  // Cached feeds are keyed by this deployment's origin, which a Cron Trigger does not know
  // unless PUBLIC_ORIGIN says it; without it they refresh when their cache time runs out.
  const { purgeFeeds, ...others } = REACTIONS;
  await runAfterWrite(
    { env, origin: env.PUBLIC_ORIGIN ?? '', requestId: `cron-${controller.scheduledTime}`, waitUntil: env.ENVIRONMENT === 'test' ? null : (work) => ctx.waitUntil(work) },
    run.events,
    env.PUBLIC_ORIGIN ? REACTIONS : others,
  );
}
