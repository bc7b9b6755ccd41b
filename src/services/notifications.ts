import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { articles, claims, comments, events, flags, notificationPreferences, notifications, users } from '../../schema/tables';
import { inListChunks, type Db } from '../db';
import {
  KIND_INFO, NOTIFICATION_KINDS, NOTIFYING_ACTIONS, excerptOf, notificationsFor, wantsEmail,
  type AuditEvent, type ClaimCircle, type NotificationDraft, type NotificationKind,
} from '../domain/notifications';
import { notFound } from '../domain/errors';
import { notificationEmail, type Mailer } from './email';
import { nowSql } from './versioning';

/**
 * The inbox. Notifications are written by `notifyAfterWrite`, which the after-write step
 * calls with the audit events of a write once its batch has committed; people read and mark
 * them through the API. Who is told of what is decided in src/domain/notifications.ts.
 */

/**
 * Audit actions whose actor counts as working on the claim (for "published" and "changed"):
 * the checking itself. Creating or assigning a claim is handing out work, not doing it.
 */
const WORK_ACTIONS = ['claim.flag', 'claim.accept', 'verdict.propose', 'source.add', 'source.update'];

/** The people around each claim the events touch, in three queries whatever the number of claims. */
export async function loadCircles(db: Db, claimIds: string[]): Promise<Map<string, ClaimCircle>> {
  const circles = new Map<string, ClaimCircle>();
  for (const chunk of inListChunks([...new Set(claimIds)])) {
    const [rows, latestFlags, actors] = await db.batch([
      db.select({ id: claims.id, assigneeId: claims.assigneeId }).from(claims).where(inArray(claims.id, chunk)),
      // The newest flag of each claim: its author is who a return goes back to.
      db.select({ claimId: flags.claimId, createdBy: flags.createdBy }).from(flags)
        .where(and(inArray(flags.claimId, chunk), sql`"flags".rowid = (SELECT max(f2.rowid) FROM flags f2 WHERE f2.claim_id = "flags"."claim_id")`)),
      db.selectDistinct({ claimId: events.claimId, userId: events.actorUserId, action: events.action }).from(events)
        .where(and(inArray(events.claimId, chunk), inArray(events.action, [...WORK_ACTIONS, 'comment.create', 'claim.publish']))),
    ]);
    for (const r of rows) {
      circles.set(r.id, { assigneeId: r.assigneeId, flaggedBy: null, workers: [], commenters: [], publishers: [] });
    }
    for (const f of latestFlags) {
      const c = circles.get(f.claimId);
      if (c) c.flaggedBy = f.createdBy;
    }
    for (const a of actors) {
      const c = a.claimId ? circles.get(a.claimId) : undefined;
      if (!c || !a.userId) continue;
      const list = a.action === 'comment.create' ? c.commenters : a.action === 'claim.publish' ? c.publishers : c.workers;
      if (!list.includes(a.userId)) list.push(a.userId);
    }
  }
  return circles;
}

/** Active accounts, and which of them are editors (or admins). */
async function loadAudience(db: Db) {
  const rows = await db.select({ id: users.id, role: users.role }).from(users).where(isNull(users.disabledAt)).all();
  return { editors: rows.filter((u) => u.role !== 'checker').map((u) => u.id), active: new Set(rows.map((u) => u.id)) };
}

export interface NotifyOptions {
  mailer?: Mailer;
  /** The app's origin, for links in e-mails (`https://factmark.example`). */
  origin?: string;
  /** Where e-mail sending may go after the response (the Worker's waitUntil); inline when null. */
  defer?: ((work: Promise<unknown>) => void) | null;
}

/**
 * Writes the notifications that `writtenEvents` cause and sends the e-mails people asked
 * for. Runs after the write committed; its failures are the caller's to log, never the
 * write's. "Changed" notifications fold into the recipient's unread one for the same claim.
 * Returns the notifications written (for tests and the e-mail step).
 */
export async function notifyAfterWrite(db: Db, writtenEvents: readonly AuditEvent[], opts: NotifyOptions = {}): Promise<NotificationDraft[]> {
  const relevant = writtenEvents.filter((e) => NOTIFYING_ACTIONS.includes(e.action));
  if (!relevant.length) return [];
  const [circles, audience] = await Promise.all([loadCircles(db, relevant.flatMap((e) => (e.claimId ? [e.claimId] : []))), loadAudience(db)]);
  const drafts = notificationsFor(relevant, circles, audience);
  if (!drafts.length) return [];
  const ids = await insertDrafts(db, drafts);
  if (opts.mailer && opts.mailer.mode !== 'none') {
    const sending = emailDrafts(db, drafts, ids, opts.mailer, opts.origin ?? '');
    if (opts.defer) opts.defer(sending.catch((error) => console.error(JSON.stringify({ level: 'error', message: 'notification e-mails failed', error: String(error) }))));
    else await sending;
  }
  return drafts;
}

