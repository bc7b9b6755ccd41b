import { env } from 'cloudflare:test';
import { articles, claims, users } from '../../schema/tables';
import { createDb } from '../../src/db';
import { anchorAt } from '../../src/domain/text';
import { suggestSubjectAndSpeaker } from '../../src/extract';
import { libraryFixtures } from '../fixtures/library/fixtures';

export const fixtures = () => libraryFixtures(env.TEST_LIBRARY_FILES);

/**
 * Inserts the fixture articles and claims straight into this file's D1 (the triggers index
 * them), each claim with the subject and speaker the extractor suggests, as ingestion stores them.
 */
export async function insertLibraryFixtures() {
  const db = createDb(env.DB);
  const fx = fixtures();
  await db.insert(users).values({ id: 'usr_fx', email: 'fixtures@example.test', name: 'Fixtures', role: 'editor', passwordHash: 'x', passwordSalt: 'x', passwordIterations: 1 }).onConflictDoNothing();
  for (const a of fx.articles) {
    await db.insert(articles).values({ id: `art_${a.id}`, slug: a.id, url: `https://news.example/${a.id}`, title: a.title, publisher: a.publisher, publishedAt: a.publishedAt, text: a.text, textHash: a.id, createdBy: 'usr_fx' });
  }
  for (let i = 0; i < fx.claims.length; i += 20) {
    const chunk = fx.claims.slice(i, i + 20).map((c) => ({
      id: c.id, articleId: `art_${c.article}`, ...anchorAt(fx.byId.get(c.article)!.text, c.start, c.end),
      kind: c.kind, value: c.value, approximate: c.approximate, bound: c.bound, createdBy: 'usr_fx',
      ...whoOf(suggestSubjectAndSpeaker(fx.byId.get(c.article)!.text, c.start, c.end, c.kind)),
    }));
    await db.batch(chunk.map((row) => db.insert(claims).values(row)) as [never, ...never[]]);
  }
  return fx;
}

const whoOf = (w: { subject?: string; speaker?: string }) => ({ subject: w.subject ?? null, speaker: w.speaker ?? null });
