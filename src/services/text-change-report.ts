/**
 * A read model for the dashboard (issue 17): the articles whose text changed under a published
 * check in a period. Read from the audit trail, where re-anchoring writes one
 * `claim.text-change` event per claim whose words changed or went, with `after.public` saying
 * whether readers saw that claim checked at that moment (`src/services/revisions.ts`). The
 * read uses the `(action, at)` index of `events`: its cost grows with the changes in the
 * period, not with the size of the trail.
 */
import { and, count, countDistinct, desc, eq, gte, isNotNull, lt, max, min, sql } from 'drizzle-orm';
import { articles, claims, events } from '../../schema/tables';
import type { Db } from '../db';

export interface TextChangeReportFilter {
  /** First and last UTC day of the period, both included (`YYYY-MM-DD`). */
  from: string;
  to: string;
  /** Only this publisher's articles. */
  publisher?: string;
  /** How many articles to list (the most recently changed first); 20 unless said. */
  limit?: number;
}

export interface TextChangedArticle {
  articleId: string;
  title: string;
  publisher: string;
  slug: string;
  url: string;
  /** Published claims whose words changed or went in the period. */
  claims: number;
  /** Of their changes in the period, how many removed the words (the rest changed them). */
  gone: number;
  /** Changes in the period (a claim may change more than once). */
  changes: number;
  firstAt: string;
  lastAt: string;
  /** Claims of the article that readers see with "The article has changed since this check" now. */
  noticeNow: number;
}

export interface TextChangeReport {
  /** Articles with such a change in the period (all of them, not only those listed). */
  total: number;
  items: TextChangedArticle[];
  /** Changes per UTC day of the period (days without any are left out). */
  perDay: { day: string; changes: number }[];
}

const DAY_MS = 86_400_000;
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Articles whose text changed under a published check from `from` to `to`, most recent first. */
export async function textChangeReport(db: Db, filter: TextChangeReportFilter): Promise<TextChangeReport> {
  const where = and(
    eq(events.action, 'claim.text-change'),
    gte(events.at, filter.from),
    lt(events.at, dayAfter(filter.to)),
    sql`json_extract(${events.after}, '$.public') = 1`,
    isNotNull(events.articleId),
    filter.publisher ? eq(articles.publisher, filter.publisher) : undefined,
  );
  const lastAt = max(events.at);
  // A claim readers see with the notice: published, and its text changed after that publication.
  const noticeNow = sql<number>`(SELECT count(*) FROM ${claims} c WHERE c.article_id = ${events.articleId}
    AND c.published_verdict_id IS NOT NULL AND c.text_change IS NOT NULL
    AND (c.published_at IS NULL OR json_extract(c.text_change, '$.detectedAt') > c.published_at))`;
  const day = sql<string>`substr(${events.at}, 1, 10)`;
  const [items, total, perDay] = await db.batch([
    db
      .select({
        articleId: articles.id,
        title: articles.title,
        publisher: articles.publisher,
        slug: articles.slug,
        url: articles.url,
        claims: countDistinct(events.claimId),
        gone: sql<number>`sum(json_extract(${events.after}, '$.textChange.after') IS NULL)`,
        changes: count(),
        firstAt: min(events.at),
        lastAt,
        noticeNow,
      })
      .from(events)
      .innerJoin(articles, eq(articles.id, events.articleId))
      .where(where)
      .groupBy(events.articleId)
      .orderBy(desc(lastAt), articles.id)
      .limit(filter.limit ?? 20),
    db.select({ n: countDistinct(events.articleId) }).from(events).innerJoin(articles, eq(articles.id, events.articleId)).where(where),
    db.select({ day: day.as('day'), changes: count() }).from(events).innerJoin(articles, eq(articles.id, events.articleId)).where(where).groupBy(day).orderBy(day),
  ]);
  return {
    total: total[0]?.n ?? 0,
    items: items.map((r) => ({ ...r, gone: Number(r.gone ?? 0), firstAt: r.firstAt ?? '', lastAt: r.lastAt ?? '', noticeNow: Number(r.noticeNow) })),
    perDay,
  };
}
