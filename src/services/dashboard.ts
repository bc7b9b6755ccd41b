/**
 * The dashboard's read model (issue 17): the checking work and its reach over a period, from
 * the counts that triggers keep (`stat_days`, `stat_turnaround`; see schema/tables.ts) and a
 * few indexed reads. One D1 batch plus the reach store, whatever the number of claims.
 */
import { and, asc, count, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { articles, claims, flags, statDays, statTurnaround, users } from '../../schema/tables';
import { inListChunks, type Db } from '../db';
import { addDays, percentile, weekOf, weekRange, type DashboardRange } from '../domain/stats';
import type { Role } from '../domain/vocabulary';
import { RATINGS } from '../domain/vocabulary';
import { findArticleByUrl } from './public-feed';
import type { ReachStore } from './reach';

/** Status categories as the dashboard counts them: suggestions apart from open claims. */
export const STATUS_KEYS = ['open', 'flagged', 'published', 'dismissed', 'suggested'] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];

/** How many people, waiting items and articles a section lists. */
const PEOPLE_SHOWN = 12;
const WAITING_SHOWN = 25;
const REACH_ARTICLES = 20;

export interface DashboardScope {
  /** Editors and admins see the desk; checkers their own part. */
  role: Role;
  userId: string;
}

export interface DashboardFilter extends DashboardRange {
  publisher?: string;
}

export interface WaitingItem {
  claimId: string;
  quote: string;
  status: string;
  articleId: string;
  articleTitle: string;
  /** Waiting since: when it was flagged (or, for a checker's open claim, when it was made). */
  since: string;
  /** Who flagged it (flagged claims). */
  flaggedBy: string | null;
  /** 'editor': waiting for an editor's decision; 'checker': open and assigned to the viewer. */
  waitingFor: 'editor' | 'checker';
}

export interface DashboardData {
  filter: DashboardFilter;
  /** Editors' view (the desk) or a checker's own part. */
  scope: 'desk' | 'own';
  publishers: string[];
  weeks: string[];
  /** Claims in each status at the end of each week (the last one: at the end of the period). Desk only. */
  status: Record<StatusKey, number[]> | null;
  waiting: { total: number; items: WaitingItem[] };
  /** Seconds from flag to publish, per week; null for a week with none. */
  turnaround: { median: (number | null)[]; p90: (number | null)[]; count: number[]; overall: { median: number | null; p90: number | null; count: number } };
  /** Publications per rating per week. Desk only. */
  verdicts: Record<string, number[]> | null;
  /** Publications per person (author of the published verdict) per week, most first. */
  people: { userId: string; name: string; perWeek: number[]; total: number }[];
  /** How many more people published in the period than are listed. */
  morePeople: number;
  /** Reader reach. Desk only. */
  reach: {
    store: ReachStore['kind'];
    perDay: { day: string; views: number; opens: number }[];
    perArticle: { articleId: string; title: string; views: number; opens: number }[];
    unavailable?: string;
  } | null;
}

const weekIndex = (weeks: string[]) => {
  const at = new Map(weeks.map((w, i) => [w, i]));
  return (day: string) => at.get(weekOf(day)) ?? -1;
};

