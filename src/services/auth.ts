import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { apiTokens, loginThrottle, sessions, users } from '../../schema/tables';
import { newSecret, sha256, verifyPassword } from '../auth/crypto';
import type { Db } from '../db';
import { isoNow } from '../db';
import type { Actor } from '../env';
import { ApiError } from '../errors';
import { tokenActsAs } from '../domain/vocabulary';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000; // a working day and a half
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** A password check we run even for unknown e-mails, so timing does not reveal which exist. */
const DUMMY_RECORD = { passwordHash: 'x', passwordSalt: 'AAAAAAAAAAAAAAAAAAAAAA', passwordIterations: 100_000 };

export function publicUser(u: typeof users.$inferSelect) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabledAt !== null, version: u.version, createdAt: u.createdAt };
}

async function throttleState(db: Db, key: string) {
  return db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
}

/**
 * Counts a failure in one statement (parallel guesses cannot overwrite each other's count):
 * a new window after FAILURE_WINDOW_MS, a lock once MAX_FAILURES are reached.
 */
async function recordFailure(db: Db, key: string) {
  const now = isoNow();
  const windowStart = isoNow(-FAILURE_WINDOW_MS);
  const lockUntil = isoNow(LOCKOUT_MS);
  await db.run(sql`INSERT INTO login_throttle (key, failures, window_started_at, locked_until) VALUES (${key}, 1, ${now}, NULL)
    ON CONFLICT(key) DO UPDATE SET
      failures = CASE WHEN window_started_at < ${windowStart} THEN 1 ELSE failures + 1 END,
      window_started_at = CASE WHEN window_started_at < ${windowStart} THEN ${now} ELSE window_started_at END,
      locked_until = CASE WHEN window_started_at >= ${windowStart} AND failures + 1 >= ${MAX_FAILURES} THEN ${lockUntil} ELSE locked_until END`);
}

/**
 * Checks e-mail and password and opens a session. After MAX_FAILURES failures within the
 * window the address is locked for LOCKOUT_MS (429 with Retry-After), whatever the password.
 */
export async function signIn(db: Db, input: { email: string; password: string }) {
  const email = input.email.trim().toLowerCase();
  const key = `email:${email}`;
  const throttle = await throttleState(db, key);
  if (throttle?.lockedUntil && Date.parse(throttle.lockedUntil) > Date.now()) {
    const retryAfter = Math.ceil((Date.parse(throttle.lockedUntil) - Date.now()) / 1000);
    throw new ApiError(429, 'too-many-attempts', `Too many failed sign-ins for this address; try again in ${Math.ceil(retryAfter / 60)} minutes.`, { extra: { retryAfter } });
  }
  const user = await db.select().from(users).where(eq(users.email, email)).get();
  const ok = await verifyPassword(input.password, user ?? DUMMY_RECORD);
  if (!user || !ok || user.disabledAt) {
    await recordFailure(db, key);
    throw new ApiError(401, 'bad-credentials', 'Wrong e-mail address or password, or the account is disabled.');
  }
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
  // Housekeeping on the rare path: this user's expired sessions go.
  await db.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, isoNow())));
  const token = newSecret('');
  const expiresAt = isoNow(SESSION_TTL_MS);
  await db.insert(sessions).values({ tokenHash: await sha256(token), userId: user.id, expiresAt });
  return { token, expiresAt, user: publicUser(user) };
}

export async function signOut(db: Db, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, await sha256(token)));
}

/** The actor behind a session cookie, or null when it is unknown, expired or disabled. */
export async function actorFromSession(db: Db, token: string): Promise<Actor | null> {
  const row = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, await sha256(token)), gt(sessions.expiresAt, isoNow()), isNull(users.disabledAt)))
    .get();
  if (!row) return null;
  const u = row.user;
  return { kind: 'user', userId: u.id, tokenId: null, name: u.name, email: u.email, role: u.role };
}

/**
 * How finely a token's last use is recorded: fine enough for an admin deciding which tokens
 * are dead, coarse enough that a busy integration does not turn every read into a write.
 */
export const TOKEN_USE_RESOLUTION_MS = 5 * 60_000;

/**
 * The actor behind an API token; a token acts with its own role, in its creator's name.
 * `noteUse` is set when the token's recorded last use is older than the resolution: the
 * caller hands it to `waitUntil`, so the answer does not wait for this write (it does not depend on it).
 */
export async function actorFromToken(db: Db, secret: string): Promise<{ actor: Actor; noteUse: (() => Promise<unknown>) | null } | null> {
  const row = await db
    .select({ token: apiTokens, creator: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.tokenHash, await sha256(secret)), isNull(apiTokens.revokedAt), isNull(users.disabledAt)))
    .get();
  if (!row) return null;
  const actor: Actor = { kind: 'token', userId: row.creator.id, tokenId: row.token.id, name: `token ${row.token.name}`, email: null, role: tokenActsAs(row.token.role, row.creator.role) };
  const cutoff = isoNow(-TOKEN_USE_RESOLUTION_MS);
  const stale = row.token.lastUsedAt === null || row.token.lastUsedAt < cutoff;
  // Conditional, so parallel requests of one token write it once.
  const noteUse = () =>
    db.update(apiTokens).set({ lastUsedAt: isoNow() }).where(and(eq(apiTokens.id, row.token.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, cutoff)))).run();
  return { actor, noteUse: stale ? noteUse : null };
}
