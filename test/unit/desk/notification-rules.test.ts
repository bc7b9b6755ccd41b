import { describe, expect, it } from 'vitest';
import { excerptOf, notificationsFor, wantsEmail, type AuditEvent, type ClaimCircle } from '../../../src/domain/notifications';

const editors = ['ed1', 'ed2', 'admin'];
const audience = { editors, active: new Set(['ed1', 'ed2', 'admin', 'chk1', 'chk2', 'chk3', 'gone']) };
audience.active.delete('gone');

const circle = (c: Partial<ClaimCircle> = {}): ClaimCircle => ({ assigneeId: null, flaggedBy: null, workers: [], commenters: [], publishers: [], ...c });
const ev = (action: string, actor: string, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  id: 1, action, entityType: action.split('.')[0], entityId: 'clm1', claimId: 'clm1', articleId: 'art1', actorUserId: actor, actorName: `Name of ${actor}`, ...extra,
});
const run = (events: AuditEvent[], c: ClaimCircle) => notificationsFor(events, new Map([['clm1', c]]), audience);
const who = (drafts: { recipientId: string; kind: string }[]) => drafts.map((d) => `${d.recipientId}:${d.kind}`).sort();

describe('who is told of what', () => {
  it('a flag to nobody in particular tells every editor but the one who flagged', () => {
    expect(who(run([ev('claim.flag', 'ed2', { after: { status: 'flagged', reason: 'Ready' } })], circle()))).toEqual(['admin:flagged', 'ed1:flagged']);
  });

  it('the automatic flag of a changed published claim is the article’s page’s, not “system”’s', () => {
    const drafts = run([ev('claim.flag', '', { actorUserId: null, actorName: 'system', after: { status: 'flagged', reason: 'The article changed', automatic: true } })], circle());
    expect(who(drafts)).toEqual(['admin:flagged', 'ed1:flagged', 'ed2:flagged']);
    expect(drafts.every((d) => d.actorName === 'The article’s page')).toBe(true);
  });

  it('a flag to a named editor tells that editor only, with the reason', () => {
    const drafts = run([ev('claim.flag', 'chk1', { after: { reason: 'Please look', editorId: 'ed2' } })], circle());
    expect(drafts).toEqual([expect.objectContaining({ recipientId: 'ed2', kind: 'flagged', excerpt: 'Please look', actorName: 'Name of chk1', claimId: 'clm1', articleId: 'art1', eventId: 1 })]);
  });

  it('a return tells the assignee and whoever flagged it, with the note', () => {
    const drafts = run([ev('claim.return', 'ed1', { after: { status: 'open', note: 'Needs a court source' } })], circle({ assigneeId: 'chk1', flaggedBy: 'chk2' }));
    expect(who(drafts)).toEqual(['chk1:returned', 'chk2:returned']);
    expect(drafts[0].excerpt).toBe('Needs a court source');
  });

  it('an assignment tells the new assignee, not the one who assigned themselves', () => {
    const update = (after: Record<string, unknown>, actor = 'ed1') => ev('claim.update', actor, { before: { assigneeId: null, subject: 'fine' }, after: { assigneeId: null, subject: 'fine', ...after } });
    expect(who(run([update({ assigneeId: 'chk1' })], circle()))).toEqual(['chk1:assigned']);
    expect(run([update({ assigneeId: 'chk1' }, 'chk1')], circle())).toEqual([]);
    expect(who(run([ev('claim.create', 'ed1', { after: { assigneeId: 'chk3' } })], circle()))).toEqual(['chk3:assigned']);
  });

  it('an edit tells the people working on the claim that it changed; the new assignee hears "assigned" instead', () => {
    const e = ev('claim.update', 'ed1', { before: { assigneeId: 'chk1', subject: 'fine' }, after: { assigneeId: 'chk2', subject: 'bail' } });
    expect(who(run([e], circle({ assigneeId: 'chk1', workers: ['chk1', 'chk3', 'ed1'] })))).toEqual(['chk1:changed', 'chk2:assigned', 'chk3:changed']);
  });

  it('publishing tells everyone who worked on it; sources and verdicts tell them it changed', () => {
    const c = circle({ assigneeId: 'chk1', workers: ['chk2', 'ed1'] });
    expect(who(run([ev('claim.publish', 'ed1')], c))).toEqual(['chk1:published', 'chk2:published']);
    expect(who(run([ev('source.add', 'chk2')], c))).toEqual(['chk1:changed', 'ed1:changed']);
    expect(who(run([ev('verdict.propose', 'chk1')], c))).toEqual(['chk2:changed', 'ed1:changed']);
  });

  it('the article’s page changing the words under a published check (a system event, no actor) tells its checker and the editor who published it, as text_changed', () => {
    const e = ev('claim.text-change', '', { actorUserId: null, actorName: 'Factmark', after: { textChange: { before: '12 years', after: '10 years' }, status: 'published', public: true } });
    const drafts = run([e], circle({ assigneeId: 'chk1', workers: ['chk2', 'gone'], publishers: ['ed1'] }));
    expect(who(drafts)).toEqual(['chk1:text_changed', 'chk2:text_changed', 'ed1:text_changed']);
    expect(drafts[0].excerpt).toBe('The article changed: \u201c12 years\u201d now reads \u201c10 years\u201d.');
    // "system changed …" would say nothing: the inbox and the e-mail name the page.
    expect(drafts[0].actorName).toBe('The article’s page');
    const gone = run([{ ...e, after: { textChange: { before: '12 years', after: null }, public: true } }], circle({ assigneeId: 'chk1' }));
    expect(gone[0]).toMatchObject({ kind: 'text_changed' });
    expect(gone[0].excerpt).toContain('is no longer in it');
  });

  it('the page changing the words of a claim readers do not see is an ordinary change for the people working on it', () => {
    const e = ev('claim.text-change', '', { actorUserId: null, actorName: 'Factmark', after: { textChange: { before: '12 years', after: '10 years' }, status: 'open', public: false } });
    expect(who(run([e], circle({ assigneeId: 'chk1', publishers: ['ed1'] })))).toEqual(['chk1:changed']);
  });

  it('a comment tells the people it mentions, and the assignee and earlier commenters that someone commented', () => {
    const e = ev('comment.create', 'chk1', { entityType: 'comment', entityId: 'cmt1', after: { mentions: ['ed1', 'chk2'] } });
    const drafts = run([e], circle({ assigneeId: 'chk3', commenters: ['chk2', 'ed2', 'chk1'] }));
    expect(who(drafts)).toEqual(['chk2:mentioned', 'chk3:commented', 'ed1:mentioned', 'ed2:commented']);
    expect(drafts.every((d) => d.commentId === 'cmt1')).toBe(true);
  });

  it('editing a comment tells only the people it newly mentions', () => {
    const e = ev('comment.update', 'chk1', { entityType: 'comment', entityId: 'cmt1', before: { mentions: ['ed1'] }, after: { mentions: ['ed1', 'ed2'] } });
    expect(who(run([e], circle({ commenters: ['ed1'] })))).toEqual(['ed2:mentioned']);
  });

  it('never tells the actor, a disabled account, or anyone of actions without a rule', () => {
    expect(run([ev('claim.return', 'ed1', { after: { note: 'x' } })], circle({ assigneeId: 'ed1', flaggedBy: 'gone' }))).toEqual([]);
    expect(run([ev('claim.accept', 'chk1')], circle({ assigneeId: 'chk2' }))).toEqual([]);
    expect(run([ev('article.update', 'ed1', { claimId: null })], circle())).toEqual([]);
  });

  it('gives each person one notification per claim per write: the most important kind', () => {
    // A bulk write can produce a return and an edit of the same claim: the assignee hears "returned".
    const events = [
      ev('source.add', 'ed1', { id: 1 }),
      ev('claim.return', 'ed1', { id: 2, after: { note: 'Fix the date' } }),
    ];
    expect(who(run(events, circle({ assigneeId: 'chk1', workers: ['chk1'] })))).toEqual(['chk1:returned']);
  });

  it('keeps claims apart: the same person hears about each claim of a bulk write', () => {
    const events = [ev('claim.publish', 'ed1', { claimId: 'a' }), ev('claim.publish', 'ed1', { claimId: 'b' })];
    const drafts = notificationsFor(events, new Map([['a', circle({ assigneeId: 'chk1' })], ['b', circle({ assigneeId: 'chk1' })]]), audience);
    expect(drafts.map((d) => d.claimId)).toEqual(['a', 'b']);
  });
});

describe('excerpts and e-mail choices', () => {
  it('cuts long text at a word, on one line', () => {
    expect(excerptOf('short\n note')).toBe('short note');
    const long = excerptOf(`${'word '.repeat(60)}`, 40);
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.endsWith('word…')).toBe(true);
  });

  it('takes a person’s choice over the kind’s default', () => {
    expect(wantsEmail('returned', undefined)).toBe(true);
    expect(wantsEmail('changed', undefined)).toBe(false);
    expect(wantsEmail('returned', new Map([['returned', false]]))).toBe(false);
    expect(wantsEmail('changed', new Map([['changed', true]]))).toBe(true);
  });
});
