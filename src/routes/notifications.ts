import * as S from '../api-schemas';
import { requireActor } from '../middleware/auth';
import { myWork } from '../services/my-work';
import { listNotifications, markRead, preferencesOf, setPreferences, unreadState } from '../services/notifications';
import { defineRoute } from './contract';
import { dbOf } from './helpers';

/** `"<unread>-<newest id>"`: changes whenever a notification arrives or is read. */
const unreadEtag = (s: { unread: number; latest: number }) => `"${s.unread}-${s.latest}"`;

/** Each person's own inbox, e-mail choices and My work. Nobody sees another's. */
export const notificationRoutes = [
  defineRoute(
    {
      method: 'get', path: '/notifications', summary: 'Your notifications, newest first, with the unread count', tag: 'notifications', permission: 'notification.read', query: S.NotificationListQuery, ok: 200,
      description: 'Kinds: `assigned`, `returned`, `flagged`, `mentioned`, `commented`, `published`, `changed`. Each item: `{id, kind, claimId, articleId, actorName, createdAt, readAt, excerpt, claimQuote, articleTitle, commentId}`.',
      response: { description: '`{items, unread, nextCursor}`' },
    },
    async (c, { query }) => {
      const db = dbOf(c);
      const me = requireActor(c).userId;
      const [list, state] = await Promise.all([listNotifications(db, me, { limit: query.limit, before: query.cursor ? Number(query.cursor) : undefined, unread: query.unread }), unreadState(db, me)]);
      return c.json({ items: list.items, unread: state.unread, nextCursor: list.nextCursor });
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/notifications/unread', summary: 'Your unread count (what the top bar polls): send If-None-Match for a 304', tag: 'notifications', permission: 'notification.read', ok: 200,
      description: 'The ETag changes when a notification arrives or is read; `If-None-Match` with it answers 304 without a body.',
      response: { description: '`{unread, latest}` (latest: the newest notification id)' },
    },
    async (c) => {
      const state = await unreadState(dbOf(c), requireActor(c).userId);
      const etag = unreadEtag(state);
      c.header('ETag', etag);
      c.header('Cache-Control', 'private, no-cache');
      if ((c.req.header('if-none-match') ?? '').split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304);
      return c.json(state);
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/notifications/read', summary: 'Mark your notifications read: `{ids}` or `{all: true}`', tag: 'notifications', permission: 'notification.update', body: S.MarkRead, ok: 200,
      description: 'Every id must be yours: another’s (or an unknown) id answers 404 naming it, and nothing is marked.',
    },
    async (c, { body }) => c.json(await markRead(dbOf(c), requireActor(c).userId, body)),
  ),
  defineRoute(
    { method: 'get', path: '/notifications/preferences', summary: 'Which kinds of notification also come to you by e-mail', tag: 'notifications', permission: 'notification.read', ok: 200, response: { description: '`{email: {kind: boolean}, labels: {kind: text}}`' } },
    async (c) => c.json(await preferencesOf(dbOf(c), requireActor(c).userId)),
  ),
  defineRoute(
    {
      method: 'patch', path: '/notifications/preferences', summary: 'Choose which kinds also come by e-mail', tag: 'notifications', permission: 'notification.update', body: S.NotificationPreferences, ok: 200,
    },
    async (c, { body }) => c.json(await setPreferences(dbOf(c), requireActor(c).userId, body.email)),
  ),
  defineRoute(
    {
      method: 'get', path: '/me/work', summary: 'My work: what waits for you across all articles, by section, newest first, with counts', tag: 'notifications', permission: 'work.read', ok: 200,
      description: 'Sections `returned`, `flagged` (editors), `mentions` (unread), `assigned`; more may be added.',
    },
    async (c) => {
      const actor = requireActor(c);
      return c.json({ sections: await myWork(dbOf(c), { id: actor.userId, role: actor.role }) });
    },
  ),
];
