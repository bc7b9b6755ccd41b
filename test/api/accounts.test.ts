import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, makeUser, ORIGIN, PASSWORD, signedIn } from './helpers';

describe('accounts and sessions', () => {
  it('signs in with an HttpOnly, Secure, SameSite=Lax cookie stored hashed, and signs out', async () => {
    const user = await makeUser('checker');
    const res = await call('/api/v1/auth/login', { method: 'POST', body: { email: user.email.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = cookie.split(';')[0].split('=')[1];
    const stored = await env.DB.prepare('SELECT token_hash FROM sessions').all<{ token_hash: string }>();
    expect(stored.results.map((r) => r.token_hash)).not.toContain(token);
    const me = await call('/api/v1/me', { headers: { Cookie: `fm_session=${token}` } });
    expect(me.json.user.role).toBe('checker');
    await call('/api/v1/auth/logout', { method: 'POST', headers: { Cookie: `fm_session=${token}`, Origin: ORIGIN } });
    expect((await call('/api/v1/me', { headers: { Cookie: `fm_session=${token}` } })).status).toBe(401);
  });

  it('locks an address for the client after repeated failed sign-ins, even for the right password', async () => {
    const user = await makeUser('checker');
    for (let i = 0; i < 5; i++) {
      expect((await call('/api/v1/auth/login', { method: 'POST', body: { email: user.email, password: 'wrong password' } })).status).toBe(401);
    }
    const locked = await call('/api/v1/auth/login', { method: 'POST', body: { email: user.email, password: PASSWORD } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('admins create accounts, change roles and disable them; a disabled account is signed out', async () => {
    const admin = await signedIn('admin');
    const created = await admin.call('/api/v1/users', { method: 'POST', body: { email: 'New.Person@example.test', name: 'New Person', role: 'checker', password: 'a long enough password' } });
    expect(created.status).toBe(201);
    expect(created.json.email).toBe('new.person@example.test');
    expect(created.json).not.toHaveProperty('passwordHash');
    const dup = await admin.call('/api/v1/users', { method: 'POST', body: { email: 'new.person@example.test', name: 'Again', role: 'checker', password: 'a long enough password' } });
    expect(dup.status).toBe(409);
    const login = await call('/api/v1/auth/login', { method: 'POST', body: { email: 'new.person@example.test', password: 'a long enough password' } });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const promoted = await admin.call(`/api/v1/users/${created.json.id}`, { method: 'PATCH', body: { role: 'editor', version: 1 } });
    expect(promoted.json.role).toBe('editor');
    expect((await call('/api/v1/me', { headers: { Cookie: cookie } })).json.user.role).toBe('editor');
    const disabled = await admin.call(`/api/v1/users/${created.json.id}`, { method: 'PATCH', body: { disabled: true, version: 2 } });
    expect(disabled.json.disabled).toBe(true);
    expect((await call('/api/v1/me', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('an admin cannot lock themselves out', async () => {
    const admin = await signedIn('admin');
    const res = await admin.call(`/api/v1/users/${admin.userId}`, { method: 'PATCH', body: { disabled: true, version: 1 } });
    expect(res.status).toBe(409);
  });

  it('API tokens are shown once, stored hashed, act with their role, and stop working when revoked', async () => {
    const admin = await signedIn('admin');
    const created = await admin.call('/api/v1/tokens', { method: 'POST', body: { name: 'CMS import', role: 'checker' } });
    expect(created.status).toBe(201);
    const secret = created.json.token as string;
    expect(secret).toMatch(/^fmk_/);
    const listed = await admin.call('/api/v1/tokens');
    expect(JSON.stringify(listed.json)).not.toContain(secret);
    const stored = await env.DB.prepare('SELECT token_hash FROM api_tokens').all<{ token_hash: string }>();
    expect(JSON.stringify(stored.results)).not.toContain(secret);

    const bearer = { Authorization: `Bearer ${secret}` };
    expect((await call('/api/v1/me', { headers: bearer })).json.user).toMatchObject({ role: 'checker', via: 'token' });
    // Bearer writes need no Origin (browsers never send tokens on their own).
    expect((await call('/api/v1/extract', { method: 'POST', body: { text: 'Fined $5 on May 1.' }, headers: bearer })).status).toBe(200);
    expect((await call('/api/v1/users', { method: 'POST', body: {}, headers: bearer })).status).toBe(403);

    expect((await admin.call(`/api/v1/tokens/${created.json.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call('/api/v1/me', { headers: bearer })).status).toBe(401);
  });

  it('records when a token was last used, at most once per resolution period', async () => {
    const admin = await signedIn('admin');
    const created = await admin.call('/api/v1/tokens', { method: 'POST', body: { name: 'Feed poller', role: 'checker' } });
    const id = created.json.id as string;
    const lastUsed = async () => (await env.DB.prepare('SELECT last_used_at FROM api_tokens WHERE id = ?').bind(id).first<{ last_used_at: string | null }>())!.last_used_at;
    expect(await lastUsed()).toBeNull();
    const bearer = { Authorization: `Bearer ${created.json.token}` };
    const before = new Date().toISOString();
    expect((await call('/api/v1/me', { headers: bearer })).status).toBe(200);
    // Written after the answer (waitUntil), so wait for it.
    await expect.poll(lastUsed).not.toBeNull();
    const first = (await lastUsed())!;
    expect(first >= before).toBe(true);
    const listed = await admin.call('/api/v1/tokens');
    expect(listed.json.items.find((t: { id: string }) => t.id === id).lastUsedAt).toBe(first);

    // Within the resolution period, more requests do not write again.
    for (let i = 0; i < 3; i++) expect((await call('/api/v1/me', { headers: bearer })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(await lastUsed()).toBe(first);

    // Once the record is older than the period, the next request moves it on.
    await env.DB.prepare("UPDATE api_tokens SET last_used_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").bind(id).run();
    expect((await call('/api/v1/me', { headers: bearer })).status).toBe(200);
    await expect.poll(lastUsed).not.toBe('2020-01-01T00:00:00.000Z');
    expect((await lastUsed())! >= before).toBe(true);
  });

  it('revoking a token many times at once revokes it once, with one audit event', async () => {
    const admin = await signedIn('admin');
    const created = await admin.call('/api/v1/tokens', { method: 'POST', body: { name: 'Raced', role: 'checker' } });
    const id = created.json.id as string;
    const answers = await Promise.all(Array.from({ length: 10 }, () => admin.call(`/api/v1/tokens/${id}`, { method: 'DELETE' })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(204));
    const events = await env.DB.prepare("SELECT count(*) AS n FROM events WHERE action = 'token.revoke' AND entity_id = ?").bind(id).first<{ n: number }>();
    expect(events!.n).toBe(1);
    // And once more, later: still one.
    expect((await admin.call(`/api/v1/tokens/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM events WHERE action = 'token.revoke' AND entity_id = ?").bind(id).first<{ n: number }>())!.n).toBe(1);
  });

  it('counts parallel failed sign-ins, so the lock engages', async () => {
    const user = await makeUser('checker');
    await Promise.all(Array.from({ length: 12 }, () => call('/api/v1/auth/login', { method: 'POST', body: { email: user.email, password: 'wrong password' } })));
    const row = await env.DB.prepare('SELECT attempts FROM sign_in_throttle WHERE key = ?').bind(`pair:unknown|${user.email}`).first<{ attempts: number }>();
    expect(row!.attempts).toBe(12);
    expect((await call('/api/v1/auth/login', { method: 'POST', body: { email: user.email, password: PASSWORD } })).status).toBe(429);
  });

  it("a disabled account's API tokens stop working", async () => {
    const adminA = await signedIn('admin');
    const adminB = await signedIn('admin');
    const token = (await adminA.call('/api/v1/tokens', { method: 'POST', body: { name: 'A', role: 'admin' } })).json.token;
    expect((await call('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await adminB.call(`/api/v1/users/${adminA.userId}`, { method: 'PATCH', body: { disabled: true, version: 1 } })).status).toBe(200);
    expect((await call('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it("a token never outranks its creator: a demoted admin's admin token acts as their new role", async () => {
    const adminA = await signedIn('admin');
    const adminB = await signedIn('admin');
    const token = (await adminA.call('/api/v1/tokens', { method: 'POST', body: { name: 'A', role: 'admin' } })).json.token;
    const bearer = { Authorization: `Bearer ${token}` };
    expect((await adminB.call(`/api/v1/users/${adminA.userId}`, { method: 'PATCH', body: { role: 'checker', version: 1 } })).status).toBe(200);
    expect((await call('/api/v1/me', { headers: bearer })).json.user.role).toBe('checker');
    const made = await call('/api/v1/users', { method: 'POST', headers: bearer, body: { email: 'sneaky@example.test', name: 'Sneaky', role: 'admin', password: 'a long enough password' } });
    expect(made.status).toBe(403);
    // Admins see what it acts as now, beside the role it was made with.
    const listed = (await adminB.call('/api/v1/tokens')).json.items.find((t: { name: string; createdBy: string }) => t.createdBy === adminA.userId);
    expect(listed).toMatchObject({ role: 'admin', actsAs: 'checker' });
    // Restoring the role restores the token's.
    expect((await adminB.call(`/api/v1/users/${adminA.userId}`, { method: 'PATCH', body: { role: 'admin', version: 2 } })).status).toBe(200);
    expect((await call('/api/v1/me', { headers: bearer })).json.user.role).toBe('admin');
  });

  it('does not fail on a control character in the sign-in page’s next', async () => {
    const checker = await signedIn('checker');
    const res = await checker.call('/app/login?next=%2Fapp%2F%0D%0AX:1', { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/work');
  });
});
