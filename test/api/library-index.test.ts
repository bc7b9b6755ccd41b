import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimSentence } from '../../src/domain/sentence';
import { keyInterval, storedKeys } from '../../src/domain/value-keys';
import { insertLibraryFixtures } from './library-helpers';

let fx: Awaited<ReturnType<typeof insertLibraryFixtures>>;
beforeAll(async () => {
  fx = await insertLibraryFixtures();
}, 120_000);


describe('the search index and the TypeScript rules agree', () => {
  it('gives every fixture claim the sentence claimSentence gives', async () => {
    const { results } = await env.DB.prepare('SELECT c.id AS id, f.sentence AS sentence FROM claims c JOIN claims_fts f ON f.rowid = c.rowid').all<{ id: string; sentence: string }>();
    const stored = new Map(results.map((r) => [r.id, r.sentence]));
    const mismatches: string[] = [];
    for (const c of fx.claims) {
      const expected = claimSentence(fx.byId.get(c.article)!.text, c.start, c.end, c.quote);
      if (stored.get(c.id) !== expected) mismatches.push(`${c.id} ${c.quote}\n  sql: ${stored.get(c.id)}\n  ts:  ${expected}`);
    }
    expect(fx.claims.length).toBeGreaterThan(500);
    expect(mismatches).toEqual([]);
  });

  it('stores every fixture claim under the keys storedKeys gives', async () => {
    const { results } = await env.DB.prepare('SELECT c.id AS id, k.key AS key FROM claim_value_keys k JOIN claims c ON c.rowid = k.claim_rowid ORDER BY k.key').all<{ id: string; key: string }>();
    const stored = new Map<string, string[]>();
    for (const r of results) stored.set(r.id, [...(stored.get(r.id) ?? []), r.key]);
    const mismatches: string[] = [];
    for (const c of fx.claims) {
      const iv = keyInterval(c.kind, c.value, c.bound, c.approximate);
      const expected = iv ? storedKeys(c.kind, iv).sort() : [];
      const got = stored.get(c.id) ?? [];
      if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${c.id} ${c.kind} ${JSON.stringify(c.value)}: sql ${got.join(' ')} / ts ${expected.join(' ')}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('tricky sentences and values agree too', () => {
  it('abbreviations, closing quotes, line breaks and Chinese full stops', async () => {
    const text = [
      'He left. Mr. Karimov met Gen. Ivanov on Aug. 22 in the U.S. capital, where he was fined $7,100.',
      '"We will appeal," said Dr. Aziz Karimov. "The 12 years are unjust!" he added? No.',
      '报道说，法院判处他十二年徒刑。另有3人被捕。',
    ].join('\n\n');
    await env.DB.prepare("INSERT INTO articles (id, slug, url, title, publisher, published_at, text, text_hash) VALUES ('art_tricky', 'tricky', 'https://x.example/t', 'T', 'P', '2024', ?, 'h')").bind(text).run();
    const cases: [string, string, unknown][] = [['$7,100', 'money', { amount: 7100, currency: 'USD' }], ['12 years', 'sentence', 'P12Y'], ['3人', 'count', 3], ['Aug. 22', 'date', { min: '2024-08-22', max: '2024-08-23' }]];
    for (const [i, [quote, kind, value]] of cases.entries()) {
      const start = Array.from(text.slice(0, text.indexOf(quote))).length;
      const end = start + Array.from(quote).length;
      await env.DB.prepare("INSERT INTO claims (id, article_id, quote, start, \"end\", kind, value) VALUES (?, 'art_tricky', ?, ?, ?, ?, ?)").bind(`clm_tricky_${i}`, quote, start, end, kind, JSON.stringify(value)).run();
      const row = await env.DB.prepare("SELECT f.sentence AS sentence FROM claims c JOIN claims_fts f ON f.rowid = c.rowid WHERE c.id = ?").bind(`clm_tricky_${i}`).first<{ sentence: string }>();
      expect(row?.sentence, quote).toBe(claimSentence(text, start, end, quote));
      const { results } = await env.DB.prepare('SELECT k.key AS key FROM claim_value_keys k JOIN claims c ON c.rowid = k.claim_rowid WHERE c.id = ? ORDER BY k.key').bind(`clm_tricky_${i}`).all<{ key: string }>();
      const iv = keyInterval(kind as never, value, null, false);
      expect(results.map((r) => r.key), quote).toEqual(storedKeys(kind as never, iv!).sort());
    }
    expect(claimSentence(text, Array.from(text.slice(0, text.indexOf('$7,100'))).length, Array.from(text.slice(0, text.indexOf('$7,100'))).length + 6, '$7,100')).toBe('Mr. Karimov met Gen. Ivanov on Aug. 22 in the U.S. capital, where he was fined $7,100.');
    // A Chinese sentence ends at 。 (the rule cuts the full stop itself).
    const cn = Array.from(text.slice(0, text.indexOf('3人'))).length;
    expect(claimSentence(text, cn, cn + 2, '3人')).toBe('另有3人被捕');
  });
});
