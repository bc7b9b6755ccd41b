/**
 * The sign-in throttle (services/auth.ts, docs/api.md "Sign-in throttle"): counted before the
 * password is hashed, per client, per address and client, and per address with a higher
 * ceiling, so an attacker slows himself and not the person whose address he tries.
 */
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_PER_ADDRESS, MAX_PER_CLIENT, MAX_PER_PAIR, clientKey } from '../../src/services/auth';
import { call, makeUser, PASSWORD } from './helpers';

const login = (email: string, password: string, ip?: string) =>
  call('/api/v1/auth/login', { method: 'POST', body: { email, password }, headers: ip ? { 'CF-Connecting-IP': ip } : {} });

/** Counts PBKDF2 runs: the Worker runs in this isolate, so its WebCrypto calls are seen here. */
function countHashes() {
  const spy = vi.spyOn(crypto.subtle, 'deriveBits');
  return () => spy.mock.calls.length;
}

const rows = async () => (await env.DB.prepare('SELECT key, attempts, expires_at FROM sign_in_throttle').all<{ key: string; attempts: number; expires_at: string }>()).results;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the sign-in throttle', () => {
  it('holds under any parallelism: of 60 parallel wrong passwords for one address, only the allowed few are checked', async () => {
    const user = await makeUser('checker');
    const hashes = countHashes();
    const results = await Promise.all(Array.from({ length: 60 }, () => login(user.email, 'wrong password', '198.51.100.7')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_PER_PAIR);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - MAX_PER_PAIR);
    expect(hashes()).toBe(MAX_PER_PAIR);
    const refused = results.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json).toMatchObject({ status: 429, type: '/api/v1/problems#too-many-attempts' });
    // The right password from the same client is refused too, until the window ends.
    expect((await login(user.email, PASSWORD, '198.51.100.7')).status).toBe(429);
  });

  it('an attacker who fails for an address does not lock its owner out', async () => {
    const victim = await makeUser('admin');
    for (let i = 0; i < MAX_PER_PAIR + 3; i++) await login(victim.email, `guess ${i}`, '203.0.113.66');
    expect((await login(victim.email, 'one more', '203.0.113.66')).status).toBe(429);
    const own = await login(victim.email, PASSWORD, '192.0.2.10');
    expect(own.status).toBe(200);
  });

  it('refuses a flood from one client before hashing, whatever addresses it tries', async () => {
    const hashes = countHashes();
    const statuses: number[] = [];
    for (let i = 0; i < MAX_PER_CLIENT + 10; i++) statuses.push((await login(`nobody-${i}@example.test`, 'x', '2001:db8:1:2:aaaa::1')).status);
    expect(statuses.slice(0, MAX_PER_CLIENT).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(MAX_PER_CLIENT).every((s) => s === 429)).toBe(true);
    expect(hashes()).toBe(MAX_PER_CLIENT);
    // Another address in the same /64 is the same client; another network is not.
    expect((await login('someone@example.test', 'x', '2001:db8:1:2:bbbb::9')).status).toBe(429);
    expect((await login('someone@example.test', 'x', '2001:db8:1:3::1')).status).toBe(401);
    // Refused attempts add no rows: one for the client, two per address it got to try.
    expect((await rows()).filter((r) => r.key.includes('2001:db8:1:2::/64') || r.key.startsWith('address:nobody-')).length).toBe(1 + 2 * MAX_PER_CLIENT);
  });

  it('a client over its limit is refused from memory: its further attempts write nothing to D1', async () => {
    for (let i = 0; i < MAX_PER_CLIENT + 1; i++) await login(`memory-${i}@example.test`, 'x', '192.0.2.201');
    const count = async () => (await rows()).find((r) => r.key === 'client:192.0.2.201')?.attempts;
    expect(await count()).toBe(MAX_PER_CLIENT + 1); // the first refusal is counted in D1
    const more = await Promise.all(Array.from({ length: 20 }, (_, i) => login(`memory-more-${i}@example.test`, 'x', '192.0.2.201')));
    expect(more.every((r) => r.status === 429 && Number(r.headers.get('retry-after')) > 0)).toBe(true);
    expect(await count()).toBe(MAX_PER_CLIENT + 1);
    expect((await rows()).filter((r) => r.key.startsWith('address:memory-more-'))).toEqual([]);
  });

  it('an address tried from many networks is refused past its ceiling, from everywhere', async () => {
    const user = await makeUser('editor');
    const networks = Math.ceil(MAX_PER_ADDRESS / MAX_PER_PAIR);
    for (let n = 0; n < networks; n++) {
      await Promise.all(Array.from({ length: MAX_PER_PAIR }, () => login(user.email, 'wrong', `10.9.${n}.1`)));
    }
    expect((await login(user.email, PASSWORD, '10.99.0.1')).status).toBe(429);
  });

  it('a successful sign-in takes its attempt back and clears its own pair', async () => {
    const user = await makeUser('checker');
    for (let i = 0; i < MAX_PER_PAIR - 1; i++) expect((await login(user.email, 'wrong', '192.0.2.44')).status).toBe(401);
    expect((await login(user.email, PASSWORD, '192.0.2.44')).status).toBe(200);
    const mine = (await rows()).filter((r) => r.key.includes(user.email) || r.key === 'client:192.0.2.44');
    expect(mine.find((r) => r.key.startsWith('pair:'))).toBeUndefined();
    expect(mine.find((r) => r.key === 'client:192.0.2.44')?.attempts).toBe(MAX_PER_PAIR - 1);
    for (let i = 0; i < MAX_PER_PAIR; i++) expect((await login(user.email, 'wrong', '192.0.2.44')).status).toBe(401);
  });

  it('deletes the rows of ended windows as attempts come in', async () => {
    const stmt = env.DB.prepare("INSERT INTO sign_in_throttle (key, attempts, window_started_at, expires_at) VALUES (?, 3, '2020-01-01T00:00:00.000Z', '2020-01-01T00:15:00.000Z')");
    await env.DB.batch(Array.from({ length: 40 }, (_, i) => stmt.bind(`address:gone-${i}@example.test`)));
    await login('anyone@example.test', 'x', '192.0.2.99');
    expect((await rows()).filter((r) => r.key.startsWith('address:gone-'))).toEqual([]);
  });

  it.each([
    ['198.51.100.7', '198.51.100.7'],
    ['2001:DB8:0:0:1::1', '2001:db8:0:0::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['', 'unknown'],
    ['not an address', 'unknown'],
  ])('reads the client %j as %j', (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });
});
