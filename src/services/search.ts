/**
 * Full-text search over the FTS5 indexes of migration 0004 (docs/library.md, "Search"):
 * `claims_fts` (every claim: quote, its sentence, subject, speaker, the published verdict's
 * summary), `articles_fts` (title, publisher, author, text) and `checks_fts` (published
 * checks only, as readers see them), each with a trigram twin for scripts written without
 * spaces. Triggers keep them in step; this module only reads them.
 *
 * Queries come in as people type them and are read by `parseSearch` (src/domain/search-query.ts):
 * a query it cannot read is a 422 naming `q`, never an FTS5 syntax error.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import { articles, claims } from '../../schema/tables';
import type { Db } from '../db';
import { DomainError, invalid } from '../domain/errors';
import { likeAnywhere, parseSearch, queryWords, trigramMatch, wordMatch, type SearchQuery } from '../domain/search-query';
import { SEARCH_COLUMNS } from '../domain/search-text';
import type { ClaimKind, ClaimStatus } from '../domain/vocabulary';

export type SearchIndex = 'claims' | 'articles' | 'checks';

const COLUMNS: Record<SearchIndex, string[]> = {
  claims: Object.keys(SEARCH_COLUMNS.claims),
  articles: Object.keys(SEARCH_COLUMNS.articles),
  checks: Object.keys(SEARCH_COLUMNS.checks),
};
const WEIGHTS: Record<SearchIndex, number[]> = {
  claims: Object.values(SEARCH_COLUMNS.claims),
  articles: Object.values(SEARCH_COLUMNS.articles),
  checks: Object.values(SEARCH_COLUMNS.checks),
};

/** The table each index's rowids belong to. */
const BASE: Record<SearchIndex, string> = { claims: 'claims', articles: 'articles', checks: 'claims' };

/** Marks snippet() puts around the words it found (control characters: never in stored text). */
const OPEN = '\u0002';
const CLOSE = '\u0003';

/** Reads a search as typed, or refuses it naming the parameter. */
export function readSearch(q: string, field = 'q'): SearchQuery {
  const parsed = parseSearch(q);
  if (!parsed.ok) throw invalid(field, parsed.message, `The search ${JSON.stringify(q.slice(0, 80))} ${parsed.message}.`);
  return parsed.query;
}

const concat = (index: SearchIndex, table: string) => sql.raw(COLUMNS[index].map((c) => `coalesce(${table}.${c}, '')`).join(` || ' ' || `));

/** The WHERE of the trigram index: MATCH for three characters or more, LIKE for shorter ones. */
function trigramWhere(index: SearchIndex, q: SearchQuery): SQL {
  const table = `${index}_trigram`;
  const t = trigramMatch(q);
  const parts: SQL[] = [];
  if (t.match) parts.push(sql`${sql.raw(table)} MATCH ${t.match}`);
  for (const group of t.likes) parts.push(sql`(${sql.join(group.map((w) => sql`${concat(index, table)} LIKE ${likeAnywhere(w)} ESCAPE '\\'`), sql` OR `)})`);
  for (const w of t.excludeLikes) parts.push(sql`NOT (${concat(index, table)} LIKE ${likeAnywhere(w)} ESCAPE '\\')`);
  return sql.join(parts, sql` AND `);
}

/**
 * A condition on a table's rowid: the rows the query finds in `index`. Used by the lists'
 * `q=` so they keep their own filters and order.
 *
 * @example db.select().from(claims).where(and(eq(claims.status, 'open'), matchesSearch('claims', sql`${claims}.rowid`, q)))
 */
export function matchesSearch(index: SearchIndex, rowid: SQL, q: SearchQuery): SQL {
  if (q.spaceless) return sql`${rowid} IN (SELECT rowid FROM ${sql.raw(`${index}_trigram`)} WHERE ${trigramWhere(index, q)})`;
  return sql`${rowid} IN (SELECT rowid FROM ${sql.raw(`${index}_fts`)} WHERE ${sql.raw(`${index}_fts`)} MATCH ${wordMatch(q)})`;
}

export interface Snippet {
  /** A piece of the matching text, cut at words, with an ellipsis where cut. */
  text: string;
  /** [start, end) code-point ranges of `text` that the search found. */
  highlights: [number, number][];
}

/** snippet()'s marked text → the text and the ranges between the marks. */
export function readSnippet(marked: string): Snippet {
  const highlights: [number, number][] = [];
  let text = '';
  let n = 0;
  let open = -1;
  for (const ch of marked) {
    if (ch === OPEN) open = n;
    else if (ch === CLOSE) {
      if (open >= 0) highlights.push([open, n]);
      open = -1;
    } else {
      text += ch;
      n++;
    }
  }
  return { text, highlights };
}

/** Where the index cannot say (LIKE matches), a snippet around the first word found, made here. */
function snippetAround(text: string, words: string[], room = 60): Snippet {
  const lower = text.toLowerCase();
  const at = words.map((w) => lower.indexOf(w.toLowerCase())).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  const from = Math.max(0, at - room);
  const to = Math.min(text.length, at + room * 2);
  let piece = text.slice(from, to);
  if (from > 0) piece = `…${piece}`;
  if (to < text.length) piece = `${piece}…`;
  const highlights: [number, number][] = [];
  const pieceLower = piece.toLowerCase();
  for (const w of words) {
    let i = pieceLower.indexOf(w.toLowerCase());
    while (i >= 0) {
      const s = Array.from(piece.slice(0, i)).length;
      highlights.push([s, s + Array.from(w).length]);
      i = pieceLower.indexOf(w.toLowerCase(), i + w.length);
    }
  }
  return { text: piece, highlights: highlights.sort((a, b) => a[0] - b[0]) };
}

