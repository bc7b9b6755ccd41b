import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createArticle, signedIn } from './helpers';

describe('articles', () => {
  it('creates an article with normalised text and lists it with claim counts', async () => {
    const editor = await signedIn('editor');
    const created = await createArticle(editor, { text: 'Line one\r\nwith  two\u00a0spaces\u200b.\r\n\r\n\r\nNext paragraph. ' });
    expect(created.text).toBe('Line one\nwith two spaces.\n\nNext paragraph.');
    expect(created.slug).toBe('mayor-sentenced');
    expect(created.textHash).toMatch(/^[0-9a-f]{64}$/);

    const list = await editor.call('/api/v1/articles');
    expect(list.status).toBe(200);
    expect(list.json.items.map((a: { id: string }) => a.id)).toContain(created.id);
    expect(list.json.items[0].claimCounts).toEqual({});
  });

  it('gives a second article with the same title its own slug', async () => {
    const editor = await signedIn('editor');
    const title = `Council budget ${crypto.randomUUID().slice(0, 8)}`;
    const a = await createArticle(editor, { title });
    const b = await createArticle(editor, { title });
    expect(a.slug).toBe(title.toLowerCase().replace(/ /g, '-'));
    expect(b.slug).toBe(`${a.slug}-2`);
  });

  it('updates metadata only with the current version, and refuses a stale one', async () => {
    const editor = await signedIn('editor');
    const a = await createArticle(editor);
    const ok = await editor.call(`/api/v1/articles/${a.id}`, { method: 'PATCH', body: { title: 'Mayor jailed' }, headers: { 'If-Match': `"${a.version}"` } });
    expect(ok.status).toBe(200);
    expect(ok.json.title).toBe('Mayor jailed');
    expect(ok.headers.get('etag')).toBe(`"${a.version + 1}"`);
    const stale = await editor.call(`/api/v1/articles/${a.id}`, { method: 'PATCH', body: { title: 'Lost change', version: a.version } });
    expect(stale.status).toBe(409);
    const now = await editor.call(`/api/v1/articles/${a.id}`);
    expect(now.json.title).toBe('Mayor jailed');
  });

  it('deletes an article only with its version', async () => {
    const editor = await signedIn('editor');
    const a = await createArticle(editor);
    const missing = await editor.call(`/api/v1/articles/${a.id}`, { method: 'DELETE' });
    expect(missing.status).toBe(428);
    const done = await editor.call(`/api/v1/articles/${a.id}`, { method: 'DELETE', headers: { 'If-Match': `"${a.version}"` } });
    expect(done.status).toBe(204);
    expect((await editor.call(`/api/v1/articles/${a.id}`)).status).toBe(404);
  });
});

describe('article edge cases', () => {
  it('gives long titles unique slugs too (no LIKE pattern limit)', async () => {
    const editor = await signedIn('editor');
    const title = 'A very long headline about a municipal budget that keeps going on and on and on';
    const a = await createArticle(editor, { title });
    const b = await createArticle(editor, { title });
    expect(b.slug).toBe(`${a.slug}-2`);
    // q reads the search index (docs/library.md): % and _ are not wildcards, a long phrase is fine.
    const search = await editor.call(`/api/v1/articles?q=${encodeURIComponent(`"${title.toUpperCase()} and more"`)}`);
    expect(search.status).toBe(200);
    expect(search.json.items).toEqual([]);
    const wild = await editor.call(`/api/v1/articles?q=${encodeURIComponent('%_')}`);
    expect(wild.status).toBe(422);
    const found = await editor.call(`/api/v1/articles?q=${encodeURIComponent('"MUNICIPAL budget that keeps going on and on and on"')}`);
    expect(found.json.items.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('leaves optional text fields alone when an update omits them, and clears them on null', async () => {
    const editor = await signedIn('editor');
    const a = await createArticle(editor, { author: 'Jane Doe' });
    const renamed = await editor.call(`/api/v1/articles/${a.id}`, { method: 'PATCH', body: { title: 'Renamed', version: 1 } });
    expect(renamed.json.author).toBe('Jane Doe');
    const cleared = await editor.call(`/api/v1/articles/${a.id}`, { method: 'PATCH', body: { author: null, version: 2 } });
    expect(cleared.json.author).toBeNull();
  });

  it('limits a URL to 2048 characters as stored (percent-encoded), not as typed', async () => {
    const editor = await signedIn('editor');
    const url = `https://example.com/${'ж'.repeat(1000)}`;
    const res = await editor.call('/api/v1/articles', { method: 'POST', body: { title: 'T', url, publisher: 'P', publishedAt: '2024', text: 'Five years.', extract: false } });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { field: string }) => e.field)).toContain('url');
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

  it.each([
    ['title', '\u200B'],
    ['publisher', '\u2060\uFEFF'],
  ])('refuses an article %s of invisible characters only', async (field, value) => {
    const editor = await signedIn('editor');
    const res = await editor.call('/api/v1/articles', { method: 'POST', body: { title: 'T', url: 'https://x.example/y', publisher: 'P', publishedAt: '2024', text: 'Five years.', extract: false, [field]: value } });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { field: string }) => e.field)).toContain(field);
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
});
