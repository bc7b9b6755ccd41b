import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { apiTokens, sessions, signInThrottle, users } from '../../schema/tables';
import { newSecret, sha256, verifyPassword } from '../auth/crypto';
import type { Db } from '../db';
import { isoNow } from '../db';
import type { Actor } from '../domain/actor';
import { DomainError } from '../domain/errors';
import { tokenActsAs } from '../domain/policy';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000; // a working day and a half

/**
 * Sign-in throttle (docs/api.md, "Sign-in throttle"). Attempts are counted in fixed windows
 * under three keys, each in one upsert that returns the new count, all three in one D1 batch
 * (one transaction) that runs before the password is hashed, so parallel guesses add up
 * and a refused attempt costs no PBKDF2:
 * - per client (its IP address, an IPv6 one by its /64): MAX_PER_CLIENT attempts, whatever
 *   the addresses tried; refused before anything else is counted;
 * - per address and client: MAX_PER_PAIR attempts for one address from one client;
 * - per address: MAX_PER_ADDRESS attempts from all clients together, a ceiling far above
 *   the pair limit, so one attacker slows himself down and not the person he targets; only
 *   attempts that passed the two limits above count towards it.
 * A successful sign-in takes its own attempt back (and clears its pair), so people who type
 * their password right are never counted.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_PER_PAIR = 5;
export const MAX_PER_CLIENT = 30;
export const MAX_PER_ADDRESS = 50;
/** Dead throttle rows deleted by each attempt, at most (each attempt creates at most three). */
const CLEANUP_BATCH = 50;

/** A password check we run even for unknown e-mails, so timing does not reveal which exist. */
const DUMMY_RECORD = { passwordHash: 'x', passwordSalt: 'AAAAAAAAAAAAAAAAAAAAAA', passwordIterations: 100_000 };

export function publicUser(u: typeof users.$inferSelect) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabledAt !== null, version: u.version, createdAt: u.createdAt };
}

/**
 * The client a sign-in comes from, as a throttle key: the IP address Cloudflare saw
 * (`CF-Connecting-IP`, which clients cannot set), an IPv6 address cut to its /64 (one
 * subscriber's network), or `unknown` when there is none (local runs).
 */
