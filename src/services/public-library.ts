/**
 * The public library (`/checks`): every published check, newest first, searchable by readers.
 * Only what readers see reaches it: the index it searches (`checks_fts`) holds published
 * claims only, with the subject, speaker and summary as published; rows are read through
 * the published verdict, never the claim's working state.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { DomainError } from '../domain/errors';
import type { RatingCode } from '../domain/ratings';
import { wordMatch, type SearchQuery } from '../domain/search-query';
import { decodeCursor, encodeCursor } from './pagination';
import { matchesSearch, readSnippet, type Snippet } from './search';

export interface PublishedCheck {
  id: string;
  quote: string;
  /** The claim in a sentence, as published (readers' headline); null when none was written. */
  statement: string | null;
  rating: RatingCode;
  summary: string;
  subject: string | null;
  speaker: string | null;
  publishedAt: string;
  article: { slug: string; title: string; publisher: string };
  /** Where the search found its words (only when searching). */
  snippet: Snippet | null;
}

/** A row as SQL gives it: the check's own fields, its article's flat, the snippet marked. */
type Row = Omit<PublishedCheck, 'article' | 'snippet'> & PublishedCheck['article'] & { snippet: string | null };

/** Published checks, newest first (keyset on publication time and id); `q` keeps those the search finds. */
export async function publishedChecks(db: Db, opts: { q?: SearchQuery; limit: number; cursor?: string }) {
  const cursor = decodeCursor(opts.cursor);
  const after = cursor ? sql` AND (c.published_at, c.id) < (${cursor.at}, ${cursor.id})` : sql``;
  // With words in a script written without spaces, the trigram twin finds the rows (no snippet from the index).
  const useWords = opts.q && !opts.q.spaceless;
  const from = useWords ? sql`checks_fts JOIN claims c ON c.rowid = checks_fts.rowid` : sql`claims c`;
  const snippet = useWords ? sql`snippet(checks_fts, -1, char(2), char(3), '…', 14)` : sql`NULL`;
  const match = !opts.q ? sql`` : useWords ? sql` AND checks_fts MATCH ${wordMatch(opts.q)}` : sql` AND ${matchesSearch('checks', sql`c.rowid`, opts.q)}`;
  let rows: Row[];
  try {
    rows = await db.all<Row>(sql`SELECT c.id, c.quote, CASE WHEN v.claim_snapshot IS NULL THEN c.statement ELSE json_extract(v.claim_snapshot, '$.statement') END AS statement, v.rating, v.summary, v.claim_subject AS subject, v.claim_speaker AS speaker, c.published_at AS publishedAt, a.slug, a.title, a.publisher, ${snippet} AS snippet
      FROM ${from} JOIN verdicts v ON v.id = c.published_verdict_id JOIN articles a ON a.id = c.article_id
      WHERE c.published_verdict_id IS NOT NULL AND c.published_at IS NOT NULL${match}${after}
      ORDER BY c.published_at DESC, c.id DESC LIMIT ${opts.limit + 1}`);
  } catch (error) {
    if (/fts5|unterminated string/i.test(String(error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : error))) {
      throw new DomainError('validation', 'The search could not be read.', { errors: [{ field: 'q', message: 'could not be read as a search' }], cause: error });
    }
    throw error;
  }
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  const items: PublishedCheck[] = page.map(({ slug, title, publisher, snippet: marked, ...check }) => ({ ...check, article: { slug, title, publisher }, snippet: marked ? readSnippet(marked) : null }));
  return { items, nextCursor: rows.length > opts.limit && last ? encodeCursor({ at: last.publishedAt, id: last.id }) : null };
}
