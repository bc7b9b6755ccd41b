import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../../src/domain/text';

async function runSeed(db: D1Database) {
  await db.batch(env.TEST_SEED.map((s) => db.prepare(s)));
}

describe('demo seed', () => {
  it('yields 31 open claims whose quotes sit at their stored offsets', async () => {
    await runSeed(env.DB);
    const article = await env.DB.prepare('SELECT id, text FROM articles').first<{ id: string; text: string }>();
    const { results } = await env.DB.prepare('SELECT quote, prefix, suffix, start, "end", status FROM claims WHERE article_id = ?').bind(article!.id).all<{ quote: string; prefix: string; suffix: string; start: number; end: number; status: string }>();
    expect(results).toHaveLength(31);
    for (const c of results) {
      expect(sliceCodePoints(article!.text, c.start, c.end)).toBe(c.quote);
      expect(sliceCodePoints(article!.text, Math.max(0, c.start - [...c.prefix].length), c.start)).toBe(c.prefix);
      expect(c.status).toBe('open');
    }
  });

  it('changes nothing when run twice', async () => {
    await runSeed(env.DB);
    const count = () => env.DB.prepare('SELECT (SELECT count(*) FROM users) u, (SELECT count(*) FROM claims) c, (SELECT count(*) FROM events) e, (SELECT count(*) FROM articles) a').first();
    const before = await count();
    await runSeed(env.DB);
    expect(await count()).toEqual(before);
    expect(before).toMatchObject({ u: 3, a: 1, c: 31 });
  });
});

describe('migrations', () => {
  it('apply one after another over seeded data without losing rows', async () => {
    const db = env.MIGRATION_DB;
    const [first, ...rest] = env.TEST_MIGRATIONS;
    await applyD1Migrations(db, [first]);
    await runSeed(db);
    // One claim published under the first schema, with a subject and a speaker readers see.
    const published = (await db.prepare('SELECT id FROM claims ORDER BY start LIMIT 1').first<{ id: string }>())!.id;
    await db.batch([
      db.prepare("INSERT INTO verdicts (id, claim_id, rating, summary) VALUES ('vrd_before_0001', ?, 'true', 'Right.')").bind(published),
      db.prepare("UPDATE claims SET status = 'published', published_verdict_id = 'vrd_before_0001', published_at = '2026-01-01T00:00:00.000Z', subject = 'the sentence', speaker = 'the court' WHERE id = ?").bind(published),
    ]);
    const before = await db.prepare('SELECT (SELECT count(*) FROM claims) c, (SELECT count(*) FROM users) u, (SELECT group_concat(id) FROM claims) ids').first();
    await applyD1Migrations(db, [first, ...rest]);
    const after = await db.prepare('SELECT (SELECT count(*) FROM claims) c, (SELECT count(*) FROM users) u, (SELECT group_concat(id) FROM claims) ids').first();
    expect(after).toEqual(before);
    // What readers saw before the published-snapshot migration, they still see after it.
    const snapshot = await db.prepare("SELECT claim_subject, claim_speaker FROM verdicts WHERE id = 'vrd_before_0001'").first();
    expect(snapshot).toEqual({ claim_subject: 'the sentence', claim_speaker: 'the court' });
    const fk = await db.prepare('PRAGMA foreign_key_check').all();
    expect(fk.results).toEqual([]);
  });
});
