import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, createArticle, createClaim, makeUser, PASSWORD, signedIn } from './helpers';

describe('races and edges found in review', () => {
  it('a write must be based on the version the rules were checked against', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const article = await createArticle(editor);
    const c = await createClaim(editor, article.id);
    // Flag (editor) and a dismiss that names the NEXT version (checker) at the same moment:
    // the checker's request must not pass the status check on the old row and the guard on the new.
    const [flag, dismiss] = await Promise.all([
      editor.call(`/api/v1/claims/${c.id}/flag`, { method: 'POST', body: { reason: 'Check', version: c.version } }),
      checker.call(`/api/v1/claims/${c.id}/dismiss`, { method: 'POST', body: { version: c.version + 1 } }),
    ]);
    expect(flag.status).toBe(200);
    expect(dismiss.status).toBe(409);
    const now = await editor.call(`/api/v1/claims/${c.id}`);
    expect(now.json.status).toBe('flagged');
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

  it.each(['https:example.com/x', 'http:/example.com/x', ' javascript:alert(1)'])('refuses the URL %j with 422, never a 500', async (url) => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const c = await createClaim(editor, article.id);
    const src = await editor.call(`/api/v1/claims/${c.id}/sources`, { method: 'POST', body: { url, title: 'x', version: 1 } });
    expect(src.status).toBe(422);
    const art = await editor.call('/api/v1/articles', { method: 'POST', body: { title: 'T', url, publisher: 'P', publishedAt: '2024', text: 'x', extract: false } });
    expect(art.status).toBe(422);
  });

  it('anchors repeats after astral characters at the right code points, and refuses half a character', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor, { text: 'A 😀 fine of 5 😀 dollars and 😀 again.' });
    const res = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '😀', kind: 'count', value: 1 } });
    expect(res.json.occurrences).toEqual([2, 14, 28]);
    const third = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '😀', start: 28, kind: 'count', value: 1 } });
    expect(third.json.quote).toBe('😀');
    const half = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: '{"quote": "\\uDE00 fine", "kind": "count", "value": 1}', headers: { 'Content-Type': 'application/json' } });
    expect(half.status).toBe(422);
  });

  it('a null value is checked, not ignored', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const c = await createClaim(editor, article.id);
    const res = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { value: null, version: 1 } });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].field).toMatch(/^value/);
  });
});

describe('readers keep the published fact-check until an editor publishes again', () => {
  it('ignores later edits of sources, subject and speaker, and shows them after the next publication', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const article = await createArticle(editor);
    let c = await createClaim(editor, article.id, { speaker: 'The court', subject: 'fine' });
    const step = async (path: string, body: Record<string, unknown> = {}) => {
      const res = await editor.call(`/api/v1/claims/${c.id}/${path}`, { method: 'POST', body: { ...body, version: c.version } });
      expect(res.status, res.text).toBeLessThan(300);
      c = { ...c, version: res.json.version ?? res.json.claimVersion };
      return res.json;
    };
    const added = await step('sources', { url: 'https://court.example/ruling', title: 'Ruling' });
    await step('verdicts', { rating: 'true', summary: 'Confirmed.' });
    await step('flag', { reason: 'Ready' });
    await step('publish');

    const page = async () => (await call(`/claims/${c.id}`)).text;
    expect(await page()).toContain('court.example/ruling');

    // A checker edits the published source and the speaker, and removes nothing else.
    const edited = await checker.call(`/api/v1/sources/${added.source.id}`, { method: 'PATCH', body: { url: 'https://elsewhere.example/new', title: 'Other', version: c.version } });
    expect(edited.status).toBe(200);
    c = { ...c, version: edited.json.claimVersion };
    const renamed = await checker.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { speaker: 'Someone Else', version: c.version } });
    c = { ...c, version: renamed.json.version };

    let html = await page();
    expect(html).toContain('court.example/ruling');
    expect(html).not.toContain('elsewhere.example');
    expect(html).toContain('The court');
    expect(html).not.toContain('Someone Else');
    // Reviewers see the edited source only.
    const detail = (await checker.call(`/api/v1/claims/${c.id}`)).json;
    expect(detail.sources.map((s: { url: string }) => s.url)).toEqual(['https://elsewhere.example/new']);

    await step('flag', { reason: 'Revised source' });
    await step('publish');
    html = await page();
    expect(html).toContain('elsewhere.example/new');
    expect(html).not.toContain('court.example/ruling');
    expect(html).toContain('Someone Else');
  });
});
