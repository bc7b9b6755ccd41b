/**
 * Webhooks' vocabulary: the event names a receiver can subscribe to, the one mapping from
 * audit actions (`claim.publish`) to them (`claim.published`), endpoint kinds, and the retry
 * schedule. Pure; the services and the reviewer UI read these lists.
 */
import type { ArticleFieldsView, ClaimFieldsView } from './shapes';

/**
 * Audit action → webhook event name. One table: an action missing here sends nothing.
 * `comment.created` (issue 11) and `claim.text_changed` (issue 12) join it when their
 * audit actions exist (`comment.create`, `claim.text_change`).
 */
export const WEBHOOK_EVENT_OF_ACTION = {
  'claim.flag': 'claim.flagged',
  'claim.return': 'claim.returned',
  'claim.publish': 'claim.published',
  'claim.unpublish': 'claim.unpublished',
  'article.create': 'article.created',
  // The article's page changed a claim's words or removed them (issue 12, docs/import.md).
  'claim.text-change': 'claim.text_changed',
  'comment.create': 'comment.created',
} as const satisfies Record<string, string>;

export type AuditActionWithWebhook = keyof typeof WEBHOOK_EVENT_OF_ACTION;
export type WebhookEventType = (typeof WEBHOOK_EVENT_OF_ACTION)[AuditActionWithWebhook];

export const WEBHOOK_EVENTS = Object.values(WEBHOOK_EVENT_OF_ACTION) as [WebhookEventType, ...WebhookEventType[]];

/** What each event means, for the admin page and the README. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'claim.flagged': 'A claim was flagged to the editors',
  'claim.returned': 'An editor returned a claim to the fact-checkers',
  'claim.published': 'A fact-check was published',
  'claim.unpublished': 'A fact-check was withdrawn',
  'article.created': 'An article was loaded',
  'claim.text_changed': 'The article\u2019s page changed or removed a claim\u2019s words',
  'comment.created': 'Someone commented on a claim (the desk’s discussion, never shown to readers)',
};

/** The webhook event name of an audit action, or null when the action sends none. */
export function webhookEventOf(action: string): WebhookEventType | null {
  return Object.prototype.hasOwnProperty.call(WEBHOOK_EVENT_OF_ACTION, action) ? WEBHOOK_EVENT_OF_ACTION[action as AuditActionWithWebhook] : null;
}

/** The queue of webhook deliveries (wrangler.toml), which the Worker's `queue` handler consumes. */
export const WEBHOOK_QUEUE_NAME = 'factmark-webhooks';

/** `standard`: the event as signed JSON (Standard Webhooks). `slack`: a readable message for a Slack incoming webhook. */
export const WEBHOOK_KINDS = ['standard', 'slack'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Seconds to wait after failed attempt n (1-based) before attempt n + 1: exponential, about a
 * day in all (30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h = 22 h 42 min; nine attempts).
 * 12 h is the longest delay a Cloudflare Queue message can be retried with.
 */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 1800, 3600, 10_800, 21_600, 43_200] as const;

/**
 * The delay before the next attempt after failed attempt `attempt`, with up to 10 % jitter
 * (so receivers that fail together are not retried together); null when it was the last.
 * `schedule` replaces the default (development and tests use seconds).
 */
export function retryDelay(attempt: number, schedule: readonly number[] = RETRY_DELAYS_SECONDS, random = Math.random): number | null {
  const base = schedule[attempt - 1];
  if (base === undefined) return null;
  return Math.min(43_200, Math.max(0, Math.round(base * (1 + 0.1 * random()))));
}

/** A schedule from a comma-separated list of seconds (`WEBHOOK_RETRY_DELAYS`); the default when absent or malformed. */
export function parseRetrySchedule(raw: string | undefined): readonly number[] {
  if (!raw) return RETRY_DELAYS_SECONDS;
  const parts = raw.split(',').map((s) => Number(s.trim()));
  return parts.length && parts.every((n) => Number.isInteger(n) && n >= 0 && n <= 43_200) ? parts : RETRY_DELAYS_SECONDS;
}

/** How much of a receiver's answer is kept with each attempt (characters). */
export const RESPONSE_EXCERPT_MAX = 1024;
/** A receiver has this long to answer (Standard Webhooks recommends 15–30 s). */
export const DELIVERY_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------------------------------
// The body of a webhook (src/services/webhook-payloads.ts builds it)

export interface WebhookPayload {
  type: WebhookEventType;
  /** When the event happened (the audit row's time), not when it was sent. */
  timestamp: string;
  data: WebhookData;
}

export interface PayloadArticle extends ArticleFieldsView {
  links: { app: string; public: string };
}

export interface PayloadClaim extends Omit<ClaimFieldsView, 'assigneeId'> {
  id: string;
  articleId: string;
  quote: string;
  public: boolean;
  publishedAt: string | null;
  links: { app: string; public: string | null };
}

export interface PayloadVerdict {
  id: string;
  rating: string;
  ratingLabel: string;
  summary: string;
  createdAt: string;
}

export interface WebhookData {
  article: PayloadArticle;
  claim?: PayloadClaim;
  /** claim.published: the published verdict; flagged/returned: the proposed one; unpublished: the withdrawn one. */
  verdict?: PayloadVerdict | null;
  /** The workflow step: statuses and the reason or note given. */
  change?: { from: string | null; to: string | null; reason?: string | null; note?: string | null };
  /** comment.created: the comment, as checkers read it (its words, who wrote it, whom it mentions). */
  comment?: { id: string; body: string; authorName: string | null; mentions: { id: string; name: string }[]; createdAt: string };
  actor: { id: string | null; name: string };
}

