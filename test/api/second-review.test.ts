import { env } from 'cloudflare:test';
import { Hono } from 'hono';
import type { AppEnv } from '../../src/env';
import { problemResponse } from '../../src/problem';
import { describe, expect, it } from 'vitest';
import { MAX_SUGGESTIONS_PER_RUN } from '../../src/services/ingest';
import { anonymous, call, createArticle, createClaim, publishWith, signedIn } from './helpers';

/** Bugs found by a second review of the finished code; each test failed before its fix. */
describe('second review', () => {
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

  it.each([
    ['https://News.Example.com/mayor-case', 'https://news.example.com/mayor-case'],
    ['https://example.com:443/x', 'https://example.com/x'],
    ['https://example.com/статья-про-суд', 'https://example.com/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F-%D0%BF%D1%80%D0%BE-%D1%81%D1%83%D0%B4'],
    ['https://пример.рф/x', 'https://xn--e1afmkfd.xn--p1ai/x'],
  ])('finds an article stored as %s by the URL a browser reports', async (typed, browser) => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor, { url: typed });
    expect(article.url).toBe(browser);
    await publishWith(editor, await createClaim(editor, article.id), { rating: 'true', summary: 'Right.' });
    for (const asked of [typed, browser]) {
      const res = await call(`/annotations?url=${encodeURIComponent(asked)}`);
      expect(res.status, asked).toBe(200);
      expect(res.json.total).toBe(1);
    }
  });

  it('limits a URL to 2048 characters as stored (percent-encoded), not as typed', async () => {
    const editor = await signedIn('editor');
    const url = `https://example.com/${'ж'.repeat(1000)}`;
    const res = await editor.call('/api/v1/articles', { method: 'POST', body: { title: 'T', url, publisher: 'P', publishedAt: '2024', text: 'Five years.', extract: false } });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { field: string }) => e.field)).toContain('url');
  });

  it('finds the checked copy when a page was loaded twice', async () => {
    const editor = await signedIn('editor');
    const url = `https://twice.example/${crypto.randomUUID()}`;
    const checked = await createArticle(editor, { url, title: 'First copy' });
    await publishWith(editor, await createClaim(editor, checked.id), { rating: 'true', summary: 'Right.' });
    await createArticle(editor, { url, title: 'Second copy, nothing checked' });
    const res = await call(`/annotations?url=${encodeURIComponent(url)}`);
    expect(res.json.total).toBe(1);
    expect(res.json.id).toContain(checked.slug);
  });

  it('treats an empty assignee as nobody, never a 500', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const made = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '$80,000', kind: 'money', value: { amount: 80000, currency: 'USD' }, assigneeId: '' } });
    expect(made.status).toBe(201);
    expect(made.json.assigneeId).toBeNull();
    const patched = await editor.call(`/api/v1/claims/${made.json.id}`, { method: 'PATCH', body: { assigneeId: '', version: made.json.version } });
    expect(patched.status).toBe(200);
    expect(patched.json.assigneeId).toBeNull();
  });

  it('lists 200 articles at once (more ids than D1 binds in one statement)', async () => {
    const editor = await signedIn('editor');
    const now = new Date().toISOString();
    const rows = Array.from({ length: 105 }, (_, i) => env.DB.prepare("INSERT INTO articles (id, slug, url, title, publisher, published_at, text, text_hash, created_by, created_at) VALUES (?, ?, 'https://bulk.example/a', 'Bulk', 'Bulk', '2024', 'Text 5 years.', 'x', ?, ?)").bind(`art_bulk_${i}`, `bulk-${i}`, editor.userId, now));
    await env.DB.batch(rows);
    const res = await editor.call('/api/v1/articles?limit=200');
    expect(res.status).toBe(200);
    expect(res.json.items.length).toBeGreaterThanOrEqual(105);
  });

  it('stores at most a bounded number of suggestions per run, quickly, for a text of nothing but figures', async () => {
    const editor = await signedIn('editor');
    const text = Array.from({ length: 6000 }, (_, i) => `${(i % 97) + 1}%`).join(' ');
    const res = await editor.call('/api/v1/articles', { method: 'POST', body: { title: 'Figures', url: 'https://figures.example/x', publisher: 'F', publishedAt: '2024', text } });
    expect(res.status).toBe(201);
    expect(res.json.extraction.created).toBe(MAX_SUGGESTIONS_PER_RUN);
    expect(res.json.extraction.skipped.overLimit).toBeGreaterThan(0);
    const n = await env.DB.prepare('SELECT count(*) AS n FROM claims WHERE article_id = ?').bind(res.json.id).first<{ n: number }>();
    expect(n!.n).toBe(MAX_SUGGESTIONS_PER_RUN);
  });

  it('answers 409, not 500, when a write fails on a foreign key (its parent was deleted meanwhile)', async () => {
    // The race itself cannot be timed from outside (read, then batch); the failure it ends in
    // can: a real D1 foreign-key error, through the app's one error path.
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('requestId', 'test');
      await next();
    });
    app.get('/', async () => {
      await env.DB.prepare("INSERT INTO sources (id, claim_id, url, title, created_by) VALUES ('src_orphan', 'clm_gone', 'https://a.example/', 'A', 'usr_gone')").run();
      return new Response('unreachable');
    });
    app.onError((error, c) => problemResponse(error, c));
    const res = await app.request('/');
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json<{ detail: string }>()).detail).toContain('deleted by another request');
  });

  it('of two racing deletes of one article, one wins and writes the only event', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const [a, b] = await Promise.all([
      editor.call(`/api/v1/articles/${article.id}?version=1`, { method: 'DELETE' }),
      editor.call(`/api/v1/articles/${article.id}?version=1`, { method: 'DELETE' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([204, 404]);
    const events = await env.DB.prepare("SELECT count(*) AS n FROM events WHERE entity_id = ? AND action = 'article.delete'").bind(article.id).first<{ n: number }>();
    expect(events!.n).toBe(1);
  });

  it('lists the newest checked articles first on the home page', async () => {
    const editor = await signedIn('editor');
    const titles: string[] = [];
    for (const label of ['older', 'newer']) {
      const article = await createArticle(editor, { title: `Checked ${label} ${crypto.randomUUID()}` });
      await publishWith(editor, await createClaim(editor, article.id), { rating: 'true', summary: 'Right.' });
      titles.push(article.title);
    }
    const home = await anonymous.call('/');
    expect(home.status).toBe(200);
    const [older, newer] = titles.map((t) => home.text.indexOf(t));
    expect(newer).toBeGreaterThanOrEqual(0);
    expect(older).toBeGreaterThanOrEqual(0);
    expect(newer).toBeLessThan(older);
  });

  it('finds a quote at a given position however often it repeats', async () => {
    const editor = await signedIn('editor');
    const text = Array.from({ length: 1100 }, () => 'He got 5 years.').join(' ');
    const article = await createArticle(editor, { text });
    const last = 1099 * 'He got 5 years. '.length + 'He got '.length;
    const res = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '5 years', start: last, kind: 'sentence', value: 'P5Y' } });
    expect(res.status).toBe(201);
    expect(res.json.start).toBe(last);
    const wrong = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '5 years', start: last + 1, kind: 'sentence', value: 'P5Y' } });
    expect(wrong.status).toBe(422);
  });

  it.each([
    ['title', '\u200B'],
    ['publisher', '\u2060\uFEFF'],
  ])('refuses an article %s of invisible characters only', async (field, value) => {
    const editor = await signedIn('editor');
    const res = await editor.call('/api/v1/articles', { method: 'POST', body: { title: 'T', url: 'https://x.example/y', publisher: 'P', publishedAt: '2024', text: 'Five years.', extract: false, [field]: value } });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a quote of spaces only, and finds a decomposed (NFD) quote in composed text', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor, { text: 'The café paid a fine of €500 in 2019.' });
    const blank = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: ' ', kind: 'count', value: 1 } });
    expect(blank.status).toBe(422);
    const nfd = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: 'café paid a fine of €500'.normalize('NFD'), kind: 'money', value: { amount: 500, currency: 'EUR' } } });
    expect(nfd.status).toBe(201);
    expect(nfd.json.quote).toBe('café paid a fine of €500'.normalize('NFC'));
  });

  it('keeps decomposed (NFD) article text as it came, as the page has it, and finds quotes in it in either form', async () => {
    const editor = await signedIn('editor');
    const text = 'Le café paya 500 euros en 2019.'.normalize('NFD');
    for (const form of ['NFD', 'NFC'] as const) {
      const article = await createArticle(editor, { text });
      expect(article.text).toBe(text);
      const quote = 'café paya 500 euros'.normalize(form);
      const res = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote, kind: 'money', value: { amount: 500, currency: 'EUR' } } });
      expect(res.status, form).toBe(201);
      // The claim quotes the text as stored (and as the page shows it).
      expect(res.json.quote).toBe('café paya 500 euros'.normalize('NFD'));
    }
  });

  it('stores text with a lone surrogate as the text its hash is of', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor, { text: 'Broken \uD800 character, fined $5.' });
    const row = await env.DB.prepare('SELECT text, text_hash FROM articles WHERE id = ?').bind(article.id).first<{ text: string; text_hash: string }>();
    expect(row!.text).toBe('Broken \uFFFD character, fined $5.');
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(row!.text))), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(row!.text_hash).toBe(digest);
  });

  it('does not fail on a control character in the sign-in page’s next', async () => {
    const checker = await signedIn('checker');
    const res = await checker.call('/app/login?next=%2Fapp%2F%0D%0AX:1', { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/articles');
  });
});
