import * as S from '../api-schemas';
import { recordWrite } from '../middleware/after-write';
import { requireActor } from '../middleware/auth';
import { createToken, createUser, listTokens, listUsers, revokeToken, updateUser } from '../services/accounts';
import { defineRoute } from './contract';
import { dbOf, versionFrom, withEtag } from './helpers';

/** Accounts and API tokens: admins only, but every signed-in role may list accounts (to assign claims). */
export const accountRoutes = [
  defineRoute({ method: 'get', path: '/users', summary: 'List accounts', tag: 'accounts', permission: 'user.list', ok: 200 }, async (c) => c.json({ items: await listUsers(dbOf(c)) })),
  defineRoute({ method: 'post', path: '/users', summary: 'Create an account', tag: 'accounts', permission: 'user.create', body: S.CreateUser, ok: 201 }, async (c, { body }) =>
    withEtag(c, recordWrite(c, await createUser(dbOf(c), requireActor(c), body)), 201),
  ),
  defineRoute({ method: 'patch', path: '/users/{id}', summary: 'Change name, role, password or disable an account', tag: 'accounts', permission: 'user.update', body: S.UpdateUser, ok: 200, versioned: true }, async (c, { params, body }) => {
    const { version, ...patch } = body;
    return withEtag(c, recordWrite(c, await updateUser(dbOf(c), requireActor(c), params.id, versionFrom(c, version), patch)));
  }),
  defineRoute({ method: 'get', path: '/tokens', summary: 'List API tokens', tag: 'accounts', permission: 'token.list', ok: 200 }, async (c) => c.json({ items: await listTokens(dbOf(c)) })),
  defineRoute({ method: 'post', path: '/tokens', summary: 'Create an API token (the secret is shown once)', tag: 'accounts', permission: 'token.create', body: S.CreateToken, ok: 201 }, async (c, { body }) =>
    c.json(recordWrite(c, await createToken(dbOf(c), requireActor(c), body)), 201),
  ),
  defineRoute({ method: 'delete', path: '/tokens/{id}', summary: 'Revoke an API token', tag: 'accounts', permission: 'token.revoke', ok: 204 }, async (c, { params }) => {
    recordWrite(c, await revokeToken(dbOf(c), requireActor(c), params.id));
    return c.body(null, 204);
  }),
];
