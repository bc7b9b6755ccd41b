import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimSentence } from '../../src/domain/sentence';
import { keyInterval, storedKeys } from '../../src/domain/value-keys';
import type { FixtureClaim } from '../fixtures/library/fixtures';
import { insertLibraryFixtures } from './library-helpers';

let fx: Awaited<ReturnType<typeof insertLibraryFixtures>>;
beforeAll(async () => {
  fx = await insertLibraryFixtures();
});

async function rowOf(c: FixtureClaim) {
  return env.DB.prepare('SELECT f.sentence AS sentence, c.rowid AS rowid FROM claims c JOIN claims_fts f ON f.rowid = c.rowid WHERE c.id = ?').bind(c.id).first<{ sentence: string; rowid: number }>();
}

describe('the search index and the TypeScript rules agree', () => {
  it('gives every fixture claim the sentence claimSentence gives', async () => {
    const mismatches: string[] = [];
    for (const c of fx.claims) {
      const row = await rowOf(c);
      const expected = claimSentence(fx.byId.get(c.article)!.text, c.start, c.end, c.quote);
      if (row?.sentence !== expected) mismatches.push(`${c.id} ${c.quote}\n  sql: ${row?.sentence}\n  ts:  ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('stores every fixture claim under the keys storedKeys gives', async () => {
    const mismatches: string[] = [];
    for (const c of fx.claims) {
      const { results } = await env.DB.prepare('SELECT k.key FROM claim_value_keys k JOIN claims c ON c.rowid = k.claim_rowid WHERE c.id = ? ORDER BY k.key').bind(c.id).all<{ key: string }>();
      const iv = keyInterval(c.kind, c.value, c.bound, c.approximate);
      const expected = iv ? storedKeys(c.kind, iv).sort() : [];
      const got = results.map((r) => r.key);
      if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${c.id} ${c.kind} ${JSON.stringify(c.value)}: sql ${got.join(' ')} / ts ${expected.join(' ')}`);
    }
    expect(mismatches).toEqual([]);
  });
});
