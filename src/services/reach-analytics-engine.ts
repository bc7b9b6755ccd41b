/**
 * Reach in production: Workers Analytics Engine, written through the `REACH` binding and read
 * back through the Analytics Engine SQL API. Free of Worker-only types and of the database
 * layer, so it is tested in Node against a local stand-in for the SQL API.
 */
import type { ReachQuery, ReachStore } from './reach-types';

/** The Analytics Engine dataset; wrangler.toml's `[[analytics_engine_datasets]]` names the same. */
export const REACH_DATASET = 'factmark_reach';
/** The SQL API of Analytics Engine, per account. */
export const ANALYTICS_SQL_URL = 'https://api.cloudflare.com/client/v4/accounts/{account}/analytics_engine/sql';
/** Read-backs from the SQL API are kept this long in the Worker's cache. */
const REPORT_TTL_SECONDS = 300;

/** What the binding offers that we use (`AnalyticsEngineDataset` in the Workers types). */
export interface DataPointWriter {
  writeDataPoint(point: { indexes?: string[]; blobs?: string[]; doubles?: number[] }): void;
}

/** A string literal for Analytics Engine SQL (ClickHouse rules: backslash escapes). */
export function sqlString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The two read-back queries for a period (days are UTC; `to` is included). */
export function reachQueries(q: ReachQuery, dataset = REACH_DATASET): { perDay: string; perArticle: string } {
  const next = new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const where = [
    `timestamp >= toDateTime('${q.from} 00:00:00')`,
    `timestamp < toDateTime('${next} 00:00:00')`,
    ...(q.publisher ? [`blob2 = ${sqlString(q.publisher)}`] : []),
  ].join(' AND ');
  // Data points may be sampled: each stands for _sample_interval of them.
  const sums = 'SUM(_sample_interval * double1) AS views, SUM(_sample_interval * double2) AS opens';
  return {
    perDay: `SELECT toStartOfInterval(timestamp, INTERVAL '1' DAY) AS day, ${sums} FROM ${dataset} WHERE ${where} GROUP BY day ORDER BY day FORMAT JSON`,
    perArticle: `SELECT blob1 AS article, ${sums} FROM ${dataset} WHERE ${where} GROUP BY article ORDER BY views DESC LIMIT ${q.limit ?? 20} FORMAT JSON`,
  };
}

export interface AnalyticsEngineOptions {
  dataset: DataPointWriter;
  accountId?: string;
  apiToken?: string;
  /** The SQL API address, `{account}` replaced by the account id (tests point it at a local server). */
  sqlUrl?: string;
  fetch?: typeof fetch;
  /** Where read-backs are cached (the Workers Cache API in production); none in tests. */
  cache?: Cache | null;
}

/**
 * Production: one data point per beacon — index and blob1 the article id (the sampling key
 * follows how we read: per article), blob2 the publisher, double1 one view, double2 the
 * popovers opened — read back with two SQL API queries.
 */
export function analyticsEngineReachStore(opts: AnalyticsEngineOptions): ReachStore {
  const doFetch = opts.fetch ?? fetch;
  async function run(query: string): Promise<Record<string, unknown>[]> {
    const url = (opts.sqlUrl ?? ANALYTICS_SQL_URL).replace('{account}', encodeURIComponent(opts.accountId ?? ''));
    const key = opts.cache ? `${url}?q=${encodeURIComponent(query)}` : '';
    const cached = key ? await opts.cache!.match(key) : undefined;
    const res = cached ?? (await doFetch(url, { method: 'POST', headers: { Authorization: `Bearer ${opts.apiToken}` }, body: query, signal: AbortSignal.timeout(5000) }));
    if (!res.ok) throw new Error(`the Analytics Engine SQL API answered ${res.status}`);
    const text = await res.text();
    if (key && !cached) await opts.cache!.put(key, new Response(text, { headers: { 'Cache-Control': `max-age=${REPORT_TTL_SECONDS}` } }));
    const body = JSON.parse(text) as { data?: Record<string, unknown>[] };
    return Array.isArray(body.data) ? body.data : [];
  }
  return {
    kind: 'analytics-engine',
    async record(hit) {
      opts.dataset.writeDataPoint({ indexes: [hit.articleId], blobs: [hit.articleId, hit.publisher], doubles: [1, hit.opens] });
    },
    async report(q) {
      if (!opts.accountId || !opts.apiToken) {
        return { perDay: [], perArticle: [], unavailable: 'Reach is recorded, but cannot be read back: set ANALYTICS_ACCOUNT_ID and ANALYTICS_API_TOKEN (README, Deploy).' };
      }
      try {
        const queries = reachQueries(q);
        const [days, arts] = await Promise.all([run(queries.perDay), run(queries.perArticle)]);
        return {
          perDay: days.map((r) => ({ day: String(r.day).slice(0, 10), views: Math.round(Number(r.views) || 0), opens: Math.round(Number(r.opens) || 0) })),
          perArticle: arts.map((r) => ({ articleId: String(r.article), views: Math.round(Number(r.views) || 0), opens: Math.round(Number(r.opens) || 0) })),
        };
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', what: 'reach read-back', error: String(error) }));
        return { perDay: [], perArticle: [], unavailable: 'Reach could not be read from Workers Analytics Engine just now.' };
      }
    },
  };
}