/**
 * One batch of inserts. A "changed" that finds the person's unread "changed" for the same
 * claim folds into it instead (the partial unique index `notifications_changed_unread`).
 */
async function insertDrafts(db: Db, drafts: NotificationDraft[]): Promise<(number | null)[]> {
  const statements = drafts.map((d) =>
    db
      .insert(notifications)
      .values(d)
      .onConflictDoUpdate({
        target: [notifications.recipientId, notifications.claimId],
        targetWhere: sql`read_at IS NULL AND kind = 'changed'`,
        set: { actorUserId: d.actorUserId, actorName: d.actorName, eventId: d.eventId, createdAt: nowSql },
      })
      .returning({ id: notifications.id }),
  );
  const [first, ...rest] = statements;
  const results = await db.batch([first, ...rest]);
  return results.map((r) => r[0]?.id ?? null);
}

/** Each person's e-mail choices, for the kinds they changed from the default. */
async function choicesOf(db: Db, userIds: string[]) {
  const out = new Map<string, Map<NotificationKind, boolean>>();
  for (const chunk of inListChunks(userIds)) {
    for (const p of await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, chunk)).all()) {
      const m = out.get(p.userId) ?? new Map();
      m.set(p.kind as NotificationKind, p.email);
      out.set(p.userId, m);
    }
  }
  return out;
}

async function emailDrafts(db: Db, drafts: NotificationDraft[], ids: (number | null)[], mailer: Mailer, origin: string) {
  const recipients = [...new Set(drafts.map((d) => d.recipientId))];
  const choices = await choicesOf(db, recipients);
  const wanted = drafts.map((d, i) => ({ d, id: ids[i] })).filter(({ d }) => wantsEmail(d.kind, choices.get(d.recipientId)));
  if (!wanted.length) return;
  const people = new Map<string, { email: string; name: string }>();
  const about = new Map<string, { quote: string; title: string }>();
  const bodies = new Map<string, string>();
  for (const chunk of inListChunks([...new Set(wanted.map((w) => w.d.recipientId))])) {
    for (const u of await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, chunk)).all()) people.set(u.id, u);
  }
  for (const chunk of inListChunks([...new Set(wanted.flatMap((w) => (w.d.claimId ? [w.d.claimId] : [])))])) {
    const rows = await db.select({ id: claims.id, quote: claims.quote, title: articles.title }).from(claims).innerJoin(articles, eq(articles.id, claims.articleId)).where(inArray(claims.id, chunk)).all();
    for (const r of rows) about.set(r.id, r);
  }
  for (const chunk of inListChunks([...new Set(wanted.flatMap((w) => (w.d.commentId ? [w.d.commentId] : [])))])) {
    for (const c of await db.select({ id: comments.id, body: comments.body }).from(comments).where(inArray(comments.id, chunk)).all()) bodies.set(c.id, c.body);
  }
  for (const { d, id } of wanted) {
    const person = people.get(d.recipientId);
    if (!person) continue;
    const claim = d.claimId ? about.get(d.claimId) : undefined;
    const comment = d.commentId ? bodies.get(d.commentId) : undefined;
    const mail = notificationEmail(
      { kind: d.kind, actorName: d.actorName, excerpt: comment ? excerptOf(comment, 300) : d.excerpt, claimQuote: claim?.quote ?? null, articleTitle: claim?.title ?? null, link: origin ? `${origin}/app/claims/${d.claimId ?? ''}` : null },
      person.name,
    );
    try {
      await mailer.send({ to: person.email, ...mail, notificationId: id });
    } catch (error) {
      // One address failing does not stop the others; the inbox has the notification anyway.
      console.error(JSON.stringify({ level: 'error', message: 'notification e-mail not sent', notificationId: id, error: String(error) }));
    }
  }
}

// ---- reading -------------------------------------------------------------------------------

/** The unread count and the newest notification id: what the top bar polls (its ETag). */
export async function unreadState(db: Db, userId: string): Promise<{ unread: number; latest: number }> {
  const row = await db
    .select({
      unread: sql<number>`(SELECT count(*) FROM notifications WHERE recipient_id = ${userId} AND read_at IS NULL)`,
      latest: sql<number>`coalesce((SELECT max(id) FROM notifications WHERE recipient_id = ${userId}), 0)`,
    })
    .from(sql`(SELECT 1)`)
    .get();
  return { unread: row?.unread ?? 0, latest: row?.latest ?? 0 };
}

