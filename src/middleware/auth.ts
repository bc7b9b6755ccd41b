import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { createDb } from '../db';
import type { Actor, AppEnv } from '../env';
import { DomainError } from '../domain/errors';
import { actorFromSession, actorFromToken } from '../services/auth';
import { assertPermission, type PermissionName } from '../domain/policy';

export const SESSION_COOKIE = 'fm_session';

/**
 * Resolves the caller from `Authorization: Bearer <token>` or the session cookie and
 * stores it as `actor` (null for anonymous readers). A bearer header that does not match
 * a live token is an error, not a silent downgrade to anonymous.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticateMiddleware(c, next) {
    c.set('actor', null);
    c.set('authVia', null);
    const header = c.req.header('authorization');
    const db = createDb(c.env.DB);
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const found = m ? await actorFromToken(db, m[1]) : null;
      if (!found) throw new DomainError('bad-token', 'The API token is malformed, unknown or revoked.');
      c.set('actor', found.actor);
      if (found.noteUse) c.executionCtx.waitUntil(found.noteUse().catch((error) => console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), message: 'token last use not recorded', error: String(error) }))));
      c.set('authVia', 'bearer');
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      const actor = cookie ? await actorFromSession(db, cookie) : null;
      if (actor) {
        c.set('actor', actor);
        c.set('authVia', 'cookie');
      }
    }
    await next();
  };
}

/** The signed-in actor, or 401. */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new DomainError('unauthenticated', 'Sign in (session cookie) or send an API token (Authorization: Bearer).');
  return actor;
}

/** Route guard: 401 for anonymous callers, 403 for a role below the permission's (from the domain policy). */
export function requirePermission(permission: PermissionName): MiddlewareHandler<AppEnv> {
  return async function requirePermissionMiddleware(c, next) {
    assertPermission(requireActor(c), permission);
    await next();
  };
}
