/**
 * One caller cannot make one request do unbounded work: the extractor routes read a text of
 * nothing but figures piece by piece and stop at their caps (docs/api.md, "Limits").
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MAX_SUGGESTIONS_PER_RUN } from '../../src/services/ingest';
import { MAX_EXTRACT_CANDIDATES } from '../../src/routes/extract';
import { signedIn } from './helpers';

describe('bounded work per request', () => {
  it('POST /extract on 1 MB of "1 1 1 …" answers at most the cap of candidates, a bounded body', async () => {
    const checker = await signedIn('checker');
    const text = '1 '.repeat(500_000);
    const res = await checker.call('/api/v1/extract', { method: 'POST', body: { text } });
    expect(res.status).toBe(200);
    expect(res.json.candidates).toHaveLength(MAX_EXTRACT_CANDIDATES);
    expect(res.json.truncated).toBe(true);
    expect(res.json.scannedTo).toBe(res.json.candidates.at(-1).end);
    expect(res.text.length).toBeLessThan(400_000);
  });

  it('POST /extract says nothing was cut when nothing was', async () => {
    const checker = await signedIn('checker');
    const res = await checker.call('/api/v1/extract', { method: 'POST', body: { text: 'Fined 5,000 somoni.\n'.repeat(10) } });
    expect(res.json.truncated).toBe(false);
    expect(res.json.candidates).toHaveLength(10);
  });

  it('POST /articles/{id}/extract on a 500,000-character text of figures stores the cap, and the next run goes on where it stopped', async () => {
    const editor = await signedIn('editor');
    const text = Array.from({ length: 50_000 }, (_, i) => `${(i % 97) + 1}%`).join(' ').slice(0, 500_000);
    const created = await editor.call('/api/v1/articles', { method: 'POST', body: { title: 'Figures', url: 'https://figures.example/big', publisher: 'F', publishedAt: '2024', text, extract: false } });
    expect(created.status).toBe(201);
    const first = await editor.call(`/api/v1/articles/${created.json.id}/extract`, { method: 'POST' });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ created: MAX_SUGGESTIONS_PER_RUN, complete: false });
    // It stopped reading: far fewer candidates seen than the text holds.
    expect(first.json.candidates).toBeLessThan(MAX_SUGGESTIONS_PER_RUN + 20_000);
    const second = await editor.call(`/api/v1/articles/${created.json.id}/extract`, { method: 'POST' });
    expect(second.json.created).toBe(MAX_SUGGESTIONS_PER_RUN);
    const spans = await env.DB.prepare('SELECT count(*) AS n, count(DISTINCT start) AS d, max("end") AS last FROM claims WHERE article_id = ?').bind(created.json.id).first<{ n: number; d: number; last: number }>();
    expect(spans).toMatchObject({ n: 2 * MAX_SUGGESTIONS_PER_RUN, d: 2 * MAX_SUGGESTIONS_PER_RUN });
  }, 60_000); // two runs of 1,000 inserts each; seconds on a loaded machine
});
