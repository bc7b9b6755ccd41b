import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { claims, verdicts } from '../../schema/tables';
import { createDb } from '../../src/db';
import { newId } from '../../src/domain/ids';
import { CLAIM_EXPORT_COLUMNS, claimExport } from '../../src/services/exports';
import { csvUnneutralise } from '../../src/services/export-writers';
import { parseCsv } from '../csv-reader';
import { countingD1 } from './d1-counter';
import { anonymous, createArticle, createClaim, editorForFile, ORIGIN, signedIn } from './helpers';
import { exports } from 'cloudflare:workers';

const { editor, step } = editorForFile();
const db = createDb(env.DB);

/** Text that spreadsheets and CSV readers trip on: separators, quotes, line breaks, formulas, non-ASCII. */
const AWKWARD = ['=HYPERLINK("http://evil.example")', '+1 555', '-42', '@SUM(A1:A9)', 'a, "quoted" word', 'two\nlines', 'tab\tinside', 'naïve “curly” ✓ 𝄞', "'=already"];

/** The raw bytes of a download, as text with its byte-order mark kept. */
async function download(path: string) {
  const res = await editor.call(path);
  return { res, text: res.text };
}

/** Every item of the claims list, paging through it as a client would. */
async function listAll(query: string) {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const res = await editor.call(`/api/v1/claims?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...res.json.items);
    cursor = res.json.nextCursor;
  } while (cursor);
  return items;
}

/** A CSV cell read back into the value the JSON Lines export holds for that column. */
function fromCell(cell: string, jsonValue: unknown): unknown {
  const text = csvUnneutralise(cell);
  if (text === '') return jsonValue === '' ? '' : null;
  if (typeof jsonValue === 'number') return Number(text);
  if (typeof jsonValue === 'boolean') return text === 'true';
  if (jsonValue !== null && typeof jsonValue === 'object') return JSON.parse(text);
  return text;
}

describe('claims export', () => {
  it('exports a thousand claims to CSV and JSON Lines that read back equal to the list and to each other', async () => {
    const text = Array.from({ length: 1000 }, (_, i) => `Claim ${i}: ${AWKWARD[i % AWKWARD.length]} cost ${i} somoni.`).join(' ');
    const article = await createArticle(editor, { url: 'https://news.example/thousand', text, title: '=cmd|"/c calc"!A1, a title' });
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const quote = `Claim ${i}: ${AWKWARD[i % AWKWARD.length]}`;
      const start = [...text.slice(0, text.indexOf(quote))].length;
      const id = newId('clm');
      const published = i % 3 === 0;
      const verdictId = newId('vrd');
      return [
        db.insert(claims).values({
          id, articleId: article.id, quote, start, end: start + [...quote].length, kind: i % 2 ? 'money' : 'count', value: i % 2 ? { amount: i, currency: 'TJS' } : i,
          subject: AWKWARD[(i + 3) % AWKWARD.length], speaker: i % 5 ? null : '-the minister', status: published ? 'published' : 'open',
          publishedVerdictId: published ? verdictId : null, publishedAt: published ? new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString() : null,
          createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i % 7)).toISOString(),
        }),
        ...(published ? [db.insert(verdicts).values({ id: verdictId, claimId: id, rating: 'false', summary: AWKWARD[i % AWKWARD.length] })] : []),
      ];
    }).flat();
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      await db.batch(chunk as [(typeof chunk)[number], ...(typeof chunk)[number][]]);
    }

    const listed = await listAll(`&article=${article.id}`);
    expect(listed).toHaveLength(1000);

    const jsonl = await download(`/api/v1/claims/export?format=jsonl&article=${article.id}`);
    expect(jsonl.res.status).toBe(200);
    expect(jsonl.res.headers.get('content-type')).toBe('application/jsonl; charset=utf-8');
    expect(jsonl.res.headers.get('content-disposition')).toMatch(/^attachment; filename="factmark-claims-\d{4}-\d{2}-\d{2}\.jsonl"$/);
    const lines = jsonl.text.split('\n');
    expect(lines.pop()).toBe('');
    const exported = lines.map((l) => JSON.parse(l));
    expect(exported).toHaveLength(1000);
    // The list's items, in the list's order, with the article and verdicts added.
    expect(exported.map(({ article: _a, latestVerdict: _l, publishedVerdict: _p, ...item }) => item)).toEqual(listed);
    for (const row of exported) {
      expect(row.article).toEqual({ slug: article.slug, title: '=cmd|"/c calc"!A1, a title', url: 'https://news.example/thousand' });
      expect(row.publishedVerdict === null).toBe(!row.public);
    }

    const csv = await download(`/api/v1/claims/export?format=csv&article=${article.id}`);
    expect(csv.res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const table = parseCsv(csv.text);
    expect(table[0]).toEqual(CLAIM_EXPORT_COLUMNS.map((c) => c.name));
    expect(table).toHaveLength(1001);
    // No cell a spreadsheet would run: every formula-looking cell starts with an apostrophe.
    for (const row of table.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const back = table.slice(1).map((cells) => Object.fromEntries(CLAIM_EXPORT_COLUMNS.map((col, i) => [col.name, cells[i]])));
    for (const [i, row] of exported.entries()) {
      for (const col of CLAIM_EXPORT_COLUMNS) {
        const value = col.get(row) ?? null;
        expect(fromCell(back[i][col.name], value), `${row.id} ${col.name}`).toEqual(value);
      }
    }
  }, 120_000);

  it('reads D1 once per 1,000 claims, whatever the filters, and pages exactly as the list does', async () => {
    // D1 allows 1,000 queries per Worker invocation (50 on the free plan); at three a page of
    // 200 a 100,000-claim export broke off. 2,500 claims of one article, through a counting D1.
    const article = await createArticle(editor, { url: 'https://news.example/many-claims' });
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
       INSERT INTO claims (id, article_id, quote, start, "end", kind, value, created_at)
       SELECT printf('clm_many%08d', i), ?1, 'Claim ' || i, i * 10, i * 10 + 5, 'count', i, strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', '+' || (i / 3) || ' seconds') FROM n`,
    ).bind(article.id).run();
    const actor = { kind: 'user' as const, userId: editor.userId!, tokenId: null, name: 'Test editor', email: null, role: 'editor' as const };
    for (const filters of [{ article: article.slug, order: 'recent' as const }, { article: article.id, order: 'position' as const }, { q: 'claim 1', order: 'recent' as const }]) {
      const { db: counted, count } = countingD1(env.DB);
      const text = await new Response(claimExport(createDb(counted), 'jsonl', filters, actor)).text();
      const exported = text.trim().split('\n').map((l) => JSON.parse(l).id);
      const query = new URLSearchParams(Object.entries(filters)).toString();
      const listed = (await listAll(`&${query}`)).map((c) => c.id);
      expect(exported, query).toEqual(listed);
      // One query a page of 1,000 (and one for the article's slug): 2,500 claims in 3 or 4.
      expect(count.queries, query).toBeLessThanOrEqual(Math.ceil(listed.length / 1000) + 1);
    }
  }, 60_000);

  it('starts the CSV with a UTF-8 byte-order mark', async () => {
    // With an API token, straight through the Worker entry, to see the bytes themselves.
    const admin = await signedIn('admin');
    const { token } = (await admin.call('/api/v1/tokens', { method: 'POST', body: { name: 'Spreadsheet sync', role: 'checker' } })).json;
    const res = await exports.default.fetch(new Request(`${ORIGIN}/api/v1/claims/export?format=csv&status=dismissed`, { headers: { Authorization: `Bearer ${token}` } }));
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('takes the list’s filters', async () => {
    const article = await createArticle(editor, { url: 'https://news.example/filters' });
    const a = await createClaim(editor, article.id);
    await createClaim(editor, article.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y' });
    await step(a, 'dismiss');
    const { text } = await download(`/api/v1/claims/export?format=jsonl&article=${article.slug}&status=dismissed`);
    const rows = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual([a.id]);
    const empty = await download(`/api/v1/claims/export?format=csv&article=${article.slug}&kind=age`);
    expect(parseCsv(empty.text)).toHaveLength(1);
  });

  it('refuses anonymous callers and an unknown format', async () => {
    expect((await anonymous.call('/api/v1/claims/export?format=csv')).status).toBe(401);
    const bad = await editor.call('/api/v1/claims/export?format=xlsx');
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].field).toBe('format');
    const checker = await signedIn('checker');
    expect((await checker.call('/api/v1/claims/export?format=jsonl')).status).toBe(200);
  });
});

