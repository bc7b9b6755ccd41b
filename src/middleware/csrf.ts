import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { DomainError } from '../domain/errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated writes must come from our own origin. Browsers send Origin on every
 * cross-site POST/PATCH/DELETE, and Sec-Fetch-Site on same-site ones; a write with a cookie
 * and neither header is refused too. Bearer tokens are not sent by browsers on their own, so
 * they need no check.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async function csrf(c, next) {
    if (!SAFE.has(c.req.method) && c.get('authVia') === 'cookie') {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      const own = new URL(c.req.url).origin;
      const ok = origin ? origin === own : site === 'same-origin';
      if (!ok) throw new DomainError('csrf', 'Cross-site request refused: a signed-in write must come from this site (Origin header).');
    }
    await next();
  };
}
