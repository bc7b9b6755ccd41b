import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import HEADERS from './security-headers.json';

/**
 * The headers every response carries, in one JSON file: this middleware sets them on what the
 * Worker answers, and `npm run build` writes them into the static assets' `_headers` file
 * (scripts/build-web.mjs), since /embed.js and /app/assets/* are served before the Worker.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = HEADERS;

/** Headers a route may set for itself (public data loosens CORP; a page may frame itself). */
const ROUTE_MAY_SET = new Set(['X-Frame-Options', 'Content-Security-Policy', 'Cross-Origin-Resource-Policy']);

/**
 * Headers every response carries. Our own pages load scripts and styles from our origin
 * only; public data routes loosen what they must (CORS, cross-origin resource policy)
 * themselves.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeadersMiddleware(c, next) {
    await next();
    const h = c.res.headers;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!ROUTE_MAY_SET.has(name) || !h.has(name)) h.set(name, value);
    }
  };
}
