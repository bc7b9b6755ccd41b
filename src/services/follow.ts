/**
 * The schedule that follows articles (the Worker's Cron Trigger, `scheduled()` in
 * `src/index.ts`): each run fetches again the pages that are due — articles read from a page
 * (`fetchUrl`) that have claims people work on or readers see — a bounded number per run, so
 * a run stays well under Workers' subrequest limit (each page is one fetch, plus two
 * DNS-over-HTTPS lookups in production, plus one per redirect). Failures back off
 * (`src/domain/follow-schedule.ts`); one failing page never stops the others.
 */
import { and, asc, isNotNull, lte, or, isNull, sql } from 'drizzle-orm';
import { articles } from '../../schema/tables';
import type { Db } from '../db';
import { getArticle } from './articles';
import type { AuditEvent } from './events';
import { ingestCandidates } from './ingest';
import { refreshArticle, type FetchSettings } from './revisions';

/** Pages fetched per run at most (each costs up to ~8 subrequests: the page, DNS, redirects). */
export const MAX_PER_RUN = 5;

export interface FollowRun {
  due: number;
  checked: number;
  changed: number;
  failed: number;
  /** The audit events of the revisions stored, for the after-write step. */
  events: AuditEvent[];
}

/** Articles due at `now`, most overdue first. */
export async function dueArticles(db: Db, now: Date, limit = MAX_PER_RUN) {
  return db
    .select({ id: articles.id })
    .from(articles)
    .where(
      and(
        isNotNull(articles.fetchUrl),
        or(isNull(articles.nextCheckAt), lte(articles.nextCheckAt, now.toISOString())),
        // Claims someone works on or readers see; machine suggestions alone are not worth a fetch.
        sql`EXISTS (SELECT 1 FROM claims c WHERE c.article_id = ${articles.id} AND (c.status IN ('flagged', 'published') OR (c.status = 'open' AND c.suggested = 0)))`,
      ),
    )
    .orderBy(asc(sql`COALESCE(${articles.nextCheckAt}, '')`))
    .limit(limit)
    .all();
}

/** One run of the schedule at `now` (the Cron Trigger's scheduled time). */
export async function runFollowSchedule(db: Db, settings: FetchSettings, now: Date, limit = MAX_PER_RUN): Promise<FollowRun> {
  const due = await dueArticles(db, now, limit);
  const run: FollowRun = { due: due.length, checked: 0, changed: 0, failed: 0, events: [] };
  // One at a time: the pages are on other people's servers, and a run has time.
  for (const { id } of due) {
    try {
      const result = await refreshArticle(db, null, id, 'schedule', settings, now);
      run.checked++;
      run.events.push(...result.events);
      if (result.value.changed) {
        run.changed++;
        // New figures in the new text become suggestions, as after a refresh by hand; the
        // revision stands if the extractor fails (POST /articles/{id}/extract runs it again).
        await ingestCandidates(db, null, await getArticle(db, id)).then(
          (found) => run.events.push(...found.events),
          (error: unknown) => console.error(JSON.stringify({ level: 'error', what: 'extraction after a scheduled refresh', articleId: id, error: String(error) })),
        );
      }
    } catch (error) {
      run.failed++;
      console.warn(JSON.stringify({ level: 'warn', what: 'scheduled refresh failed; it backs off', articleId: id, error: error instanceof Error ? error.message : String(error) }));
    }
  }
  return run;
}
