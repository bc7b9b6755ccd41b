import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { apiTokens, sessions, users } from '../../schema/tables';
import { newPasswordRecord, newSecret, sha256 } from '../auth/crypto';
import type { Db } from '../db';
import { newId } from '../domain/ids';
import { tokenActsAs } from '../domain/policy';
import type { Role } from '../domain/vocabulary';
import type { Actor } from '../domain/actor';
import { DomainError, notFound, staleVersion } from '../domain/errors';
import { publicUser } from './auth';
import { eventStatement, written } from './events';
import { bumpVersionIf, nowSql, runGuarded } from './versioning';

/** Accounts and API tokens; admins only (the routes check the role). */

export async function listUsers(db: Db) {
  return (await db.select().from(users).orderBy(users.email).all()).map(publicUser);
}

export async function createUser(db: Db, actor: Actor, input: { email: string; name: string; role: Role; password: string }) {
  const email = input.email.trim().toLowerCase();
  const clash = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (clash) throw new DomainError('email-taken', `An account for ${email} exists already.`, { errors: [{ field: 'email', message: 'is taken' }] });
  const row = { id: newId('usr'), email, name: input.name, role: input.role, ...(await newPasswordRecord(input.password)) };
  const [inserted, events] = await db.batch([
    db.insert(users).values(row).returning(),
    eventStatement(db, actor, { action: 'user.create', entityType: 'user', entityId: row.id, after: { email, name: row.name, role: row.role } }),
  ]);
  return written(publicUser(inserted[0]), events);
}

export async function updateUser(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  patch: { name?: string; role?: Role; disabled?: boolean; password?: string },
) {
  const current = await db.select().from(users).where(eq(users.id, id)).get();
  if (!current) throw notFound('user', id);
  if (version !== current.version) throw staleVersion('user', version, current.version);
  if (id === actor.userId && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
    throw new DomainError('self-lockout', 'You cannot disable yourself or drop your own admin role; ask another admin.');
  }
  const set: Partial<typeof users.$inferInsert> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.disabled !== undefined) set.disabledAt = patch.disabled ? new Date().toISOString() : null;
  if (patch.password !== undefined) Object.assign(set, await newPasswordRecord(patch.password));
  const before = publicUser(current);
  const after = { ...before, ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.role ? { role: patch.role } : {}), ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}) };
  const update = db.update(users).set({ ...set, version: bumpVersionIf(version), updatedAt: nowSql }).where(eq(users.id, id)).returning();
  const event = eventStatement(db, actor, { action: 'user.update', entityType: 'user', entityId: id, before, after: { ...after, ...(patch.password ? { passwordChanged: true } : {}) } });
  // Disabling an account or changing its password ends its sessions; disabling also revokes the API tokens it made.
  const endSessions = patch.disabled || patch.password;
  const [updated, events] = await runGuarded('user', version, 'users_version_fresh', async () =>
    endSessions
      ? await db.batch([update, event, db.delete(sessions).where(eq(sessions.userId, id)), ...(patch.disabled ? [db.update(apiTokens).set({ revokedAt: nowSql }).where(and(eq(apiTokens.createdBy, id), isNull(apiTokens.revokedAt)))] : [])])
      : await db.batch([update, event]),
  );
  return written(publicUser(updated[0]), events);
}

function serialiseToken(t: typeof apiTokens.$inferSelect, creatorRole: Role = t.role) {
  return { id: t.id, name: t.name, role: t.role, actsAs: tokenActsAs(t.role, creatorRole), prefix: t.prefix, createdBy: t.createdBy, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt };
}

/** Every token, newest first, with the role it acts with now (`actsAs`, capped by its creator's). */
export async function listTokens(db: Db) {
  const rows = await db.select({ token: apiTokens, creatorRole: users.role }).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.createdBy)).orderBy(desc(apiTokens.createdAt)).all();
  return rows.map((r) => serialiseToken(r.token, r.creatorRole));
}

/** Creates a token; the secret is in this answer only and stored hashed. */
export async function createToken(db: Db, actor: Actor, input: { name: string; role: Role }) {
  const secret = newSecret('fmk_');
  const row = { id: newId('tok'), name: input.name, role: input.role, tokenHash: await sha256(secret), prefix: secret.slice(0, 10), createdBy: actor.userId };
  const [inserted, events] = await db.batch([
    db.insert(apiTokens).values(row).returning(),
    eventStatement(db, actor, { action: 'token.create', entityType: 'token', entityId: row.id, after: { name: row.name, role: row.role, prefix: row.prefix } }),
  ]);
  return written({ ...serialiseToken(inserted[0]), token: secret }, events);
}

export async function revokeToken(db: Db, actor: Actor, id: string) {
  const current = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
  if (!current) throw notFound('API token', id);
  if (current.revokedAt) return written(serialiseToken(current), []); // revoking twice is harmless
  // Parallel revokes all get past the check above: only the one whose UPDATE changed the row
  // writes the event (`changes()` is the row count of the batch's previous statement).
  const [updated, events] = await db.batch([
    db.update(apiTokens).set({ revokedAt: nowSql }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).returning(),
    eventStatement(db, actor, { action: 'token.revoke', entityType: 'token', entityId: id, before: { revokedAt: null } }, { onlyIf: { table: apiTokens, where: and(eq(apiTokens.id, id), sql`changes() = 1`) } }),
  ]);
  const row = updated[0] ?? (await db.select().from(apiTokens).where(eq(apiTokens.id, id)).get());
  return written(serialiseToken(row!), events);
}