export interface Hit {
  rowid: number;
  snippet: Snippet;
  /** bm25: lower is better (0 where the index cannot rank). */
  rank: number;
}

/**
 * The best `limit` rows of an index for a query, best first, with snippets; `filter` is a
 * condition on the base table aliased `b` (claims for claims and checks, articles).
 */
export async function rankedHits(db: Db, index: SearchIndex, q: SearchQuery, opts: { limit: number; offset?: number; filter?: SQL }): Promise<Hit[]> {
  const base = sql.raw(`${BASE[index]} AS b`);
  const where = opts.filter ? sql` AND (${opts.filter})` : sql``;
  const page = sql`LIMIT ${opts.limit} OFFSET ${opts.offset ?? 0}`;
  let rows: { rowid: number; snippet: string | null; rank: number; body?: string }[];
  try {
    if (!q.spaceless) {
      const fts = sql.raw(`${index}_fts`);
      rows = await db.all(sql`SELECT ${fts}.rowid AS rowid, snippet(${fts}, -1, ${OPEN}, ${CLOSE}, '…', 16) AS snippet, bm25(${fts}, ${sql.raw(WEIGHTS[index].join(', '))}) AS rank
        FROM ${fts} JOIN ${base} ON b.rowid = ${fts}.rowid WHERE ${fts} MATCH ${wordMatch(q)}${where} ORDER BY rank ${page}`);
    } else {
      const tri = sql.raw(`${index}_trigram`);
      const t = trigramMatch(q);
      rows = t.match
        ? await db.all(sql`SELECT ${tri}.rowid AS rowid, snippet(${tri}, -1, ${OPEN}, ${CLOSE}, '…', 16) AS snippet, bm25(${tri}) AS rank
            FROM ${tri} JOIN ${base} ON b.rowid = ${tri}.rowid WHERE ${trigramWhere(index, q)}${where} ORDER BY rank ${page}`)
        : await db.all(sql`SELECT ${tri}.rowid AS rowid, NULL AS snippet, 0 AS rank, ${concat(index, `${index}_trigram`)} AS body
            FROM ${tri} JOIN ${base} ON b.rowid = ${tri}.rowid WHERE ${trigramWhere(index, q)}${where} ORDER BY ${tri}.rowid DESC ${page}`);
    }
  } catch (error) {
    throw searchFailure(error);
  }
  return rows.map((r) => ({ rowid: r.rowid, rank: r.rank, snippet: r.snippet === null ? snippetAround(r.body ?? '', queryWords(q)) : readSnippet(r.snippet) }));
}

/**
 * FTS5 refuses a query only if our reading let through something it cannot parse: say so as
 * a 422 (never a 500), and anything else is a real failure.
 */
function searchFailure(error: unknown): unknown {
  const message = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error);
  if (/fts5|unterminated string|no such column|malformed MATCH/i.test(message)) {
    return new DomainError('validation', 'The search could not be read.', { errors: [{ field: 'q', message: 'could not be read as a search' }], cause: error });
  }
  return error;
}

export interface ClaimSearchFilters {
  status?: ClaimStatus;
  kind?: ClaimKind;
  /** An article id. */
  article?: string;
}

function claimFilter(f: ClaimSearchFilters): SQL | undefined {
  const parts: SQL[] = [];
  if (f.status) parts.push(sql`b.status = ${f.status}`);
  if (f.kind) parts.push(sql`b.kind = ${f.kind}`);
  if (f.article) parts.push(sql`b.article_id = ${f.article}`);
  return parts.length ? sql.join(parts, sql` AND `) : undefined;
}

/** Claims for a query, best first, with the article each belongs to. */
export async function searchClaims(db: Db, q: SearchQuery, opts: { limit: number; offset?: number } & ClaimSearchFilters) {
  const hits = await rankedHits(db, 'claims', q, { limit: opts.limit + 1, offset: opts.offset, filter: claimFilter(opts) });
  const page = hits.slice(0, opts.limit);
  const rows = page.length ? await db.select({ rowid: sql<number>`${claims}.rowid`, claim: claims, article: { id: articles.id, slug: articles.slug, title: articles.title, publisher: articles.publisher } }).from(claims).innerJoin(articles, sql`${articles.id} = ${claims.articleId}`).where(inArray(sql`${claims}.rowid`, page.map((h) => h.rowid))).all() : [];
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  return {
    items: page.flatMap((h) => {
      const r = byRowid.get(h.rowid);
      return r ? [{ claim: r.claim, article: r.article, snippet: h.snippet, rank: h.rank }] : [];
    }),
    nextOffset: hits.length > opts.limit ? (opts.offset ?? 0) + opts.limit : null,
  };
}

/** Articles for a query, best first. */
export async function searchArticles(db: Db, q: SearchQuery, opts: { limit: number; offset?: number }) {
  const hits = await rankedHits(db, 'articles', q, { limit: opts.limit + 1, offset: opts.offset });
  const page = hits.slice(0, opts.limit);
  const rows = page.length ? await db.select({ rowid: sql<number>`${articles}.rowid`, id: articles.id, slug: articles.slug, title: articles.title, publisher: articles.publisher, author: articles.author, publishedAt: articles.publishedAt, url: articles.url }).from(articles).where(inArray(sql`${articles}.rowid`, page.map((h) => h.rowid))).all() : [];
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  return {
    items: page.flatMap((h) => {
      const r = byRowid.get(h.rowid);
      if (!r) return [];
      const { rowid: _rowid, ...article } = r;
      return [{ article, snippet: h.snippet, rank: h.rank }];
    }),
    nextOffset: hits.length > opts.limit ? (opts.offset ?? 0) + opts.limit : null,
  };
}
