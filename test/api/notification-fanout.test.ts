import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { emailOutbox, events, notificationPreferences, notifications, users } from '../../schema/tables';
import { createDb } from '../../src/db';
import type { AuditEvent } from '../../src/domain/notifications';
import { mailerFor } from '../../src/services/email';
import { listNotifications, loadCircles, markRead, notifyAfterWrite, unreadState } from '../../src/services/notifications';
import { claimStep, createArticle, createClaim, signedIn } from './helpers';

const db = () => createDb(env.DB);

/**
 * The API's own after-write step has already notified for the writes these tests make; start
 * from an empty inbox and outbox so the service is seen on its own.
 */
async function clearInboxes() {
  await env.DB.batch([env.DB.prepare('DELETE FROM notifications'), env.DB.prepare('DELETE FROM email_outbox')]);
}

/** An editor's article with a claim the checker made and is assigned. */
async function assignedClaim() {
  const editor = await signedIn('editor');
  const checker = await signedIn('checker');
  const article = await createArticle(editor);
  return { editor, checker, article, claim: await createClaim(checker, article.id, { assigneeId: checker.userId }) };
}

/** The audit rows a claim has, as the after-write step hands them over. */
async function eventsOf(claimId: string, action?: string): Promise<AuditEvent[]> {
  const rows = await db().select().from(events).where(eq(events.claimId, claimId)).all();
  return rows.filter((r) => !action || r.action === action);
}

describe('notifications written from the audit events of a write (services against D1)', () => {
  it('loads who works on a claim: assignee, latest flagger, workers and commenters', async () => {
    const { editor, checker, claim } = await assignedClaim();
    let c = claim;
    c = await claimStep(editor, c, 'sources', { url: 'https://court.example/r', title: 'Ruling' });
    c = await claimStep(checker, c, 'verdicts', { rating: 'true', summary: 'Right.' });
    c = await claimStep(checker, c, 'flag', { reason: 'Ready' });
    const circle = (await loadCircles(db(), [c.id])).get(c.id)!;
    expect(circle.assigneeId).toBe(checker.userId);
    expect(circle.flaggedBy).toBe(checker.userId);
    expect(circle.workers.sort()).toEqual([checker.userId, editor.userId].sort());
    expect(circle.commenters).toEqual([]);
  });

  it('a return notifies the checker once, with the note, and e-mails them in the outbox (never sent)', async () => {
    const { editor, checker, article, claim } = await assignedClaim();
    let c = claim;
    c = await claimStep(checker, c, 'verdicts', { rating: 'true', summary: 'Right.' });
    c = await claimStep(checker, c, 'flag', { reason: 'Ready' });
    c = await claimStep(editor, c, 'return', { note: 'Needs the court record' });
    await clearInboxes();
    const mailer = mailerFor(env, db());
    expect(mailer.mode).toBe('outbox');
    const drafts = await notifyAfterWrite(db(), await eventsOf(c.id, 'claim.return'), { mailer, origin: 'https://fm.test' });
    expect(drafts.map((d) => [d.recipientId, d.kind])).toEqual([[checker.userId, 'returned']]);
    const inbox = await listNotifications(db(), checker.userId!, { limit: 10 });
    expect(inbox.items).toEqual([expect.objectContaining({ kind: 'returned', claimId: c.id, articleId: article.id, actorName: 'Test editor', excerpt: 'Needs the court record', claimQuote: '$80,000', readAt: null })]);
    const me = await db().select().from(users).where(eq(users.id, checker.userId!)).get();
    const mail = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, me!.email)).all();
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe('Test editor returned to you “$80,000”');
    expect(mail[0].body).toContain(`https://fm.test/app/claims/${c.id}`);
  });

  it('sends no e-mail for a kind the person switched off, and one for a kind they switched on', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    await db().insert(notificationPreferences).values([{ userId: checker.userId!, kind: 'assigned', email: false }, { userId: checker.userId!, kind: 'changed', email: true }]);
    const article = await createArticle(editor);
    const c = await createClaim(editor, article.id, { assigneeId: checker.userId });
    const me = await db().select().from(users).where(eq(users.id, checker.userId!)).get();
    await clearInboxes();
    await notifyAfterWrite(db(), await eventsOf(c.id), { mailer: mailerFor(env, db()), origin: '' });
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, me!.email)).all()).toHaveLength(0);
    await claimStep(editor, c, 'sources', { url: 'https://court.example/r', title: 'Ruling' });
    await clearInboxes();
    await notifyAfterWrite(db(), await eventsOf(c.id, 'source.add'), { mailer: mailerFor(env, db()), origin: '' });
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, me!.email)).all()).toHaveLength(1);
  });

  it('folds a burst of changes into one unread "changed" per person and claim, and starts a new one once read', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const article = await createArticle(editor);
    let c = await createClaim(editor, article.id, { assigneeId: checker.userId });
    await clearInboxes();
    for (const title of ['One', 'Two', 'Three']) {
      c = await claimStep(editor, c, 'sources', { url: `https://court.example/${title}`, title });
      const [last] = (await eventsOf(c.id, 'source.add')).slice(-1);
      await notifyAfterWrite(db(), [last]);
    }
    const rows = () => db().select().from(notifications).where(eq(notifications.recipientId, checker.userId!)).all();
    // Three source additions (the API's step and ours alike) fold into one unread "changed".
    expect((await rows()).filter((n) => n.kind === 'changed')).toHaveLength(1);
    await markRead(db(), checker.userId!, { all: true });
    c = await claimStep(editor, c, 'sources', { url: 'https://court.example/four', title: 'Four' });
    await notifyAfterWrite(db(), (await eventsOf(c.id, 'source.add')).slice(-1));
    expect((await rows()).filter((n) => n.kind === 'changed')).toHaveLength(2);
    expect(await unreadState(db(), checker.userId!)).toEqual({ unread: 1, latest: expect.any(Number) });
  });
});
