import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { Login } from '../api-schemas';
import { SESSION_COOKIE, requireActor } from '../middleware/auth';
import { SESSION_TTL_MS, signIn, signOut } from '../services/auth';
import { validate } from '../validation';
import { dbOf } from './helpers';

/** Sign in / out and "who am I". */
export const authRoutes = new Hono<AppEnv>()
  .post('/auth/login', validate('json', Login), async (c) => {
    const { token, user } = await signIn(dbOf(c), c.req.valid('json'));
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return c.json({ user });
  })
  .post('/auth/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await signOut(dbOf(c), token);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
    return c.body(null, 204);
  })
  .get('/me', (c) => {
    const actor = requireActor(c);
    return c.json({ user: { id: actor.userId, name: actor.name, email: actor.email, role: actor.role, via: actor.kind, tokenId: actor.tokenId } });
  });
