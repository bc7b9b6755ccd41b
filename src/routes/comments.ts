import * as S from '../api-schemas';
import { recordWrite } from '../middleware/after-write';
import { requireActor } from '../middleware/auth';
import { createComment, deleteComment, listComments, updateComment } from '../services/comments';
import { defineRoute } from './contract';
import { dbOf, queryVersion } from './helpers';

/** A claim's discussion between checkers and editors (never shown to readers). */
export const commentRoutes = [
  defineRoute(
    { method: 'get', path: '/claims/{id}/comments', summary: 'The claim’s discussion, oldest first', tag: 'discussion', permission: 'comment.list', ok: 200, response: { description: '`{items}`: each `{id, claimId, authorId, authorName, body, mentions: [{id, name}], version, createdAt, editedAt, deletedAt, deletedByName, editableUntil}`; a deleted comment keeps its place, emptied.' } },
    async (c, { params }) => c.json({ items: await listComments(dbOf(c), params.id) }),
  ),
  defineRoute(
    {
      method: 'post', path: '/claims/{id}/comments', summary: 'Comment on a claim, mentioning colleagues', tag: 'discussion', permission: 'comment.create', body: S.CreateComment, ok: 201,
      description: 'Text only, up to 4,000 characters. `mentions`: user ids of active accounts (422 naming the id otherwise), notified. Comments do not change the claim’s version.',
      requestExample: { body: '@Eddie Editor the ruling says 10 years on appeal: which do we check?', mentions: ['usr_demo_editor'] },
    },
    async (c, { params, body }) => c.json(recordWrite(c, await createComment(dbOf(c), requireActor(c), params.id, body)), 201),
  ),
  defineRoute(
    {
      method: 'patch', path: '/comments/{id}', summary: 'Edit your comment (for 15 minutes after posting)', tag: 'discussion', permission: 'comment.update', body: S.UpdateComment, ok: 200,
      description: 'Its author, within 15 minutes (409 `comment-edit-closed` after). Newly mentioned people are notified.',
    },
    async (c, { params, body }) => {
      const { version, ...input } = body;
      return c.json(recordWrite(c, await updateComment(dbOf(c), requireActor(c), params.id, { ...input, version })));
    },
  ),
  defineRoute(
    {
      method: 'delete', path: '/comments/{id}', summary: 'Delete a comment (its author or an admin); the thread and history keep that it happened', tag: 'discussion', permission: 'comment.delete', ok: 204,
      description: 'Softly: the comment stays in the thread, emptied, with who deleted it and when.',
    },
    async (c, { params }) => {
      recordWrite(c, await deleteComment(dbOf(c), requireActor(c), params.id, queryVersion(c)));
      return c.body(null, 204);
    },
  ),
];
