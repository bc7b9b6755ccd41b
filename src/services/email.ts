import { desc } from 'drizzle-orm';
import { emailOutbox } from '../../schema/tables';
import type { Db } from '../db';
import { KIND_INFO, type NotificationKind } from '../domain/notifications';

/**
 * Notification e-mails. Production sends them through Cloudflare's `send_email` binding
 * (`EMAIL` in wrangler.toml, sender `EMAIL_FROM`); `npm start` (ENVIRONMENT=development) and
 * the tests (ENVIRONMENT=test) write them to the `email_outbox` table instead, shown on
 * /app/outbox: nothing is ever sent from a development machine or a test.
 */

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  notificationId?: number | null;
}

export interface Mailer {
  /** Where the mail goes: `binding` (sent), `outbox` (kept locally) or `none` (not configured). */
  readonly mode: 'binding' | 'outbox' | 'none';
  send(mail: OutgoingEmail): Promise<void>;
}

/** The bindings and settings e-mail needs (a subset of the Worker's Env). */
export interface MailEnv {
  ENVIRONMENT?: string;
  EMAIL?: SendEmail;
  EMAIL_FROM?: string;
}

/** The mailer for this environment: never the binding outside production. */
export function mailerFor(env: MailEnv, db: Db): Mailer {
  const local = env.ENVIRONMENT === 'development' || env.ENVIRONMENT === 'test';
  if (local) {
    return {
      mode: 'outbox',
      async send(mail) {
        await db.insert(emailOutbox).values({ toAddress: mail.to, subject: mail.subject, body: mail.text, notificationId: mail.notificationId ?? null });
      },
    };
  }
  const binding = env.EMAIL;
  const from = env.EMAIL_FROM;
  if (binding && from) {
    return {
      mode: 'binding',
      async send(mail) {
        await binding.send({ from: { email: from, name: 'Factmark' }, to: mail.to, subject: mail.subject, text: mail.text });
      },
    };
  }
  return { mode: 'none', async send() {} };
}

export interface EmailNotification {
  kind: NotificationKind;
  actorName: string;
  excerpt: string | null;
  claimQuote: string | null;
  articleTitle: string | null;
  /** The claim's page; null when this server does not know its public origin (a Cron Trigger without PUBLIC_ORIGIN). */
  link: string | null;
}

const quoted = (s: string, max = 80) => `“${s.length > max ? `${s.slice(0, max - 1)}…` : s}”`;

/**
 * The e-mail for one notification: a subject that says who did what to which claim, and a
 * short text with the excerpt and the link. Plain text only (no HTML to escape or to render).
 *
 * @example notificationEmail({ kind: 'returned', actorName: 'Eddie', claimQuote: '12 years', … })
 *          // → { subject: 'Eddie returned to you “12 years”', text: '…' }
 */
export function notificationEmail(n: EmailNotification, recipientName: string): { subject: string; text: string } {
  const what = n.claimQuote ? quoted(n.claimQuote) : 'a claim';
  const subject = `${n.actorName} ${KIND_INFO[n.kind].verb} ${what}`.replace(/[\r\n]+/g, ' ');
  const lines = [
    `Hello ${recipientName},`,
    '',
    `${n.actorName} ${KIND_INFO[n.kind].verb} ${what}${n.articleTitle ? ` in “${n.articleTitle}”` : ''}.`,
    ...(n.excerpt ? ['', `  ${n.excerpt}`] : []),
    '',
    n.link ? `Open it: ${n.link}` : 'Open it from My work in Factmark.',
    '',
    '—',
    'Factmark. Choose which notifications come by e-mail under Notifications in the app.',
  ];
  return { subject, text: lines.join('\n') };
}

/** The latest e-mails kept locally (development and tests), newest first. */
export async function outbox(db: Db, limit = 100) {
  return db.select().from(emailOutbox).orderBy(desc(emailOutbox.id)).limit(limit).all();
}