export function clientKey(ip: string | null | undefined): string {
  const raw = (ip ?? '').trim().toLowerCase();
  if (!raw) return 'unknown';
  if (!raw.includes(':')) return /^[\d.]{7,15}$/.test(raw) ? raw : 'unknown';
  // Expand "::" and keep the first four groups.
  const [head, tail = ''] = raw.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = raw.includes('::') ? [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  if (groups.length < 4 || !groups.slice(0, 4).every((g) => /^[0-9a-f]{1,4}$/.test(g))) return 'unknown';
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

type Count = { attempts: number; expiresAt: string };

/**
 * One attempt under `key` (bound first, then now and the new window's end), counted in one
 * statement that answers the new count: a new window once the old one has expired. With
 * `onlyIf`, the attempt is counted (and a row answered) only when that SQL condition holds
 * as the statement runs (its parameters are bound after the others).
 */
function countAttempt(onlyIf = '1') {
  return `INSERT INTO sign_in_throttle (key, attempts, window_started_at, expires_at)
    SELECT ?1, 1, ?2, ?3 WHERE ${onlyIf}
    ON CONFLICT(key) DO UPDATE SET
      attempts = CASE WHEN expires_at <= ?2 THEN 1 ELSE attempts + 1 END,
      window_started_at = CASE WHEN expires_at <= ?2 THEN ?2 ELSE window_started_at END,
      expires_at = CASE WHEN expires_at <= ?2 THEN ?3 ELSE expires_at END
    RETURNING attempts, expires_at AS expiresAt`;
}

const attemptsOf = (param: number) => `(SELECT attempts FROM sign_in_throttle WHERE key = ?${param})`;

function tooMany(expiresAt: string, why: string): DomainError {
  const retryAfter = Math.max(1, Math.ceil((Date.parse(expiresAt) - Date.now()) / 1000));
  return new DomainError('too-many-attempts', `Too many failed sign-ins ${why}; try again in ${Math.ceil(retryAfter / 60)} minutes.`, { extensions: { retryAfter } });
}

/**
 * Throttle keys this isolate has seen over their limit, with the end of their window. A key
 * over its limit stays over until its window ends: every attempt under it is refused before
 * the password check, so none can succeed and give an attempt back. So further attempts under
 * it are refused from here, without the D1 write batch: a flood that is refused costs a
 * lookup, not a write per attempt (BENCHMARKS.md, "Load": the steady state of a flood of
 * refused attempts halved the static files' throughput in the same process). Other isolates
 * learn it from D1 with their first attempt. Bounded: expired keys go first, then the oldest.
 */
const overLimit = new Map<string, { until: string; why: string }>();
const MAX_REMEMBERED = 10_000;

function rememberOverLimit(key: string, until: string, why: string) {
  if (overLimit.size >= MAX_REMEMBERED) {
    const now = isoNow();
    for (const [k, v] of overLimit) if (v.until <= now) overLimit.delete(k);
    while (overLimit.size >= MAX_REMEMBERED) overLimit.delete(overLimit.keys().next().value!);
  }
  overLimit.set(key, { until, why });
}

/**
 * Counts this attempt under the client, the address from this client, and the address,
 * before any password is hashed; refuses (429 with Retry-After) when one is over its limit.
 * Dead rows of the throttle go on the way, so it holds no more than the current windows.
 */
async function countSignInAttempt(db: Db, email: string, client: string) {
  const d1 = db.$client;
  const now = isoNow();
  const expires = isoNow(THROTTLE_WINDOW_MS);
  const keys = { client: `client:${client}`, pair: `pair:${client}|${email}`, address: `address:${email}` };
  for (const key of [keys.client, keys.pair, keys.address]) {
    const known = overLimit.get(key);
    if (known && known.until > now) throw tooMany(known.until, known.why);
    if (known) overLimit.delete(key);
  }
  const clientOk = `${attemptsOf(4)} <= ${MAX_PER_CLIENT}`;
  // Raw D1 statements: drizzle's batch does not take raw SQL with RETURNING.
  const [, byClient, byPair, byAddress] = await d1.batch<Count>([
    d1.prepare('DELETE FROM sign_in_throttle WHERE key IN (SELECT key FROM sign_in_throttle WHERE expires_at <= ? LIMIT ?)').bind(now, CLEANUP_BATCH),
    d1.prepare(countAttempt()).bind(keys.client, now, expires),
    d1.prepare(countAttempt(clientOk)).bind(keys.pair, now, expires, keys.client),
    d1.prepare(countAttempt(`${clientOk} AND ${attemptsOf(5)} <= ${MAX_PER_PAIR}`)).bind(keys.address, now, expires, keys.client, keys.pair),
  ]);
  const c = byClient.results[0];
  const p = byPair.results[0];
  const a = byAddress.results[0];
  const refuse = (key: string, until: string, why: string) => {
    rememberOverLimit(key, until, why);
    return tooMany(until, why);
  };
  if (c.attempts > MAX_PER_CLIENT) throw refuse(keys.client, c.expiresAt, 'from your network');
  if (!p || p.attempts > MAX_PER_PAIR) throw refuse(keys.pair, (p ?? c).expiresAt, 'for this address from your network');
  if (!a || a.attempts > MAX_PER_ADDRESS) throw refuse(keys.address, (a ?? p).expiresAt, 'for this address');
  return keys;
}

/**
 * Checks e-mail and password and opens a session. The attempt is counted before the
 * password is hashed (see THROTTLE_WINDOW_MS); a refused one answers 429 with Retry-After.
 *
 * @example await signIn(db, { email, password }, clientKey(c.req.header('CF-Connecting-IP')))
 */
export async function signIn(db: Db, input: { email: string; password: string }, client = 'unknown') {
  const email = input.email.trim().toLowerCase();
  const keys = await countSignInAttempt(db, email, client);
  const user = await db.select().from(users).where(eq(users.email, email)).get();
  const ok = await verifyPassword(input.password, user ?? DUMMY_RECORD);
  if (!user || !ok || user.disabledAt) {
    throw new DomainError('bad-credentials', 'Wrong e-mail address or password, or the account is disabled.');
  }
  const token = newSecret('');
  const expiresAt = isoNow(SESSION_TTL_MS);
  const giveBack = (key: string) => db.update(signInThrottle).set({ attempts: sql`max(${signInThrottle.attempts} - 1, 0)` }).where(eq(signInThrottle.key, key));
  await db.batch([
    // This attempt was not a guess: it no longer counts, and this client may try this address afresh.
    db.delete(signInThrottle).where(eq(signInThrottle.key, keys.pair)),
    giveBack(keys.client),
    giveBack(keys.address),
    // Housekeeping on the rare path: this user's expired sessions go.
    db.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, isoNow()))),
    db.insert(sessions).values({ tokenHash: await sha256(token), userId: user.id, expiresAt }),
  ]);
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
