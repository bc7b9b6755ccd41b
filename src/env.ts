import type { Actor } from './domain/actor';
import type { AuditEvent } from './services/events';

export type { Actor };

/** Bindings declared in wrangler.toml. */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  /** "production" (default), "development" (npm start) or "test". */
  ENVIRONMENT?: string;
  /** DNS-over-HTTPS endpoint for outbound fetches in production (docs/import.md); default Cloudflare's. */
  DOH_URL?: string;
  /** Webhook deliveries (issue 16): produced after writes, consumed by the Worker's `queue` handler. */
  WEBHOOK_QUEUE: Queue<import('./services/webhooks').WebhookMessage>;
  /** Deliveries that failed their last attempt (kept for inspection; admins can redeliver). */
  WEBHOOK_DEAD_LETTERS?: Queue<unknown>;
  /** Worker secret: 32 random bytes, base64; encrypts webhook signing secrets at rest. */
  WEBHOOK_SECRET_KEY?: string;
  /** Comma-separated seconds between attempts, replacing the default schedule (tests, local trials). */
  WEBHOOK_RETRY_DELAYS?: string;
  /** Workers Analytics Engine dataset for reader reach (production; wrangler.toml). */
  REACH?: AnalyticsEngineDataset;
  /** Reading reach back through the Analytics Engine SQL API (secrets; README, Deploy). */
  ANALYTICS_ACCOUNT_ID?: string;
  ANALYTICS_API_TOKEN?: string;
  /** This deployment's public origin (https://factmark.example), for purging cached feeds after the Cron Trigger's revisions. */
  PUBLIC_ORIGIN?: string;
  /** Cloudflare's send_email binding for notification e-mails (production only; README, "Deploy"). */
  EMAIL?: SendEmail;
  /** The sender address of notification e-mails, on a domain set up for Email Sending. */
  EMAIL_FROM?: string;
  /** This Worker version's id (wrangler.toml `version_metadata`): the renderer of stored feed pages. */
  CF_VERSION_METADATA?: WorkerVersionMetadata;
}

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    actor: Actor | null;
    /** How the actor authenticated; CSRF checks only apply to cookies. */
    authVia: 'cookie' | 'bearer' | null;
    /** Audit events of the writes this request committed, for the after-write step. */
    writes: AuditEvent[];
  };
};
