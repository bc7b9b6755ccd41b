/**
 * A read model for the dashboard (issue 17): the figures that come back most often, from the
 * claim library's value keys (issue 14, `claim_value_keys`; src/domain/value-keys.ts). Claim
 * matching stores every claim under the buckets of its value (one scale per kind and unit, a
 * fine bucket 10 % wide); claims in different articles under one fine bucket state figures
 * the matcher could call the same. Here the claims made in a period are grouped by fine
 * bucket, and the buckets found in the most articles come first.
 *
 * One statement: the period's claims through `claims_created_idx` (read once), their keys
 * through `claim_value_keys_claim_idx`; its cost grows with the claims made in the period,
 * not with the library.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db';

export interface RecurringFiguresFilter {
  /** First and last UTC day of the period, both included (`YYYY-MM-DD`). */
  from: string;
  to: string;
  publisher?: string;
  /** How many figures to list; 10 unless said. */
  limit?: number;
}

export interface RecurringFigure {
  /** The value key (kind|unit|f<bucket>). */
  key: string;
  /** The figure most of its claims state, to name it by (its kind, value and qualifiers). */
  kind: string;
  value: unknown;
  approximate: boolean;
  bound: string | null;
  /** The subject most of those claims give, if any ("people protesting"). */
  subject: string | null;
  /** Articles that stated it in the period, claims stating it, and of those the published checks. */
  articles: number;
  claims: number;
  checked: number;
  lastAt: string;
}

/** Buckets read before figures named alike are folded (an approximate figure spans two or three). */
const READ_FACTOR = 3;

const DAY_MS = 86_400_000;
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** The statement: claims made in the period → their fine keys → the fullest keys, each with the figure most of its claims state. */
export function recurringFiguresQuery(filter: RecurringFiguresFilter, read: number) {
  // The article by its key, per claim: the period bounds the work even for a publisher with most of the claims.
  const publisher = filter.publisher ? sql`JOIN articles a ON a.id = c.article_id AND a.publisher = ${filter.publisher}` : sql``;
  return sql`
    WITH stated AS MATERIALIZED (
      SELECT k.key, c.article_id, c.kind, c.value, c.approximate, c.bound, c.subject, c.published_verdict_id, c.created_at
      FROM claims c INDEXED BY claims_created_idx
      ${publisher}
      JOIN claim_value_keys k ON k.claim_rowid = c.rowid
      WHERE c.created_at >= ${filter.from} AND c.created_at < ${dayAfter(filter.to)}
        AND c.status <> 'dismissed' AND k.key GLOB '*|f[0-9-]*'
    ),
    top AS (
      SELECT key, count(DISTINCT article_id) AS articles, count(*) AS claims,
        sum(published_verdict_id IS NOT NULL) AS checked, max(created_at) AS last_at
      FROM stated GROUP BY key HAVING count(DISTINCT article_id) >= 2
      ORDER BY articles DESC, claims DESC, key LIMIT ${read}
    ),
    named AS (
      SELECT s.key, s.kind, s.value, s.approximate, s.bound, max(s.subject) AS subject,
        row_number() OVER (PARTITION BY s.key ORDER BY count(*) DESC, s.value) AS rank
      FROM stated s JOIN top USING (key)
      GROUP BY s.key, s.kind, s.value, s.approximate, s.bound
    )
    SELECT top.key, top.articles, top.claims, top.checked, top.last_at, named.kind, named.value, named.approximate, named.bound, named.subject
    FROM top JOIN named ON named.key = top.key AND named.rank = 1
    ORDER BY top.articles DESC, top.claims DESC, top.key`;
}

interface Row {
  key: string; articles: number; claims: number; checked: number; last_at: string;
  kind: string; value: string; approximate: number; bound: string | null; subject: string | null;
}

/**
 * Figures stated in at least two articles in the period, in the most articles first (then the
 * most claims). Dismissed claims do not count (someone decided they were not claims).
 */
export async function recurringFigures(db: Db, filter: RecurringFiguresFilter): Promise<RecurringFigure[]> {
  const limit = filter.limit ?? 10;
  const rows = await db.all<Row>(recurringFiguresQuery(filter, limit * READ_FACTOR));
  // An approximate figure sits in two or three neighbouring buckets: the first (fullest) names it.
  const seen = new Set<string>();
  const out: RecurringFigure[] = [];
  for (const r of rows) {
    const same = `${r.kind}|${r.value}|${r.approximate}|${r.bound ?? ''}`;
    if (seen.has(same)) continue;
    seen.add(same);
    out.push({
      key: r.key, kind: r.kind, value: JSON.parse(r.value), approximate: !!r.approximate, bound: r.bound, subject: r.subject,
      articles: Number(r.articles), claims: Number(r.claims), checked: Number(r.checked), lastAt: r.last_at,
    });
    if (out.length === limit) break;
  }
  return out;
}