export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  claimId: string | null;
  articleId: string | null;
  actorName: string;
  createdAt: string;
  readAt: string | null;
  excerpt: string | null;
  claimQuote: string | null;
  articleTitle: string | null;
  commentId: string | null;
}

/** A person's notifications, newest first, keyset-paged by id. */
export async function listNotifications(db: Db, userId: string, opts: { limit: number; before?: number; unread?: boolean }) {
  const conds = [eq(notifications.recipientId, userId)];
  if (opts.before) conds.push(lt(notifications.id, opts.before));
  if (opts.unread) conds.push(isNull(notifications.readAt));
  const rows = await db
    .select({ n: notifications, quote: claims.quote, title: articles.title, commentBody: comments.body, commentDeleted: comments.deletedAt })
    .from(notifications)
    .leftJoin(claims, eq(claims.id, notifications.claimId))
    .leftJoin(articles, eq(articles.id, notifications.articleId))
    .leftJoin(comments, eq(comments.id, notifications.commentId))
    .where(and(...conds))
    .orderBy(desc(notifications.id))
    .limit(opts.limit + 1)
    .all();
  const page = rows.slice(0, opts.limit);
  const items: NotificationItem[] = page.map(({ n, quote, title, commentBody, commentDeleted }) => ({
    id: n.id,
    kind: n.kind as NotificationKind,
    claimId: n.claimId,
    articleId: n.articleId,
    actorName: n.actorName,
    createdAt: n.createdAt,
    readAt: n.readAt,
    // A comment's words are shown as they are now (an edit shows, a deletion removes them).
    excerpt: n.commentId ? (commentDeleted ? '(comment deleted)' : commentBody ? excerptOf(commentBody) : null) : n.excerpt,
    claimQuote: quote,
    articleTitle: title,
    commentId: n.commentId,
  }));
  return { items, nextCursor: rows.length > opts.limit ? String(page[page.length - 1].n.id) : null };
}

/**
 * Marks notifications read: the listed ids (each must be the person's own: another's or an
 * unknown one is 404, and nothing is marked), or all of them.
 */
export async function markRead(db: Db, userId: string, input: { ids?: number[]; all?: boolean }) {
  if (input.all) {
    await db.update(notifications).set({ readAt: nowSql }).where(and(eq(notifications.recipientId, userId), isNull(notifications.readAt)));
  } else if (input.ids?.length) {
    const ids = [...new Set(input.ids)];
    for (const chunk of inListChunks(ids)) {
      const mine = await db.select({ id: notifications.id }).from(notifications).where(and(inArray(notifications.id, chunk), eq(notifications.recipientId, userId))).all();
      const missing = chunk.find((id) => !mine.some((m) => m.id === id));
      if (missing !== undefined) throw notFound('notification', String(missing));
    }
    for (const chunk of inListChunks(ids)) {
      await db.update(notifications).set({ readAt: nowSql }).where(and(inArray(notifications.id, chunk), eq(notifications.recipientId, userId), isNull(notifications.readAt)));
    }
  }
  return unreadState(db, userId);
}

/** Opening a claim marks what the person was told about it as read (as mail clients and GitHub do). */
export async function markClaimRead(db: Db, userId: string, claimId: string) {
  await db.update(notifications).set({ readAt: nowSql }).where(and(eq(notifications.recipientId, userId), eq(notifications.claimId, claimId), isNull(notifications.readAt)));
}

// ---- preferences ---------------------------------------------------------------------------

/** Every kind with its label and whether it comes by e-mail for this person. */
export async function preferencesOf(db: Db, userId: string) {
  const mine = (await choicesOf(db, [userId])).get(userId);
  return { email: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, wantsEmail(k, mine)])) as Record<NotificationKind, boolean>, labels: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, KIND_INFO[k].label])) };
}

/** Sets the person's e-mail choice for the kinds given; the others stay as they were. */
export async function setPreferences(db: Db, userId: string, email: Partial<Record<NotificationKind, boolean>>) {
  const entries = Object.entries(email).filter((e): e is [NotificationKind, boolean] => typeof e[1] === 'boolean');
  if (entries.length) {
    const upsert = ([kind, on]: [NotificationKind, boolean]) =>
      db.insert(notificationPreferences).values({ userId, kind, email: on }).onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { email: on } });
    const [first, ...rest] = entries.map(upsert);
    await db.batch([first, ...rest]);
  }
  return preferencesOf(db, userId);
}
