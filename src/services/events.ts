import { asc, desc, eq, and, lt, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { articles, claims, events } from '../../schema/tables';
import type { Db } from '../db';
import type { Actor } from '../domain/actor';

/** An audit event as stored: who did what to which record, when, before and after. */
export type AuditEvent = typeof events.$inferSelect;

/**
 * What a write service returns: its result, and the audit events its batch wrote (read back
 * from the batch with RETURNING, so they are the committed rows). The HTTP layer hands the
 * events to the after-write step (`./after-write`), which runs the side effects.
 */
export interface Written<T> {
  value: T;
  events: AuditEvent[];
}

export const written = <T>(value: T, events: AuditEvent[]): Written<T> => ({ value, events });

export interface EventInput {
  action: string;
  entityType: 'article' | 'claim' | 'source' | 'verdict' | 'flag' | 'user' | 'token' | 'webhook' | 'settings' | 'comment';
  entityId: string;
  claimId?: string | null;
  articleId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The audit row for a change, as a statement to put in the same `db.batch` as the change
 * itself, so a change never lands without its event (or the event without the change).
 * Its result in the batch is the rows it wrote (none when a guard found no row): return
 * them with the service's result (`Written`).
 */
export function eventStatement(
  db: Db,
  actor: Actor | null,
  e: EventInput,
  opts: { ifClaimExists?: string; ifArticleExists?: string; onlyIf?: { table: SQLiteTable; where: SQL | undefined } } = {},
) {
  const row = {
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
  };
  const guard = opts.onlyIf ? { table: opts.onlyIf.table, id: opts.onlyIf.where } : opts.ifClaimExists ? { table: claims, id: eq(claims.id, opts.ifClaimExists) } : opts.ifArticleExists ? { table: articles, id: eq(articles.id, opts.ifArticleExists) } : null;
  if (!guard) return db.insert(events).values(row).returning();
  // INSERT … SELECT … FROM claims (or articles, or `onlyIf`'s table) WHERE …: no event for a
  // change that matched no row, e.g. one that raced a delete.
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  const value = (v: unknown, name: string) => sql`${v}`.as(name);
  return db.insert(events).select(
    db
      // Drizzle wants every column, in table order; id and at take their defaults.
      .select({
        id: sql<number>`NULL`.as('id'),
        at: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`.as('at'),
        actorUserId: value(row.actorUserId, 'actor_user_id'),
        actorTokenId: value(row.actorTokenId, 'actor_token_id'),
        actorName: value(row.actorName, 'actor_name'),
        action: value(row.action, 'action'),
        entityType: value(row.entityType, 'entity_type'),
        entityId: value(row.entityId, 'entity_id'),
        claimId: value(row.claimId, 'claim_id'),
        articleId: value(row.articleId, 'article_id'),
        before: value(json(row.before), 'before'),
        after: value(json(row.after), 'after'),
      })
      .from(guard.table)
      .where(guard.id),
  ).returning();
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
