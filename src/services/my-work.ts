import { aliasedTable, and, desc, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { articles, claims, comments, events, flags, notifications, users } from '../../schema/tables';
import type { Db } from '../db';
import { textChangeReason, type TextChange } from '../domain/living';
import { excerptOf } from '../domain/notifications';
import type { Role } from '../domain/vocabulary';

/**
 * "My work" (/app/work, GET /api/v1/me/work): everything waiting for one person across all
 * articles, in sections, newest first, each with its count. A section is a name, a title and
 * a loader; to add one (say "Text changed under your published checks"), append a loader to
 * MY_WORK_SECTIONS: the page and the API show it with no other change.
 */

export interface WorkItem {
  claimId: string;
  articleId: string;
  articleTitle: string;
  quote: string;
  kind: string;
  value: unknown;
  approximate: boolean;
  bound: string | null;
  status: string;
  suggested: boolean;
  returnedAt: string | null;
  version: number;
  /** When it started waiting for the person (the sort key). */
  at: string;
  /** Who put it here, and what they said (the editor's note, the flag's reason, the comment). */
  by: string | null;
  note: string | null;
}

export interface WorkSection {
  key: string;
  title: string;
  /** Shown when the section is empty. */
  empty: string;
  count: number;
  items: WorkItem[];
}

export interface Me {
  id: string;
  role: Role;
}

type Loader = { key: string; title: string; empty: string; forRole?: (role: Role) => boolean; load: (db: Db, me: Me, limit: number) => Promise<{ count: number; items: WorkItem[] }> };

const claimColumns = {
  claimId: claims.id,
  articleId: claims.articleId,
  articleTitle: articles.title,
  quote: claims.quote,
  kind: claims.kind,
  value: claims.value,
  approximate: claims.approximate,
  bound: claims.bound,
  status: claims.status,
  suggested: claims.suggested,
  returnedAt: claims.returnedAt,
  version: claims.version,
};

const resolver = aliasedTable(users, 'resolver');
const flagger = aliasedTable(users, 'flagger');

/** The flag an editor resolved when returning a claim (same time as claims.returned_at). */
const returnFlag = and(eq(flags.claimId, claims.id), eq(flags.resolution, 'returned'), eq(flags.resolvedAt, claims.returnedAt));

/**
 * Published checks of mine whose words the article's page has since changed or removed, that
 * readers see with the notice (`readersSeeTextChange` in src/domain/living.ts, in SQL): I am
 * the assignee, or I accepted, proposed a verdict on or published it.
 */
const textChangedUnderMe = (me: Me) =>
  and(
    isNotNull(claims.textChange),
    isNotNull(claims.publishedVerdictId),
    sql`(${claims.publishedAt} IS NULL OR json_extract(${claims.textChange}, '$.detectedAt') > ${claims.publishedAt})`,
    or(
      eq(claims.assigneeId, me.id),
      sql`EXISTS (SELECT 1 FROM ${events} e WHERE e.claim_id = ${claims.id} AND e.actor_user_id = ${me.id} AND e.action IN ('claim.accept', 'verdict.propose', 'claim.publish'))`,
    ),
  );

/** Returned claims that are mine: assigned to me, or I raised the flag that came back. */
const returnedToMe = (me: Me) =>
  and(isNotNull(claims.returnedAt), or(eq(claims.assigneeId, me.id), sql`EXISTS (SELECT 1 FROM flags f WHERE f.claim_id = ${claims.id} AND f.created_by = ${me.id} AND f.resolution = 'returned' AND f.resolved_at = ${claims.returnedAt})`));

async function counted<T>(count: Promise<{ n: number } | undefined>, items: Promise<T[]>) {
  const [c, list] = await Promise.all([count, items]);
  return { count: c?.n ?? 0, items: list };
}

export const MY_WORK_SECTIONS: Loader[] = [
  {
    key: 'returned',
    title: 'Returned to me',
    empty: 'Nothing was returned to you.',
    load: (db, me, limit) =>
      counted(
        db.select({ n: sql<number>`count(*)` }).from(claims).where(returnedToMe(me)).get(),
        db
          .select({ ...claimColumns, at: sql<string>`${claims.returnedAt}`, by: resolver.name, note: flags.resolutionNote })
          .from(claims)
          .innerJoin(articles, eq(articles.id, claims.articleId))
          .leftJoin(flags, returnFlag)
          .leftJoin(resolver, eq(resolver.id, flags.resolvedBy))
          .where(returnedToMe(me))
          .orderBy(desc(claims.returnedAt), desc(claims.id))
          .limit(limit)
          .all(),
      ),
  },
  {
    key: 'flagged',
    title: 'Flagged to me',
    empty: 'Nothing was flagged to you by name.',
    forRole: (role) => role !== 'checker',
    load: (db, me, limit) => {
      const mine = and(eq(flags.editorId, me.id), isNull(flags.resolvedAt));
      return counted(
        db.select({ n: sql<number>`count(*)` }).from(flags).where(mine).get(),
        db
          .select({ ...claimColumns, at: flags.createdAt, by: flagger.name, note: flags.reason })
          .from(flags)
          .innerJoin(claims, eq(claims.id, flags.claimId))
          .innerJoin(articles, eq(articles.id, claims.articleId))
          .leftJoin(flagger, eq(flagger.id, flags.createdBy))
          .where(mine)
          .orderBy(desc(flags.createdAt), desc(flags.id))
          .limit(limit)
          .all(),
      );
    },
  },
  {
    key: 'text-changed',
    title: 'Text changed under my checks',
    empty: 'No article has changed under a check of yours.',
    load: (db, me, limit) => {
      const mine = textChangedUnderMe(me);
      return counted(
        db.select({ n: sql<number>`count(*)` }).from(claims).where(mine).get(),
        db
          .select({ ...claimColumns, at: sql<string>`json_extract(${claims.textChange}, '$.detectedAt')`, by: sql<string | null>`NULL`, textChange: claims.textChange })
          .from(claims)
          .innerJoin(articles, eq(articles.id, claims.articleId))
          .where(mine)
          .orderBy(desc(sql`json_extract(${claims.textChange}, '$.detectedAt')`), desc(claims.id))
          .limit(limit)
          .all()
          // The note is the change in words, as the automatic flag's reason says it.
          .then((rows) => rows.map(({ textChange, ...r }) => ({ ...r, note: textChangeReason(textChange as TextChange) }))),
      );
    },
  },
  {
    key: 'mentions',
    title: 'Mentions',
    empty: 'No unread mentions.',
    load: (db, me, limit) => {
      const mine = and(eq(notifications.recipientId, me.id), eq(notifications.kind, 'mentioned'), isNull(notifications.readAt));
      return counted(
        db.select({ n: sql<number>`count(*)` }).from(notifications).where(mine).get(),
        db
          .select({ ...claimColumns, at: notifications.createdAt, by: notifications.actorName, note: comments.body })
          .from(notifications)
          .innerJoin(claims, eq(claims.id, notifications.claimId))
          .innerJoin(articles, eq(articles.id, claims.articleId))
          .leftJoin(comments, eq(comments.id, notifications.commentId))
          .where(mine)
          .orderBy(desc(notifications.id))
          .limit(limit)
          .all()
          .then((rows) => rows.map((r) => ({ ...r, note: r.note ? excerptOf(r.note) : null }))),
      );
    },
  },
  {
    key: 'assigned',
    title: 'Assigned to me',
    empty: 'No open claim is assigned to you.',
    load: (db, me, limit) => {
      // Open work: returned claims are in their own section above.
      const mine = and(eq(claims.assigneeId, me.id), eq(claims.status, 'open'), eq(claims.suggested, false), isNull(claims.returnedAt));
      return counted(
        db.select({ n: sql<number>`count(*)` }).from(claims).where(mine).get(),
        db
          .select({ ...claimColumns, at: claims.updatedAt, by: sql<string | null>`NULL`, note: sql<string | null>`NULL` })
          .from(claims)
          .innerJoin(articles, eq(articles.id, claims.articleId))
          .where(mine)
          .orderBy(desc(claims.updatedAt), desc(claims.id))
          .limit(limit)
          .all(),
      );
    },
  },
];

/** Every section that applies to the person's role. */
export async function myWork(db: Db, me: Me, limit = 50): Promise<WorkSection[]> {
  const loaders = MY_WORK_SECTIONS.filter((s) => !s.forRole || s.forRole(me.role));
  const loaded = await Promise.all(loaders.map((s) => s.load(db, me, limit)));
  return loaders.map((s, i) => ({ key: s.key, title: s.title, empty: s.empty, count: loaded[i].count, items: loaded[i].items as WorkItem[] }));
}

/** How many flagged claims wait in the editors' queue (shown to editors beside My work). */
export async function queueCount(db: Db): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(claims).where(eq(claims.status, 'flagged')).get();
  return row?.n ?? 0;
}
