import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { claims, comments, users } from '../../schema/tables';
import { inListChunks, type Db } from '../db';
import { newId } from '../domain/ids';
import type { Actor } from '../domain/actor';
import { DomainError, notFound, staleVersion } from '../domain/errors';
import { COMMENT_EDIT_WINDOW_MS, commentRights, editableUntil } from '../domain/discussion';
import { eventStatement, written, type AuditEvent, type Written } from './events';
import { nowSql } from './versioning';

/**
 * Discussion on a claim. Comments are text, never shown to readers, and do not change the
 * claim (no version bump: people can talk while someone edits). Their author may edit them
 * for a while; their author or an admin may delete them (the row stays, emptied, and the
 * claim's history says who deleted it and when). Mentions are user ids, checked here.
 */

export type CommentRow = typeof comments.$inferSelect;

export interface CommentView {
  id: string;
  claimId: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  mentions: { id: string; name: string }[];
  version: number;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  deletedByName: string | null;
  /** Until when the author may edit it (null once deleted). */
  editableUntil: string | null;
}

async function names(db: Db, ids: string[]) {
  const out = new Map<string, string>();
  for (const chunk of inListChunks([...new Set(ids.filter(Boolean))])) {
    for (const r of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, chunk)).all()) out.set(r.id, r.name);
  }
  return out;
}

function view(c: CommentRow, who: Map<string, string>): CommentView {
  return {
    id: c.id,
    claimId: c.claimId,
    authorId: c.authorId,
    authorName: c.authorId ? (who.get(c.authorId) ?? null) : null,
    body: c.body,
    mentions: c.deletedAt ? [] : c.mentions.map((id) => ({ id, name: who.get(id) ?? id })),
    version: c.version,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    deletedAt: c.deletedAt,
    deletedByName: c.deletedBy ? (who.get(c.deletedBy) ?? null) : null,
    editableUntil: editableUntil(c),
  };
}

/** The thread of several claims at once (for the editors' queue), oldest first per claim. */
export async function threadsOf(db: Db, claimIds: string[]): Promise<Map<string, CommentView[]>> {
  const out = new Map<string, CommentView[]>();
  if (!claimIds.length) return out;
  const rows: CommentRow[] = [];
  for (const chunk of inListChunks(claimIds)) rows.push(...(await db.select().from(comments).where(inArray(comments.claimId, chunk)).orderBy(asc(comments.createdAt), asc(comments.id)).all()));
  const who = await names(db, rows.flatMap((r) => [r.authorId ?? '', r.deletedBy ?? '', ...r.mentions]));
  for (const r of rows) {
    const list = out.get(r.claimId) ?? [];
    list.push(view(r, who));
    out.set(r.claimId, list);
  }
  return out;
}

/** A claim's thread, oldest first. */
export async function listComments(db: Db, claimId: string): Promise<CommentView[]> {
  const claim = await db.select({ id: claims.id }).from(claims).where(eq(claims.id, claimId)).get();
  if (!claim) throw notFound('claim', claimId);
  return (await threadsOf(db, [claimId])).get(claimId) ?? [];
}

/** Every mentioned id must be an active account: 422 naming the first one that is not. */
async function checkMentions(db: Db, mentions: string[]): Promise<string[]> {
  const unique = [...new Set(mentions)];
  if (!unique.length) return [];
  const rows = await db.select({ id: users.id }).from(users).where(and(inArray(users.id, unique), isNull(users.disabledAt))).all();
  const errors = unique.flatMap((id) => (rows.some((r) => r.id === id) ? [] : [{ field: `mentions.${mentions.indexOf(id)}`, message: `${id} is not an active user` }]));
  if (errors.length) {
    throw new DomainError('validation', `Cannot mention ${errors.map((x) => x.message.split(' ')[0]).join(', ')}: not an active user.`, { errors });
  }
  return unique;
}

async function getCommentRow(db: Db, id: string): Promise<CommentRow> {
  const row = await db.select().from(comments).where(eq(comments.id, id)).get();
  if (!row) throw notFound('comment', id);
  return row;
}

/** One comment as the API shows it, or null when there is none with this id. */
export async function commentById(db: Db, id: string): Promise<CommentView | null> {
  const row = await db.select().from(comments).where(eq(comments.id, id)).get();
  return row ? view(row, await names(db, [row.authorId ?? '', row.deletedBy ?? '', ...row.mentions])) : null;
}

async function reload(db: Db, id: string) {
  const row = await getCommentRow(db, id);
  return view(row, await names(db, [row.authorId ?? '', row.deletedBy ?? '', ...row.mentions]));
}

