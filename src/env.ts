import type { Role } from './domain/vocabulary';

/** Bindings declared in wrangler.toml. */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  /** "production" (default), "development" (npm start) or "test". */
  ENVIRONMENT?: string;
  /** DNS-over-HTTPS endpoint for outbound fetches in production (docs/import.md); default Cloudflare's. */
  DOH_URL?: string;
}

/** Who is calling: a signed-in user or an API token acting with its own role. */
export interface Actor {
  kind: 'user' | 'token';
  /** users.id for a user; the creating admin's users.id for a token. */
  userId: string;
  tokenId: string | null;
  name: string;
  email: string | null;
  role: Role;
}

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    actor: Actor | null;
    /** How the actor authenticated; CSRF checks only apply to cookies. */
    authVia: 'cookie' | 'bearer' | null;
  };
};
