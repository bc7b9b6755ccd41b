import { asc, desc, eq, and, lt } from 'drizzle-orm';
import { events } from '../../schema/tables';
import type { Db } from '../db';
import type { Actor } from '../env';

export interface EventInput {
  action: string;
  entityType: 'article' | 'claim' | 'source' | 'verdict' | 'flag' | 'user' | 'token';
  entityId: string;
  claimId?: string | null;
  articleId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The audit row for a change, as a statement to put in the same `db.batch` as the change
 * itself, so a change never lands without its event (or the event without the change).
 */
export function eventStatement(db: Db, actor: Actor | null, e: EventInput) {
  return db.insert(events).values({
    actorUserId: actor?.userId ?? null,
    actorTokenId: actor?.tokenId ?? null,
    actorName: actor?.name ?? 'system',
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    claimId: e.claimId ?? null,
    articleId: e.articleId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  });
}

export function serialiseEvent(row: typeof events.$inferSelect) {
  return {
    id: row.id,
    at: row.at,
    actor: { userId: row.actorUserId, tokenId: row.actorTokenId, name: row.actorName },
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
  };
}

/** A claim's history, oldest first (the timeline reads down). */
export async function claimHistory(db: Db, claimId: string, opts: { limit?: number; before?: number } = {}) {
  const rows = await db
    .select()
    .from(events)
    .where(opts.before ? and(eq(events.claimId, claimId), lt(events.id, opts.before)) : eq(events.claimId, claimId))
    .orderBy(opts.before ? desc(events.id) : asc(events.id))
    .limit(opts.limit ?? 500)
    .all();
  return rows.map(serialiseEvent);
}
