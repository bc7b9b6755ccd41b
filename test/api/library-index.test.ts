import { applyD1Migrations, env } from 'cloudflare:test';
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

describe('the migration indexes the rows that existed before it (backfill)', () => {
  it('gives existing claims the same index rows and keys as the triggers give new ones', { timeout: 120_000 }, async () => {
    const mdb = env.MIGRATION_DB;
    const library = env.TEST_MIGRATIONS.findIndex((m) => /_library(\.sql)?$/.test(m.name));
    expect(library).toBeGreaterThan(0);
    await applyD1Migrations(mdb, env.TEST_MIGRATIONS.slice(0, library));
    await mdb.prepare("INSERT INTO users (id, email, name, role, password_hash, password_salt, password_iterations) VALUES ('usr_fx', 'fx@example.test', 'Fx', 'editor', 'x', 'x', 1)").run();
    // Copy this file's articles, claims and one published verdict, as rows (no triggers yet).
    const arts = (await env.DB.prepare("SELECT * FROM articles WHERE id LIKE 'art_%'").all()).results;
    for (const a of arts) await mdb.prepare('INSERT INTO articles (id, slug, url, title, publisher, author, published_at, text, text_hash, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').bind(a.id, a.slug, a.url, a.title, a.publisher, a.author, a.published_at, a.text, a.text_hash, 'usr_fx').run();
    const rows = (await env.DB.prepare('SELECT * FROM claims').all()).results;
    for (let i = 0; i < rows.length; i += 25) {
      await mdb.batch(rows.slice(i, i + 25).map((c) => mdb.prepare('INSERT INTO claims (id, article_id, quote, prefix, suffix, start, "end", kind, value, approximate, bound, subject, speaker, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').bind(c.id, c.article_id, c.quote, c.prefix, c.suffix, c.start, c.end, c.kind, c.value, c.approximate, c.bound, c.subject, c.speaker, 'usr_fx')));
    }
    const published = rows.find((c) => c.id === fx.claims[0].id)!;
    await mdb.prepare("INSERT INTO verdicts (id, claim_id, rating, summary, claim_subject) VALUES ('vrd_fx', ?, 'true', 'Backfilled summary Quorlatch', 'Karimov')").bind(published.id).run();
    await mdb.prepare("UPDATE claims SET status = 'published', published_verdict_id = 'vrd_fx', published_at = '2024-01-01T00:00:00.000Z' WHERE id = ?").bind(published.id).run();
    await applyD1Migrations(mdb, env.TEST_MIGRATIONS.slice(library));
    const q = 'SELECT c.id AS id, f.sentence AS sentence, f.subject AS subject FROM claims c JOIN claims_fts f ON f.rowid = c.rowid ORDER BY c.id';
    const before = (await mdb.prepare(q).all<{ id: string; sentence: string }>()).results;
    const viaTriggers = (await env.DB.prepare(q).all<{ id: string; sentence: string }>()).results;
    expect(before.length).toBe(rows.length);
    expect(before.map((r) => [r.id, r.sentence])).toEqual(viaTriggers.filter((r) => before.some((b) => b.id === r.id)).map((r) => [r.id, r.sentence]));
    const keys = 'SELECT c.id AS id, k.key AS key FROM claim_value_keys k JOIN claims c ON c.rowid = k.claim_rowid ORDER BY c.id, k.key';
    const backfilled = (await mdb.prepare(keys).all()).results;
    const triggered = (await env.DB.prepare(keys).all<{ id: string }>()).results.filter((r) => rows.some((c) => c.id === r.id));
    expect(backfilled).toEqual(triggered);
    const check = await mdb.prepare("SELECT c.id AS id, f.verdict AS verdict, f.subject AS subject FROM checks_fts f JOIN claims c ON c.rowid = f.rowid WHERE checks_fts MATCH 'Quorlatch'").all<{ id: string; subject: string }>();
    expect(check.results).toEqual([{ id: published.id, verdict: 'Backfilled summary Quorlatch', subject: 'Karimov' }]);
    const article = await mdb.prepare("SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH 'Karimov'").first<{ n: number }>();
    expect(article!.n).toBeGreaterThan(0);
  });
});