/** Everything /app/dashboard shows for a period, publisher and viewer. */
export async function dashboardData(db: Db, reach: ReachStore | null, filter: DashboardFilter, scope: DashboardScope): Promise<DashboardData> {
  const desk = scope.role !== 'checker';
  const { from, to, publisher } = filter;
  const weeks = weekRange(from, to);
  const inWeek = weekIndex(weeks);
  const pubDays = publisher ? eq(statDays.publisher, publisher) : undefined;
  const inRange = and(gte(statDays.day, from), lte(statDays.day, to), pubDays);
  const n = sql<number>`sum(${statDays.n})`;
  const mine = desk ? undefined : scope.userId;

  const [baseline, statusDays, published, byPerson, turnaround, publishers, people, waitingCount, waitingRows] = await db.batch([
    db.select({ key: statDays.key, n }).from(statDays).where(and(eq(statDays.metric, 'status'), lt(statDays.day, from), pubDays)).groupBy(statDays.key),
    db.select({ day: statDays.day, key: statDays.key, n }).from(statDays).where(and(eq(statDays.metric, 'status'), inRange)).groupBy(statDays.day, statDays.key),
    db.select({ day: statDays.day, key: statDays.key, n }).from(statDays).where(and(eq(statDays.metric, 'published'), inRange)).groupBy(statDays.day, statDays.key),
    db.select({ day: statDays.day, key: statDays.key, n }).from(statDays).where(and(eq(statDays.metric, 'published_by'), inRange, mine ? eq(statDays.key, mine) : undefined)).groupBy(statDays.day, statDays.key),
    db
      .select({ day: statTurnaround.day, seconds: statTurnaround.seconds })
      .from(statTurnaround)
      .where(and(gte(statTurnaround.day, from), lte(statTurnaround.day, to), publisher ? eq(statTurnaround.publisher, publisher) : undefined, mine ? eq(statTurnaround.flaggedBy, mine) : undefined))
      .orderBy(asc(statTurnaround.day), asc(statTurnaround.seconds)),
    db.selectDistinct({ publisher: articles.publisher }).from(articles).orderBy(asc(articles.publisher)),
    db.select({ id: users.id, name: users.name }).from(users),
    waitingCountQuery(db, publisher, mine),
    waitingRowsQuery(db, publisher, mine),
  ]);

  // Claims by status: the count before the period, then each day's net change.
  let status: DashboardData['status'] = null;
  if (desk) {
    const level = Object.fromEntries(STATUS_KEYS.map((k) => [k, 0])) as Record<StatusKey, number>;
    for (const r of baseline) if (r.key in level) level[r.key as StatusKey] += Number(r.n);
    status = Object.fromEntries(STATUS_KEYS.map((k) => [k, weeks.map(() => 0)])) as Record<StatusKey, number[]>;
    const days = [...statusDays].sort((a, b) => a.day.localeCompare(b.day));
    let d = 0;
    weeks.forEach((w, i) => {
      const end = addDays(w, 6) < to ? addDays(w, 6) : to;
      for (; d < days.length && days[d].day <= end; d++) if (days[d].key in level) level[days[d].key as StatusKey] += Number(days[d].n);
      for (const k of STATUS_KEYS) status![k][i] = level[k];
    });
  }

  let verdicts: DashboardData['verdicts'] = null;
  if (desk) {
    verdicts = Object.fromEntries(RATINGS.map((r) => [r, weeks.map(() => 0)]));
    for (const r of published) {
      const i = inWeek(r.day);
      if (i >= 0 && verdicts[r.key]) verdicts[r.key][i] += Number(r.n);
    }
  }

  // Flag to publish: rows come sorted by day then seconds; each week's list stays sorted
  // only within a day, so sort per week (a few hundred numbers).
  const perWeek: number[][] = weeks.map(() => []);
  for (const r of turnaround) {
    const i = inWeek(r.day);
    if (i >= 0) perWeek[i].push(r.seconds);
  }
  const all = turnaround.map((r) => r.seconds).sort((a, b) => a - b);
  for (const list of perWeek) list.sort((a, b) => a - b);

  const names = new Map(people.map((p) => [p.id, p.name]));
  const persons = new Map<string, number[]>();
  for (const r of byPerson) {
    const i = inWeek(r.day);
    if (i < 0) continue;
    const row = persons.get(r.key) ?? weeks.map(() => 0);
    row[i] += Number(r.n);
    persons.set(r.key, row);
  }
  const ranked = [...persons.entries()]
    .map(([userId, perWeekCounts]) => ({ userId, name: names.get(userId) ?? (userId ? 'A former colleague' : 'No author'), perWeek: perWeekCounts, total: perWeekCounts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));

  let reachOut: DashboardData['reach'] = null;
  if (desk && reach) {
    const report = await reach.report({ from, to, publisher, limit: REACH_ARTICLES });
    const titles = await articleTitles(db, report.perArticle.map((r) => r.articleId));
    reachOut = {
      store: reach.kind,
      perDay: report.perDay,
      perArticle: report.perArticle.map((r) => ({ ...r, title: titles.get(r.articleId) ?? 'A deleted article' })),
      ...(report.unavailable ? { unavailable: report.unavailable } : {}),
    };
  }

  return {
    filter,
    scope: desk ? 'desk' : 'own',
    publishers: publishers.map((p) => p.publisher),
    weeks,
    status,
    waiting: {
      total: waitingCount.reduce((sum, r) => sum + Number(r.n), 0),
      items: waitingRows.map((r) => ({ ...r, flaggedBy: r.flaggedBy ? (names.get(r.flaggedBy) ?? null) : null, waitingFor: r.status === 'flagged' ? 'editor' : 'checker' })),
    },
    turnaround: {
      median: perWeek.map((l) => percentile(l, 0.5)),
      p90: perWeek.map((l) => percentile(l, 0.9)),
      count: perWeek.map((l) => l.length),
      overall: { median: percentile(all, 0.5), p90: percentile(all, 0.9), count: all.length },
    },
    verdicts,
    people: ranked.slice(0, PEOPLE_SHOWN),
    morePeople: Math.max(0, ranked.length - PEOPLE_SHOWN),
    reach: reachOut,
  };
}

function waitingWhere(publisher: string | undefined, mine: string | undefined) {
  const flaggedToEditors = and(eq(claims.status, 'flagged'), mine ? eq(flags.createdBy, mine) : undefined);
  const assignedToMe = mine ? and(eq(claims.status, 'open'), eq(claims.suggested, false), eq(claims.assigneeId, mine)) : undefined;
  return and(assignedToMe ? or(flaggedToEditors, assignedToMe) : flaggedToEditors, publisher ? eq(articles.publisher, publisher) : undefined);
}

/**
 * What is waiting now, oldest first: for the desk, flagged claims waiting for an editor (by
 * when they were flagged); for a checker, their own flags still waiting and the open claims
 * assigned to them.
 */
function waitingCountQuery(db: Db, publisher: string | undefined, mine: string | undefined) {
  return db
    .select({ n: count() })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .leftJoin(flags, and(eq(flags.claimId, claims.id), isNull(flags.resolvedAt)))
    .where(waitingWhere(publisher, mine));
}

function waitingRowsQuery(db: Db, publisher: string | undefined, mine: string | undefined) {
  const since = sql<string>`coalesce(${flags.createdAt}, ${claims.createdAt})`;
  // Every column aliased: both tables have an `id`, and a batch maps results by name.
  return db
    .select({
      claimId: sql<string>`${claims.id}`.as('waiting_claim_id'),
      quote: claims.quote,
      status: claims.status,
      articleId: sql<string>`${articles.id}`.as('waiting_article_id'),
      articleTitle: sql<string>`${articles.title}`.as('waiting_article_title'),
      since: since.as('waiting_since'),
      flaggedBy: sql<string | null>`${flags.createdBy}`.as('waiting_flagged_by'),
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .leftJoin(flags, and(eq(flags.claimId, claims.id), isNull(flags.resolvedAt)))
    .where(waitingWhere(publisher, mine))
    .orderBy(asc(since), asc(claims.id))
    .limit(WAITING_SHOWN);
}

async function articleTitles(db: Db, ids: string[]) {
  const out = new Map<string, string>();
  for (const chunk of inListChunks(ids)) {
    for (const r of await db.select({ id: articles.id, title: articles.title }).from(articles).where(inArray(articles.id, chunk)).all()) out.set(r.id, r.title);
  }
  return out;
}

/**
 * The article a reach beacon names (by slug, or by canonical URL as the embed finds it),
 * if readers may see it: one with at least one published claim. Drafts are unknown.
 */
export async function publicReachTarget(db: Db, target: { slug: string } | { url: string }): Promise<{ id: string; publisher: string } | null> {
  const published = sql<boolean>`EXISTS (SELECT 1 FROM claims WHERE claims.article_id = articles.id AND claims.published_verdict_id IS NOT NULL)`;
  if ('slug' in target) {
    return (await db.select({ id: articles.id, publisher: articles.publisher }).from(articles).where(and(eq(articles.slug, target.slug), published)).get()) ?? null;
  }
  const found = await findArticleByUrl(db, target.url);
  if (!found) return null;
  return (await db.select({ id: articles.id, publisher: articles.publisher }).from(articles).where(and(eq(articles.id, found.id), published)).get()) ?? null;
}