export async function createComment(db: Db, actor: Actor, claimId: string, input: { body: string; mentions?: string[] }): Promise<Written<CommentView>> {
  const claim = await db.select({ id: claims.id, articleId: claims.articleId }).from(claims).where(eq(claims.id, claimId)).get();
  if (!claim) throw notFound('claim', claimId);
  const mentions = await checkMentions(db, input.mentions ?? []);
  const row = { id: newId('cmt'), claimId, authorId: actor.userId, body: input.body, mentions };
  const [, events] = await db.batch([
    db.insert(comments).values(row),
    // The body stays out of the audit trail, so deleting a comment removes its words.
    eventStatement(db, actor, { action: 'comment.create', entityType: 'comment', entityId: row.id, claimId, articleId: claim.articleId, after: { mentions, length: input.body.length } }),
  ]);
  return written(await reload(db, row.id), events as AuditEvent[]);
}


function assertVersion(c: CommentRow, version: number | undefined) {
  if (version !== undefined && version !== c.version) throw staleVersion('comment', version, c.version);
}

/** The author edits the body (and mentions) within the edit window; only newly mentioned people are told. */
export async function updateComment(db: Db, actor: Actor, id: string, input: { body: string; mentions?: string[]; version?: number }, now = Date.now()): Promise<Written<CommentView>> {
  const c = await getCommentRow(db, id);
  if (c.deletedAt) throw new DomainError('comment-deleted', 'This comment was deleted; it cannot be edited.');
  if (c.authorId !== actor.userId) throw new DomainError('not-comment-author', 'Only the comment’s author may edit it.');
  if (!commentRights(c, { id: actor.userId, role: actor.role }, now).edit) {
    throw new DomainError('comment-edit-closed', `A comment can be edited for ${COMMENT_EDIT_WINDOW_MS / 60000} minutes after it is posted; write a new one instead.`);
  }
  assertVersion(c, input.version);
  const mentions = input.mentions === undefined ? c.mentions : await checkMentions(db, input.mentions);
  const claim = await db.select({ articleId: claims.articleId }).from(claims).where(eq(claims.id, c.claimId)).get();
  const [updated, events] = await db.batch([
    db.update(comments).set({ body: input.body, mentions, editedAt: nowSql, version: c.version + 1 }).where(and(eq(comments.id, id), eq(comments.version, c.version))).returning({ id: comments.id }),
    // Only when the update above changed the row: an edit that lost a race (409) leaves no event.
    eventStatement(db, actor, { action: 'comment.update', entityType: 'comment', entityId: id, claimId: c.claimId, articleId: claim?.articleId ?? null, before: { mentions: c.mentions }, after: { mentions, length: input.body.length } }, { onlyIf: { table: comments, where: and(eq(comments.id, id), sql`changes() = 1`) } }),
  ]);
  if (!updated.length) throw staleVersion('comment', c.version);
  return written(await reload(db, id), events as AuditEvent[]);
}

/** Its author or an admin deletes a comment: emptied and marked, never removed from the thread. */
export async function deleteComment(db: Db, actor: Actor, id: string, version?: number): Promise<Written<CommentView>> {
  const c = await getCommentRow(db, id);
  if (c.deletedAt) return written(await reload(db, id), []);
  if (!commentRights(c, { id: actor.userId, role: actor.role }).remove) throw new DomainError('not-comment-author', 'Only the comment’s author or an admin may delete it.');
  assertVersion(c, version);
  const claim = await db.select({ articleId: claims.articleId }).from(claims).where(eq(claims.id, c.claimId)).get();
  // Guarded by the version read above: a delete racing another delete (or an edit) changes
  // nothing and writes no event; the loser of two deletes answers like a repeated delete.
  const [deleted, events] = await db.batch([
    db.update(comments).set({ body: '', mentions: [], deletedAt: nowSql, deletedBy: actor.userId, version: c.version + 1 }).where(and(eq(comments.id, id), eq(comments.version, c.version))).returning({ id: comments.id }),
    eventStatement(db, actor, { action: 'comment.delete', entityType: 'comment', entityId: id, claimId: c.claimId, articleId: claim?.articleId ?? null, before: { authorId: c.authorId } }, { onlyIf: { table: comments, where: and(eq(comments.id, id), sql`changes() = 1`) } }),
  ]);
  if (!deleted.length) {
    const now = await reload(db, id);
    if (now.deletedAt) return written(now, []);
    if (version !== undefined) throw staleVersion('comment', version, now.version);
    // Edited between our read and our write, and no version was sent: delete what is there now.
    return deleteComment(db, actor, id);
  }
  return written(await reload(db, id), events as AuditEvent[]);
}
