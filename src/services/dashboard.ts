/**
 * The dashboard's read model (issue 17): the checking work and its reach over a period, from
 * the counts that triggers keep per week (`stat_weeks`, `stat_turnaround`; schema/tables.ts)
 * and a few indexed reads. One D1 batch plus the reach store; what it reads grows with the
 * number of weeks, publishers and people, not with the number of claims.
 */
import { and, asc, count, eq, gte, inArray, isNull, lte, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { articles, claims, flags, statTurnaround, statWeeks, users } from '../../schema/tables';
import { inListChunks, type Db } from '../db';
import { percentile, weekRange, type DashboardRange } from '../domain/stats';
import { RATING_CODES } from '../domain/ratings';
import { findArticleByUrl } from './public-feed';
import type { ReachStore } from './reach';
import { textChangeReport, type TextChangeReport } from './text-change-report';
import { recurringFigures, type RecurringFigure } from './recurring-figures';

/** Status categories as the dashboard counts them: suggestions apart from open claims. */
export const STATUS_KEYS = ['open', 'flagged', 'published', 'dismissed', 'suggested'] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];

/** How many people, waiting items and articles a section lists. */
const PEOPLE_SHOWN = 12;
const WAITING_SHOWN = 10;
const REACH_ARTICLES = 20;
const CHANGED_ARTICLES = 20;
const FIGURES_SHOWN = 10;

export interface DashboardScope {
  /** The whole desk (permission `dashboard.desk`), or the viewer's own part. */
  desk: boolean;
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
  /** Articles whose text changed under a published check in the period (living's read model, issue 12). Desk only. */
  textChanges: TextChangeReport | null;
  /** The figures stated in the most articles in the period (the library's value keys, issue 14). Desk only. */
  figures: RecurringFigure[] | null;
}

/**
 * Flag-to-publish times in the period as one row per week: the count and the seconds joined
 * by commas. One pass over the (week, seconds) index, no sort and no row per publication
 * (window functions sort; thousands of rows cost more to hand over than one string each).
 */
function turnaroundByWeek(db: Db, where: SQL | undefined) {
  return db
    .select({ week: statTurnaround.week, seconds: sql<string>`group_concat(${statTurnaround.seconds})`.as('seconds_list') })
    .from(statTurnaround)
    .where(where)
    .groupBy(statTurnaround.week);
}

const numbers = (list: string | null) => (list ? list.split(',').map(Number).sort((a, b) => a - b) : []);
const summarise = (sorted: number[]) => ({ median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), count: sorted.length });

