import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { Login } from '../api-schemas';
import { SESSION_COOKIE, requireActor } from '../middleware/auth';
import { clientKey, SESSION_TTL_MS, signIn, signOut } from '../services/auth';
import { validate } from '../validation';
import { dbOf } from './helpers';

/**
 * Secure everywhere but `npm start` on plain http://127.0.0.1, where a browser may drop a
 * Secure cookie; production and tests always get it.
 */
function cookieSecure(c: Context<AppEnv>): boolean {
  return c.env.ENVIRONMENT !== 'development' || new URL(c.req.url).protocol === 'https:';
}

/** Sign in / out and "who am I". */
export const authRoutes = new Hono<AppEnv>()
  .post('/auth/login', validate('json', Login), async (c) => {
    // CF-Connecting-IP is set by Cloudflare's edge (a client's own value is overwritten).
    const { token, user } = await signIn(dbOf(c), c.req.valid('json'), clientKey(c.req.header('CF-Connecting-IP')));
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      secure: cookieSecure(c),
      sameSite: 'Lax',
      path: '/',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return c.json({ user });
  })
  .post('/auth/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await signOut(dbOf(c), token);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: cookieSecure(c), httpOnly: true, sameSite: 'Lax' });
    return c.body(null, 204);
  })
  .get('/me', (c) => {
    const actor = requireActor(c);
    return c.json({ user: { id: actor.userId, name: actor.name, email: actor.email, role: actor.role, via: actor.kind, tokenId: actor.tokenId } });
  });
