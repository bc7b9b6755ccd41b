import { describe, expect, it } from 'vitest';
import { mailerFor, notificationEmail } from '../../src/services/email';
import type { Db } from '../../src/db';

/** A db whose only use here would be the outbox insert: records what was written. */
function fakeDb() {
  const rows: unknown[] = [];
  const db = { insert: () => ({ values: async (v: unknown) => void rows.push(v) }) } as unknown as Db;
  return { db, rows };
}

function fakeBinding() {
  const sent: unknown[] = [];
  return { sent, binding: { send: async (m: unknown) => (sent.push(m), { messageId: 'm1' }) } as unknown as SendEmail };
}

describe('where notification e-mails go', () => {
  it('development and tests keep them in the outbox, even with a binding configured', async () => {
    for (const ENVIRONMENT of ['development', 'test']) {
      const { db, rows } = fakeDb();
      const { binding, sent } = fakeBinding();
      const mailer = mailerFor({ ENVIRONMENT, EMAIL: binding, EMAIL_FROM: 'desk@news.example' }, db);
      expect(mailer.mode).toBe('outbox');
      await mailer.send({ to: 'a@news.example', subject: 'S', text: 'T', notificationId: 7 });
      expect(rows).toEqual([{ toAddress: 'a@news.example', subject: 'S', body: 'T', notificationId: 7 }]);
      expect(sent).toEqual([]);
    }
  });

  it('production sends through the send_email binding from EMAIL_FROM', async () => {
    const { db, rows } = fakeDb();
    const { binding, sent } = fakeBinding();
    const mailer = mailerFor({ ENVIRONMENT: 'production', EMAIL: binding, EMAIL_FROM: 'desk@news.example' }, db);
    expect(mailer.mode).toBe('binding');
    await mailer.send({ to: 'a@news.example', subject: 'S', text: 'T' });
    expect(sent).toEqual([{ from: { email: 'desk@news.example', name: 'Factmark' }, to: 'a@news.example', subject: 'S', text: 'T' }]);
    expect(rows).toEqual([]);
  });

  it('production without the binding or a sender sends nothing', async () => {
    const { db, rows } = fakeDb();
    expect(mailerFor({}, db).mode).toBe('none');
    expect(mailerFor({ ENVIRONMENT: 'production', EMAIL: fakeBinding().binding }, db).mode).toBe('none');
    await mailerFor({}, db).send({ to: 'a@news.example', subject: 'S', text: 'T' });
    expect(rows).toEqual([]);
  });
});

describe('a notification as an e-mail', () => {
  it('says who did what to which claim, with the note and the link', () => {
    const mail = notificationEmail(
      { kind: 'returned', actorName: 'Eddie Editor', excerpt: 'Needs the court record', claimQuote: '12 years in prison', articleTitle: 'Mayor sentenced', link: 'https://fm.example/app/claims/clm_1' },
      'Chris',
    );
    expect(mail.subject).toBe('Eddie Editor returned to you “12 years in prison”');
    expect(mail.text).toContain('Hello Chris,');
    expect(mail.text).toContain('in “Mayor sentenced”');
    expect(mail.text).toContain('Needs the court record');
    expect(mail.text).toContain('Open it: https://fm.example/app/claims/clm_1');
  });

  it('sends no relative link when the server does not know its origin (a Cron Trigger without PUBLIC_ORIGIN)', () => {
    const mail = notificationEmail({ kind: 'changed', actorName: 'system', excerpt: 'The article changed', claimQuote: '12 years', articleTitle: null, link: null }, 'C');
    expect(mail.text).toContain('Open it from My work in Factmark.');
    expect(mail.text).not.toContain('/app/claims');
  });

  it('keeps the subject on one line and long quotes short', () => {
    const mail = notificationEmail({ kind: 'mentioned', actorName: 'A\r\nBcc: x@evil.example', excerpt: null, claimQuote: 'q'.repeat(200), articleTitle: null, link: 'https://fm.example' }, 'C');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject.length).toBeLessThan(140);
  });
});