/** Everything /app/dashboard shows for a period, publisher and viewer. */
export async function dashboardData(db: Db, reach: ReachStore | null, filter: DashboardFilter, scope: DashboardScope): Promise<DashboardData> {
  const desk = scope.desk;
  const { from, to, publisher } = filter;
  const weeks = weekRange(from, to);
  const at = new Map(weeks.map((w, i) => [w, i]));
  const pubWeeks = publisher ? eq(statWeeks.publisher, publisher) : undefined;
  const n = sql<number>`sum(${statWeeks.n})`;
  const mine = desk ? undefined : scope.userId;
  const turnaroundWhere = and(
    gte(statTurnaround.week, from),
    lte(statTurnaround.week, to),
    publisher ? eq(statTurnaround.publisher, publisher) : undefined,
    mine ? eq(statTurnaround.flaggedBy, mine) : undefined,
  );

  // One statement for every weekly count: levels before the period fold into week ''.
  const weekOrBefore = sql<string>`CASE WHEN ${statWeeks.week} < ${from} THEN '' ELSE ${statWeeks.week} END`;
  const counted = desk
    ? or(eq(statWeeks.metric, 'status'), and(gte(statWeeks.week, from), inArray(statWeeks.metric, ['published', 'published_by'])))
    : and(gte(statWeeks.week, from), eq(statWeeks.metric, 'published_by'), eq(statWeeks.key, scope.userId));
  // The text-change report (the audit trail's (action, at) index) and the recurring figures (the
  // period's claims and their value keys) are statements of their own; they run beside this batch.
  const [batched, textChanges, figures] = await Promise.all([
    db.batch([
      db
        .select({ metric: statWeeks.metric, week: weekOrBefore.as('week_or_before'), key: statWeeks.key, n })
        .from(statWeeks)
        .where(and(lte(statWeeks.week, to), pubWeeks, counted))
        .groupBy(statWeeks.metric, weekOrBefore, statWeeks.key),
      turnaroundByWeek(db, turnaroundWhere),
      // Checkers have no publisher filter: the list is not read for them.
      desk ? db.selectDistinct({ publisher: articles.publisher }).from(articles).orderBy(asc(articles.publisher)) : db.select({ publisher: articles.publisher }).from(articles).where(sql`0`),
      db.select({ id: users.id, name: users.name }).from(users),
      waitingFlagsQuery(db, publisher, mine),
      waitingFlagsCount(db, publisher, mine),
      assignedQuery(db, publisher, mine),
      assignedCount(db, publisher, mine),
    ]),
    desk ? textChangeReport(db, { from, to, publisher, limit: CHANGED_ARTICLES }) : null,
    desk ? recurringFigures(db, { from, to, publisher, limit: FIGURES_SHOWN }) : null,
  ]);
  const [counts, turnRows, publishers, people, waitingFlags, waitingCount, assigned, assignedTotal] = batched;
  const baseline = counts.filter((r) => r.metric === 'status' && r.week === '');
  const statusWeeks = counts.filter((r) => r.metric === 'status' && r.week !== '');
  const published = counts.filter((r) => r.metric === 'published');
  const byPerson = counts.filter((r) => r.metric === 'published_by');

  // Claims by status: the count before the period, then each week's net change.
  let status: DashboardData['status'] = null;
  if (desk) {
    const level = Object.fromEntries(STATUS_KEYS.map((k) => [k, 0])) as Record<StatusKey, number>;
    for (const r of baseline) if (r.key in level) level[r.key as StatusKey] += Number(r.n);
    const change = weeks.map(() => Object.fromEntries(STATUS_KEYS.map((k) => [k, 0])) as Record<StatusKey, number>);
    for (const r of statusWeeks) {
      const i = at.get(r.week);
      if (i !== undefined && r.key in level) change[i][r.key as StatusKey] += Number(r.n);
    }
    status = Object.fromEntries(STATUS_KEYS.map((k) => [k, weeks.map(() => 0)])) as Record<StatusKey, number[]>;
    weeks.forEach((_, i) => {
      for (const k of STATUS_KEYS) status![k][i] = level[k] += change[i][k];
    });
  }

  let verdicts: DashboardData['verdicts'] = null;
  if (desk) {
    verdicts = Object.fromEntries(RATING_CODES.map((r) => [r, weeks.map(() => 0)]));
    for (const r of published) {
      const i = at.get(r.week);
      if (i !== undefined && verdicts[r.key]) verdicts[r.key][i] += Number(r.n);
    }
  }

  const perWeek = new Map(turnRows.map((r) => [r.week, numbers(r.seconds)]));
  const turnByWeek = weeks.map((w) => summarise(perWeek.get(w) ?? []));
  const turnAll = summarise(numbers(turnRows.map((r) => r.seconds).join(',')));

  const names = new Map(people.map((p) => [p.id, p.name]));
  const persons = new Map<string, number[]>();
  for (const r of byPerson) {
    const i = at.get(r.week);
    if (i === undefined) continue;
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

  const waitingItems: WaitingItem[] = [
    ...waitingFlags.map((r) => ({ ...r, flaggedBy: r.flaggedBy ? (names.get(r.flaggedBy) ?? null) : null, waitingFor: 'editor' as const })),
    ...assigned.map((r) => ({ ...r, flaggedBy: null, waitingFor: 'checker' as const })),
  ]
    .sort((a, b) => a.since.localeCompare(b.since) || a.claimId.localeCompare(b.claimId))
    .slice(0, WAITING_SHOWN);

  return {
    filter,
    scope: desk ? 'desk' : 'own',
    publishers: publishers.map((p) => p.publisher),
    weeks,
    status,
    waiting: { total: Number(waitingCount[0]?.n ?? 0) + Number(assignedTotal[0]?.n ?? 0), items: waitingItems },
    turnaround: {
      median: turnByWeek.map((t) => t.median),
      p90: turnByWeek.map((t) => t.p90),
      count: turnByWeek.map((t) => t.count),
      overall: turnAll,
    },
    verdicts,
    people: ranked.slice(0, PEOPLE_SHOWN),
    morePeople: Math.max(0, ranked.length - PEOPLE_SHOWN),
    reach: reachOut,
    textChanges,
    figures,
  };
}

/*
 * What is waiting now, oldest first. For the desk: flagged claims waiting for an editor, by
 * when they were flagged (the open flags, read in order from their index). For a checker:
 * their own flags still waiting, and the open claims assigned to them (by when made).
 */
function waitingFlagsWhere(publisher: string | undefined, mine: string | undefined) {
  return and(isNull(flags.resolvedAt), mine ? eq(flags.createdBy, mine) : undefined, publisher ? eq(articles.publisher, publisher) : undefined);
}

/** A waiting item's columns, every one aliased: claims and articles both have an `id`, and a batch maps results by name. */
function waitingColumns(alias: string, since: SQLWrapper) {
  return {
    claimId: sql<string>`${claims.id}`.as(`${alias}_claim_id`),
    quote: claims.quote,
    status: claims.status,
    articleId: sql<string>`${articles.id}`.as(`${alias}_article_id`),
    articleTitle: sql<string>`${articles.title}`.as(`${alias}_article_title`),
    since: sql<string>`${since}`.as(`${alias}_since`),
  };
}

function waitingFlagsQuery(db: Db, publisher: string | undefined, mine: string | undefined) {
  return db
    .select({ ...waitingColumns('waiting', flags.createdAt), flaggedBy: sql<string | null>`${flags.createdBy}`.as('waiting_flagged_by') })
    .from(flags)
    .innerJoin(claims, eq(claims.id, flags.claimId))
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(waitingFlagsWhere(publisher, mine))
    .orderBy(asc(flags.createdAt), asc(flags.id))
    .limit(WAITING_SHOWN);
}

function waitingFlagsCount(db: Db, publisher: string | undefined, mine: string | undefined) {
  const q = db.select({ n: count() }).from(flags);
  // Without a publisher the open flags' index answers alone.
  return publisher
    ? q.innerJoin(claims, eq(claims.id, flags.claimId)).innerJoin(articles, eq(articles.id, claims.articleId)).where(waitingFlagsWhere(publisher, mine))
    : q.where(and(isNull(flags.resolvedAt), mine ? eq(flags.createdBy, mine) : undefined));
}

/** A checker's open claims (not suggestions); for the desk, none (`mine` is unset: WHERE false). */
function assignedWhere(publisher: string | undefined, mine: string | undefined) {
  return mine
    ? and(eq(claims.assigneeId, mine), eq(claims.status, 'open'), eq(claims.suggested, false), publisher ? eq(articles.publisher, publisher) : undefined)
    : sql`0`;
}

function assignedQuery(db: Db, publisher: string | undefined, mine: string | undefined) {
  return db
    .select(waitingColumns('assigned', claims.createdAt))
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(assignedWhere(publisher, mine))
    .orderBy(asc(claims.createdAt), asc(claims.id))
    .limit(WAITING_SHOWN);
}

function assignedCount(db: Db, publisher: string | undefined, mine: string | undefined) {
  return db.select({ n: count() }).from(claims).innerJoin(articles, eq(articles.id, claims.articleId)).where(assignedWhere(publisher, mine));
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
