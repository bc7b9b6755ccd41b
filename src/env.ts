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
