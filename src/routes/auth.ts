import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import * as S from '../api-schemas';
import { SESSION_COOKIE, requireActor } from '../middleware/auth';
import { clientKey, SESSION_TTL_MS, signIn, signOut } from '../services/auth';
import { defineRoute } from './contract';
import { dbOf } from './helpers';

/**
 * Secure everywhere but `npm start` on plain http://127.0.0.1, where a browser may drop a
 * Secure cookie; production and tests always get it.
 */
function cookieSecure(c: Context<AppEnv>): boolean {
  return c.env.ENVIRONMENT !== 'development' || new URL(c.req.url).protocol === 'https:';
}

/** Sign in / out and "who am I". */
export const authRoutes = [
  defineRoute({ method: 'post', path: '/auth/login', summary: 'Sign in; sets the session cookie and answers {user}', tag: 'auth', permission: 'anyone', body: S.Login, ok: 200 }, async (c, { body }) => {
    // CF-Connecting-IP is set by Cloudflare's edge (a client's own value is overwritten).
    const { token, user } = await signIn(dbOf(c), body, clientKey(c.req.header('CF-Connecting-IP')));
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      secure: cookieSecure(c),
      sameSite: 'Lax',
      path: '/',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return c.json({ user });
  }),
  defineRoute({ method: 'post', path: '/auth/logout', summary: 'Sign out; ends the session', tag: 'auth', permission: 'anyone', ok: 204 }, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await signOut(dbOf(c), token);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: cookieSecure(c), httpOnly: true, sameSite: 'Lax' });
    return c.body(null, 204);
  }),
  defineRoute({ method: 'get', path: '/me', summary: 'Who am I', tag: 'auth', permission: 'me.read', ok: 200 }, (c) => {
    const actor = requireActor(c);
    return c.json({ user: { id: actor.userId, name: actor.name, email: actor.email, role: actor.role, via: actor.kind, tokenId: actor.tokenId } });
  }),
];
