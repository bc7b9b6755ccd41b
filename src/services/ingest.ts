import { eq } from 'drizzle-orm';
import { claims } from '../../schema/tables';
import type { Db } from '../db';
import { parseClaimValue } from '../domain/claim-values';
import { newId } from '../domain/ids';
import { anchorAt, utf16Indexer } from '../domain/text';
import type { Actor } from '../domain/actor';
import { EXTRACTOR_VERSION, extractInPieces } from '../extract';
import type { ArticleRow } from './articles';
import { claimFields } from './claims';
import { eventStatement, written, type AuditEvent } from './events';

/** Claims per D1 batch: each is two statements (claim + event), well under D1's limits. */
const CHUNK = 50;

/**
 * Suggestions stored per run, at most. A long article has a few hundred figures; a text of
 * nothing but numbers could yield a hundred thousand, which no one would review and which
 * would cost hundreds of D1 batches. The extractor reads the text piece by piece and stops
 * once this many new suggestions are found (`complete: false`; run again for the rest), so
 * one request's work is bounded however dense the figures are.
 */
export const MAX_SUGGESTIONS_PER_RUN = 1000;

/**
 * Whether [s, e) overlaps one of `spans`, in O(log n): spans sorted by start, with the
 * running maximum of their ends (spans that people made may overlap one another).
 */
function overlapIndex(spans: { start: number; end: number }[]) {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  for (const [i, t] of sorted.entries()) maxEnd.push(Math.max(t.end, i ? maxEnd[i - 1] : -Infinity));
  return (s: number, e: number) => {
    // The spans starting before e are a prefix; one of them reaches past s iff their max end does.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start < e) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1] > s;
  };
}

/**
 * Runs the extractor over an article and stores its candidates as open, machine-suggested
 * claims. A candidate that overlaps any claim already on the article (made by a person, or
 * suggested and dismissed before) is skipped, so running it twice adds nothing. `actor` is
 * null for the Cron Trigger's runs (a new revision found by the schedule): the system's.
 */
export async function ingestCandidates(db: Db, actor: Actor | null, article: ArticleRow) {
  const existing = await db.select({ start: claims.start, end: claims.end }).from(claims).where(eq(claims.articleId, article.id)).all();
  const overlapsExisting = overlapIndex(existing);
  // Candidates come in text order (piece after piece, sorted within each), so the ones kept
  // never overlap and only the last kept one can reach into the next.
  let keptEnd = -Infinity;
  let seen = 0;
  let overlapping = 0;
  let invalid = 0;
  let overLimit = 0;
  let complete = true;
  const rows: (typeof claims.$inferInsert)[] = [];
  // Offsets come in rising order: one pass over the text converts them all.
  const toUtf16 = utf16Indexer(article.text);
  for (const piece of extractInPieces(article.text, { publishedAt: article.publishedAt })) {
    if (rows.length >= MAX_SUGGESTIONS_PER_RUN) {
      complete = false; // the rest of the text is left for the next run
      break;
    }
    seen += piece.length;
    for (const cand of piece.sort((a, b) => a.start - b.start || a.end - b.end)) {
      const parsed = parseClaimValue(cand.kind, cand.value);
      if (!parsed.success || article.text.slice(toUtf16(cand.start), toUtf16(cand.end)) !== cand.quote) {
        invalid++;
        continue;
      }
      if (keptEnd > cand.start || overlapsExisting(cand.start, cand.end)) {
        overlapping++;
        continue;
      }
      if (rows.length >= MAX_SUGGESTIONS_PER_RUN) {
        overLimit++;
        complete = false;
        continue;
      }
      keptEnd = cand.end;
      rows.push({
        id: newId('clm'),
        articleId: article.id,
        ...anchorAt(article.text, cand.start, cand.end, toUtf16),
        kind: cand.kind,
        value: parsed.data,
        approximate: cand.approximate ?? false,
        bound: cand.bound ?? null,
        subject: cand.subject ?? null,
        speaker: cand.speaker ?? null,
        origin: 'machine',
        suggested: true,
        extractorVersion: EXTRACTOR_VERSION,
        createdBy: actor?.userId ?? null,
      });
    }
  }
  const events: AuditEvent[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const statements = chunk.flatMap((row) => [
      db.insert(claims).values(row).onConflictDoNothing(),
      eventStatement(db, actor, {
        action: 'claim.suggest', entityType: 'claim', entityId: row.id!, claimId: row.id, articleId: article.id,
        after: { quote: row.quote, start: row.start, end: row.end, extractorVersion: EXTRACTOR_VERSION, ...claimFields({ kind: row.kind, value: row.value, approximate: row.approximate ?? false, bound: row.bound ?? null, subject: row.subject ?? null, speaker: row.speaker ?? null, assigneeId: null, status: 'open' }) },
      }, { ifClaimExists: row.id! }), // a concurrent run took the span first: its event, not ours
    ]);
    const results = await db.batch(statements as [typeof statements[number], ...typeof statements]);
    for (let k = 1; k < results.length; k += 2) events.push(...(results[k] as AuditEvent[]));
  }
  return written({ extractorVersion: EXTRACTOR_VERSION, candidates: seen, created: rows.length, skipped: { overlapping, invalid, overLimit }, complete }, events);
}
