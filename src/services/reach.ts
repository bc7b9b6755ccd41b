/**
 * Reader reach: how many page views the embed had per article and day, and how many
 * popovers readers opened. One interface, two stores:
 *
 * - production: Workers Analytics Engine. The Worker writes one data point per beacon
 *   through the `REACH` binding and reads totals back through the Analytics Engine SQL API
 *   (`ANALYTICS_ACCOUNT_ID` and `ANALYTICS_API_TOKEN`, an API token with Account Analytics
 *   Read), cached for five minutes;
 * - development and tests: the `reach_daily` table in D1.
 *
 * No store holds anything about the reader: an article, a day and two counts.
 */
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { reachDaily } from '../../schema/tables';
import type { Db } from '../db';
import type { Env } from '../env';
import { analyticsEngineReachStore } from './reach-analytics-engine';
import type { ReachHit, ReachQuery, ReachReport, ReachStore } from './reach-types';

export { analyticsEngineReachStore, REACH_DATASET, reachQueries, sqlString } from './reach-analytics-engine';
export type { ReachHit, ReachQuery, ReachReport, ReachStore } from './reach-types';

/** Development and tests: counts per (day, article) in D1. */
export function d1ReachStore(db: Db): ReachStore {
  return {
    kind: 'd1',
    async record(hit) {
      await db
        .insert(reachDaily)
        .values({ day: hit.day, articleId: hit.articleId, publisher: hit.publisher, views: 1, opens: hit.opens })
        .onConflictDoUpdate({ target: [reachDaily.day, reachDaily.articleId], set: { views: sql`${reachDaily.views} + 1`, opens: sql`${reachDaily.opens} + excluded.opens` } });
    },
    async report(q) {
      const where = and(gte(reachDaily.day, q.from), lte(reachDaily.day, q.to), q.publisher ? eq(reachDaily.publisher, q.publisher) : undefined);
      const views = sql<number>`sum(${reachDaily.views})`;
      const opens = sql<number>`sum(${reachDaily.opens})`;
      const [perDay, perArticle] = await db.batch([
        db.select({ day: reachDaily.day, views, opens }).from(reachDaily).where(where).groupBy(reachDaily.day).orderBy(reachDaily.day),
        db.select({ articleId: reachDaily.articleId, views, opens }).from(reachDaily).where(where).groupBy(reachDaily.articleId).orderBy(desc(views), reachDaily.articleId).limit(q.limit ?? 20),
      ]);
      return { perDay, perArticle };
    },
  };
}

/** Analytics Engine in production (when the binding is there), D1 everywhere else. */
export function reachStoreFor(env: Env, db: Db): ReachStore {
  if (env.ENVIRONMENT === 'production' && env.REACH) {
    return analyticsEngineReachStore({
      dataset: env.REACH,
      accountId: env.ANALYTICS_ACCOUNT_ID,
      apiToken: env.ANALYTICS_API_TOKEN,
      cache: typeof caches !== 'undefined' ? (caches as unknown as { default: Cache }).default : null,
    });
  }
  return d1ReachStore(db);
}
