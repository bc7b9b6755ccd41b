/**
 * The rules of a claim's discussion: how long a comment may be, how many people it may
 * mention, how long its author may edit it, and who may edit or delete it. Services enforce
 * them; views and scripts show the same limits.
 */
import { can } from './policy';
import type { Role } from './vocabulary';

export const MAX_COMMENT_LENGTH = 4000;
export const MAX_MENTIONS = 20;
/** How long after posting the author may still edit a comment (15 minutes). */
export const COMMENT_EDIT_WINDOW_MS = 15 * 60 * 1000;

export interface CommentFacts {
  authorId: string | null;
  createdAt: string;
  deletedAt: string | null;
}

/** Until when the author may edit a comment (null once it is deleted). */
export const editableUntil = (c: CommentFacts): string | null => (c.deletedAt ? null : new Date(Date.parse(c.createdAt) + COMMENT_EDIT_WINDOW_MS).toISOString());

/**
 * What a person may do to a comment now: its author edits it within the window; its author,
 * or anyone who may moderate (admins), deletes it. A deleted comment is left alone.
 */
export function commentRights(c: CommentFacts, person: { id: string; role: Role }, now = Date.now()): { edit: boolean; remove: boolean } {
  if (c.deletedAt) return { edit: false, remove: false };
  const mine = c.authorId !== null && c.authorId === person.id;
  return { edit: mine && now <= Date.parse(c.createdAt) + COMMENT_EDIT_WINDOW_MS, remove: mine || can(person.role, 'comment.moderate') };
}
