import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { CreateToken, CreateUser, UpdateUser } from '../api-schemas';
import { requireActor, requireRole } from '../middleware/auth';
import { createToken, createUser, listTokens, listUsers, revokeToken, updateUser } from '../services/accounts';
import { validate } from '../validation';
import { dbOf, versionFrom, withEtag } from './helpers';

/** Accounts and API tokens: admins only, but every signed-in role may list accounts (to assign claims). */
export const accountRoutes = new Hono<AppEnv>()
  .get('/users', requireRole('checker', 'list accounts'), async (c) => c.json({ items: await listUsers(dbOf(c)) }))
  .post('/users', requireRole('admin', 'create accounts'), validate('json', CreateUser), async (c) => {
    return withEtag(c, await createUser(dbOf(c), requireActor(c), c.req.valid('json')), 201);
  })
  .patch('/users/:id', requireRole('admin', 'change accounts'), validate('json', UpdateUser), async (c) => {
    const { version, ...patch } = c.req.valid('json');
    return withEtag(c, await updateUser(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, version), patch));
  })
  .get('/tokens', requireRole('admin', 'list API tokens'), async (c) => c.json({ items: await listTokens(dbOf(c)) }))
  .post('/tokens', requireRole('admin', 'create API tokens'), validate('json', CreateToken), async (c) => {
    return c.json(await createToken(dbOf(c), requireActor(c), c.req.valid('json')), 201);
  })
  .delete('/tokens/:id', requireRole('admin', 'revoke API tokens'), async (c) => {
    await revokeToken(dbOf(c), requireActor(c), c.req.param('id'));
    return c.body(null, 204);
  });