describe('audit trail export', () => {
  it('exports every event of an article and its claims, oldest first, in both formats', async () => {
    const article = await createArticle(editor, { url: 'https://news.example/audit' });
    const claim = await createClaim(editor, article.id);
    await step(await step(claim, 'verdicts', { rating: 'true', summary: '=1+1, "really"' }), 'flag', { reason: 'Check it' });
    const { res, text } = await download(`/api/v1/articles/${article.id}/history/export?format=jsonl`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`factmark-audit-${article.slug}.jsonl`);
    const rows = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.action)).toEqual(['article.create', 'claim.create', 'verdict.propose', 'claim.flag']);
    expect(rows.every((r) => r.articleId === article.id)).toBe(true);
    const history = (await editor.call(`/api/v1/claims/${claim.id}/history`)).json.items;
    expect(rows.filter((r) => r.claimId === claim.id).map(({ claimId: _c, articleId: _a, ...e }) => e)).toEqual(history);

    const csv = parseCsv((await download(`/api/v1/articles/${article.slug}/history/export?format=csv`)).text);
    expect(csv).toHaveLength(5);
    const afterColumn = csv[0].indexOf('after');
    expect(JSON.parse(csvUnneutralise(csv[3][afterColumn]))).toEqual(rows[2].after);
    expect((await editor.call('/api/v1/articles/art_nothing/history/export?format=csv')).status).toBe(404);
  });
});

