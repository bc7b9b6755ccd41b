/**
 * The body of a webhook: `{type, timestamp, data}` as Standard Webhooks recommends, built from
 * one audit event. `data` holds only what the role "checker" may read through the API (the
 * claim, its article, the verdict in question, who acted, by name) and never session, token or
 * account data: an endpoint is an outside system.
 */
import { desc, eq } from 'drizzle-orm';
import { articles, claims, events, verdicts } from '../../schema/tables';
import { insertionOrder, type Db } from '../db';
import { webhookEventOf, type PayloadArticle, type PayloadClaim, type PayloadVerdict, type WebhookPayload } from '../domain/webhooks';

export type { PayloadArticle, PayloadClaim, PayloadVerdict, WebhookData, WebhookPayload } from '../domain/webhooks';
import { ratingFor } from '../domain/ratings';
import { commentById } from './comments';

export type AuditEvent = typeof events.$inferSelect;

type ArticleRow = typeof articles.$inferSelect;
type ClaimRow = typeof claims.$inferSelect;
type VerdictRow = typeof verdicts.$inferSelect;

const enc = encodeURIComponent;

export function payloadArticle(host: string, a: Pick<ArticleRow, 'id' | 'slug' | 'title' | 'url' | 'publisher' | 'author' | 'publishedAt'>): PayloadArticle {
  return {
    id: a.id, slug: a.slug, title: a.title, url: a.url, publisher: a.publisher, author: a.author, publishedAt: a.publishedAt,
    links: { app: `${host}/app/articles/${enc(a.id)}`, public: `${host}/articles/${enc(a.slug)}` },
  };
}

export function payloadClaim(host: string, c: ClaimRow): PayloadClaim {
  const isPublic = c.publishedVerdictId !== null;
  return {
    id: c.id, articleId: c.articleId, quote: c.quote, kind: c.kind, value: c.value, approximate: c.approximate, bound: c.bound,
    subject: c.subject, speaker: c.speaker, statement: c.statement, status: c.status, public: isPublic, publishedAt: isPublic ? c.publishedAt : null, version: c.version,
    links: { app: `${host}/app/claims/${enc(c.id)}`, public: isPublic ? `${host}/claims/${enc(c.id)}` : null },
  };
}

export function payloadVerdict(v: VerdictRow): PayloadVerdict {
  return { id: v.id, rating: v.rating, ratingLabel: ratingFor(v.rating).label, summary: v.summary, createdAt: v.createdAt };
}

const field = (record: unknown, key: string): unknown => (record && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * The payload for one audit event, read from the database as it stands now (just after the
 * write committed); null when the event sends no webhook or its subject is gone.
 */
export async function buildWebhookPayload(db: Db, host: string, event: AuditEvent): Promise<WebhookPayload | null> {
  const type = webhookEventOf(event.action);
  if (!type) return null;
  const actor = { id: event.actorUserId, name: event.actorName };
  if (type === 'article.created') {
    const article = await db.select().from(articles).where(eq(articles.id, event.entityId)).get();
    if (!article) return null;
    return { type, timestamp: event.at, data: { article: payloadArticle(host, article), actor } };
  }
  if (type === 'comment.created') return commentPayload(db, host, event);
  const claimId = event.claimId ?? event.entityId;
  const row = await db.select({ claim: claims, article: articles }).from(claims).innerJoin(articles, eq(articles.id, claims.articleId)).where(eq(claims.id, claimId)).get();
  if (!row) return null;
  const verdictId =
    type === 'claim.published' ? str(field(event.after, 'publishedVerdictId')) : type === 'claim.unpublished' ? str(field(event.before, 'publishedVerdictId')) : null;
  const verdict = verdictId
    ? await db.select().from(verdicts).where(eq(verdicts.id, verdictId)).get()
    : type === 'claim.flagged' || type === 'claim.returned'
      ? await db.select().from(verdicts).where(eq(verdicts.claimId, claimId)).orderBy(desc(verdicts.createdAt), insertionOrder('verdicts', 'desc')).limit(1).get()
      : undefined;
  return {
    type,
    timestamp: event.at,
    data: {
      article: payloadArticle(host, row.article),
      claim: payloadClaim(host, row.claim),
      verdict: verdict ? payloadVerdict(verdict) : null,
      change: {
        from: str(field(event.before, 'status')),
        to: str(field(event.after, 'status')),
        ...(type === 'claim.flagged' ? { reason: str(field(event.after, 'reason')), note: str(field(event.after, 'note')) } : { note: str(field(event.after, 'note')) }),
      },
      actor,
    },
  };
}

/** comment.created: the comment with its claim and article; null once the comment is gone or deleted. */
async function commentPayload(db: Db, host: string, event: AuditEvent): Promise<WebhookPayload | null> {
  const comment = await commentById(db, event.entityId);
  if (!comment || comment.deletedAt) return null;
  const row = await db.select({ claim: claims, article: articles }).from(claims).innerJoin(articles, eq(articles.id, claims.articleId)).where(eq(claims.id, comment.claimId)).get();
  if (!row) return null;
  return {
    type: 'comment.created',
    timestamp: event.at,
    data: {
      article: payloadArticle(host, row.article),
      claim: payloadClaim(host, row.claim),
      comment: { id: comment.id, body: comment.body, authorName: comment.authorName, mentions: comment.mentions, createdAt: comment.createdAt },
      actor: { id: event.actorUserId, name: event.actorName },
    },
  };
}
