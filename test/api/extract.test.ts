import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MAX_EXTRACT_TEXT } from '../../src/api-schemas';
import { EXTRACTOR_VERSION } from '../../src/extract';
import { MAX_SUGGESTIONS_PER_RUN } from '../../src/services/ingest';
import { call, createArticle, signedIn } from './helpers';

const TEXT = 'The court sentenced the mayor to 12 years in prison on March 3. He must pay a fine of $80,000.';

describe('POST /api/v1/extract', () => {
  it('answers candidates with code-point offsets into the text', async () => {
    const checker = await signedIn('checker');
    const text = `🎉🎉 ${TEXT}`;
    const res = await checker.call('/api/v1/extract', { method: 'POST', body: { text, publishedAt: '2024-03' } });
    expect(res.status).toBe(200);
    expect(res.json.extractorVersion).toBe(EXTRACTOR_VERSION);
    const sentence = res.json.candidates.find((c: { kind: string }) => c.kind === 'sentence');
    expect(sentence).toMatchObject({ quote: '12 years in prison', value: 'P12Y' });
    expect(Array.from(text).slice(sentence.start, sentence.end).join('')).toBe('12 years in prison');
    const money = res.json.candidates.find((c: { kind: string }) => c.kind === 'money');
    expect(money.value).toEqual({ amount: 80000, currency: 'USD' });
  });

  it('answers an empty list for empty text', async () => {
    const checker = await signedIn('checker');
    const res = await checker.call('/api/v1/extract', { method: 'POST', body: { text: '' } });
    expect(res.json.candidates).toEqual([]);
  });

  it('needs a signed-in user or a token', async () => {
    expect((await call('/api/v1/extract', { method: 'POST', body: { text: TEXT } })).status).toBe(401);
  });

  it('refuses text over the limit with 413 and bad fields with 422', async () => {
    const checker = await signedIn('checker');
    const big = await checker.call('/api/v1/extract', { method: 'POST', body: { text: 'a'.repeat(MAX_EXTRACT_TEXT + 1) } });
    expect(big.status).toBe(413);
    expect(big.json.errors[0].field).toBe('text');
    const bad = await checker.call('/api/v1/extract', { method: 'POST', body: { text: 5, publishedAt: 'last week' } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['publishedAt', 'text']);
  });
});

describe('ingestion', () => {
  it('stores candidates as open machine suggestions on create, and adds nothing when run again', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor, { text: TEXT, extract: true });
    expect(article.extraction.created).toBeGreaterThanOrEqual(3);
    const list = await editor.call(`/api/v1/claims?article=${article.id}&order=position`);
    expect(list.json.items.length).toBe(article.extraction.created);
    for (const c of list.json.items) expect(c).toMatchObject({ status: 'open', origin: 'machine', suggested: true, extractorVersion: EXTRACTOR_VERSION });

    const again = await editor.call(`/api/v1/articles/${article.id}/extract`, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(again.json.created).toBe(0);
    expect((await editor.call(`/api/v1/claims?article=${article.id}`)).json.items.length).toBe(list.json.items.length);
  });

  it('never duplicates a claim a person made on the same span', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor, { text: TEXT, extract: false });
    await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '12 years', kind: 'sentence', value: 'P12Y' } });
    const run = await editor.call(`/api/v1/articles/${article.id}/extract`, { method: 'POST' });
    expect(run.json.skipped.overlapping).toBeGreaterThanOrEqual(1);
    const sentences = (await editor.call(`/api/v1/claims?article=${article.id}&kind=sentence`)).json.items;
    expect(sentences).toHaveLength(1);
    expect(sentences[0].origin).toBe('human');
  });

  it('writes one suggestion event per stored claim when two runs race', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor, { text: TEXT, extract: false });
    const runs = await Promise.all([1, 2, 3].map(() => editor.call(`/api/v1/articles/${article.id}/extract`, { method: 'POST' })));
    for (const r of runs) expect(r.status).toBe(200);
    const claimsStored = await env.DB.prepare('SELECT count(*) AS n FROM claims WHERE article_id = ?').bind(article.id).first<{ n: number }>();
    const events = await env.DB.prepare("SELECT count(*) AS n FROM events WHERE article_id = ? AND action = 'claim.suggest'").bind(article.id).first<{ n: number }>();
    expect(claimsStored!.n).toBeGreaterThanOrEqual(3);
    expect(events!.n).toBe(claimsStored!.n);
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
});
