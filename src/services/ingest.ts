import { eq } from 'drizzle-orm';
import { claims } from '../../schema/tables';
import type { Db } from '../db';
import { parseClaimValue } from '../domain/claim-values';
import { newId } from '../domain/ids';
import { anchorAt, sliceCodePoints } from '../domain/text';
import type { Actor } from '../env';
import { EXTRACTOR_VERSION, extractClaims } from '../extract';
import type { ArticleRow } from './articles';
import { claimFields } from './claims';
import { eventStatement } from './events';

/** Claims per D1 batch: each is two statements (claim + event), well under D1's limits. */
const CHUNK = 50;

/**
 * Runs the extractor over an article and stores its candidates as open, machine-suggested
 * claims. A candidate that overlaps any claim already on the article (made by a person, or
 * suggested and dismissed before) is skipped, so running it twice adds nothing.
 */
export async function ingestCandidates(db: Db, actor: Actor, article: ArticleRow) {
  const candidates = extractClaims(article.text, { publishedAt: article.publishedAt });
  const taken = await db.select({ start: claims.start, end: claims.end }).from(claims).where(eq(claims.articleId, article.id)).all();
  const overlaps = (s: number, e: number) => taken.some((t) => s < t.end && t.start < e);
  let overlapping = 0;
  let invalid = 0;
  const rows: (typeof claims.$inferInsert)[] = [];
  for (const cand of candidates) {
    const parsed = parseClaimValue(cand.kind, cand.value);
    if (!parsed.success || sliceCodePoints(article.text, cand.start, cand.end) !== cand.quote) {
      invalid++;
      continue;
    }
    if (overlaps(cand.start, cand.end)) {
      overlapping++;
      continue;
    }
    taken.push({ start: cand.start, end: cand.end });
    rows.push({
      id: newId('clm'),
      articleId: article.id,
      ...anchorAt(article.text, cand.start, cand.end),
      kind: cand.kind,
      value: parsed.data,
      approximate: cand.approximate ?? false,
      bound: cand.bound ?? null,
      subject: cand.subject ?? null,
      origin: 'machine',
      suggested: true,
      extractorVersion: EXTRACTOR_VERSION,
      createdBy: actor.userId,
    });
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const statements = chunk.flatMap((row) => [
      db.insert(claims).values(row).onConflictDoNothing(),
      eventStatement(db, actor, {
        action: 'claim.suggest', entityType: 'claim', entityId: row.id!, claimId: row.id, articleId: article.id,
        after: { quote: row.quote, start: row.start, end: row.end, extractorVersion: EXTRACTOR_VERSION, ...claimFields({ kind: row.kind, value: row.value, approximate: row.approximate ?? false, bound: row.bound ?? null, subject: row.subject ?? null, speaker: null, assigneeId: null, status: 'open' }) },
      }),
    ]);
    await db.batch(statements as [typeof statements[number], ...typeof statements]);
  }
  return { extractorVersion: EXTRACTOR_VERSION, candidates: candidates.length, created: rows.length, skipped: { overlapping, invalid } };
}
