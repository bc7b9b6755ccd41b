/**
 * The claims elsewhere that state the same thing as a claim (docs/library.md, "Matching").
 *
 * 1. Candidates through value keys: the buckets of the claim's value interval (widened by
 *    the rounding margin) are looked up in `claim_value_keys` (kept by SQL triggers), so
 *    only claims of the same kind whose values could agree are read — never a scan of the
 *    claims table. At most CANDIDATE_LIMIT, published checks first, then the newest.
 * 2. Each candidate is compared with `compareClaims` (src/domain/matching.ts) on its value,
 *    its sentence (from the search index), its subject and speaker, and its article's opening.
 * 3. The matches, best first, with the published verdict and its sources where there is one.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { articles, claims, sources, verdicts } from '../../schema/tables';
import type { Db } from '../db';
import { compareClaims, LEDE_LENGTH, type MatchableClaim, type MatchReason } from '../domain/matching';
import { keyInterval, probeKeys } from '../domain/value-keys';
import type { ClaimStatus } from '../domain/vocabulary';
import { getClaimRow, serialiseClaim, serialiseSource, type ClaimRow } from './claims';

/**
 * Candidates read per claim, published ones first, then newest: bounds the work whatever the
 * library's size (an older unpublished claim of a common value may be left out).
 */
export const CANDIDATE_LIMIT = 200;
/** Matches answered per claim. */
export const MATCH_LIMIT = 20;

/** A JSON array bound as one parameter (D1 binds at most 100 per statement). */
const jsonList = (values: readonly (string | number)[]) => JSON.stringify(values);

interface Context {
  sentence: string;
  lede: string;
}

/** Each claim's sentence (from the search index) and its article's title and opening. */
async function contextsOf(db: Db, rows: { rowid: number; articleId: string }[]): Promise<Map<number, Context>> {
  if (!rows.length) return new Map();
  const articleIds = [...new Set(rows.map((r) => r.articleId))];
  const [sentences, ledes] = await Promise.all([
    db.all<{ rowid: number; sentence: string }>(sql`SELECT rowid, sentence FROM claims_fts WHERE rowid IN (SELECT value FROM json_each(${jsonList(rows.map((r) => r.rowid))}))`),
    db.all<{ id: string; title: string; opening: string }>(sql`SELECT id, title, substr(text, 1, ${LEDE_LENGTH}) AS opening FROM articles WHERE id IN (SELECT value FROM json_each(${jsonList(articleIds)}))`),
  ]);
  const sentenceOf = new Map(sentences.map((s) => [s.rowid, s.sentence]));
  const ledeOf = new Map(ledes.map((a) => [a.id, `${a.title}\n${a.opening}`]));
  return new Map(rows.map((r) => [r.rowid, { sentence: sentenceOf.get(r.rowid) ?? '', lede: ledeOf.get(r.articleId) ?? '' }]));
}

function matchable(c: ClaimRow, ctx: Context | undefined): MatchableClaim {
  return { kind: c.kind, value: c.value, approximate: c.approximate, bound: c.bound, quote: c.quote, sentence: ctx?.sentence || c.quote, subject: c.subject, speaker: c.speaker, lede: ctx?.lede ?? null };
}

export interface MatchOptions {
  limit?: number;
  /** Only candidates in these workflow states (all by default). */
  statuses?: ClaimStatus[];
}

/**
 * The claims in other articles that state what `claimId` states, best first (at most
 * `limit`, above the matcher's threshold).
 */
export async function findMatches(db: Db, claimId: string, opts: MatchOptions = {}) {
  const claim = await getClaimRow(db, claimId);
  const limit = Math.min(opts.limit ?? MATCH_LIMIT, MATCH_LIMIT);
  const interval = keyInterval(claim.kind, claim.value, claim.bound, claim.approximate);
  if (!interval) return { claimId: claim.id, items: [] };
  const keys = probeKeys(claim.kind, interval);
  const own = await db.get<{ rowid: number }>(sql`SELECT rowid FROM claims WHERE id = ${claim.id}`);
  const candidates = await db
    .select({ rowid: sql<number>`${claims}.rowid`, claim: claims })
    .from(claims)
    .where(
      and(
        sql`${claims}.rowid IN (SELECT claim_rowid FROM claim_value_keys WHERE key IN (SELECT value FROM json_each(${jsonList(keys)})))`,
        eq(claims.kind, claim.kind),
        sql`${claims.articleId} <> ${claim.articleId}`,
        opts.statuses?.length ? inArray(claims.status, opts.statuses) : undefined,
      ),
    )
    .orderBy(sql`${claims.publishedVerdictId} IS NULL`, sql`${claims}.rowid DESC`)
    .limit(CANDIDATE_LIMIT)
    .all();
  const contexts = await contextsOf(db, [{ rowid: own!.rowid, articleId: claim.articleId }, ...candidates.map((c) => ({ rowid: c.rowid, articleId: c.claim.articleId }))]);
  const probe = matchable(claim, contexts.get(own!.rowid));
  const matches = candidates
    .map((c) => ({ row: c.claim, result: compareClaims(probe, matchable(c.claim, contexts.get(c.rowid))) }))
    .filter((m) => m.result.same)
    .sort((a, b) => b.result.score - a.result.score || b.row.createdAt.localeCompare(a.row.createdAt))
    .slice(0, limit);
  return { claimId: claim.id, candidates: candidates.length, items: await withEvidence(db, matches) };
}

/** Each match with its article, and its published verdict and the sources readers see with it. */
async function withEvidence(db: Db, matches: { row: ClaimRow; result: { score: number; reasons: MatchReason[] } }[]) {
  if (!matches.length) return [];
  const verdictIds = matches.map((m) => m.row.publishedVerdictId).filter((v): v is string => v !== null);
  const [arts, vs, srcs] = await db.batch([
    db.select({ id: articles.id, slug: articles.slug, title: articles.title, publisher: articles.publisher, publishedAt: articles.publishedAt }).from(articles).where(inArray(articles.id, [...new Set(matches.map((m) => m.row.articleId))])),
    db.select().from(verdicts).where(inArray(verdicts.id, verdictIds.length ? verdictIds : [''])),
    db.select().from(sources).where(and(inArray(sources.claimId, matches.filter((m) => m.row.publishedVerdictId).map((m) => m.row.id).concat([''])), isNull(sources.deletedAt))).orderBy(asc(sources.createdAt)),
  ]);
  const articleOf = new Map(arts.map((a) => [a.id, a]));
  const verdictOf = new Map(vs.map((v) => [v.id, v]));
  return matches.map(({ row, result }) => {
    const v = row.publishedVerdictId ? verdictOf.get(row.publishedVerdictId) : undefined;
    // The sources readers see with the published verdict: those added before it was published.
    const shown = v ? srcs.filter((s) => s.claimId === row.id && row.publishedAt !== null && s.createdAt <= row.publishedAt) : [];
    return {
      claim: serialiseClaim(row),
      score: result.score,
      reasons: result.reasons,
      article: articleOf.get(row.articleId) ?? null,
      verdict: v ? { id: v.id, rating: v.rating, summary: v.summary, explanation: v.explanation, publishedAt: row.publishedAt, sources: shown.map(serialiseSource) } : null,
    };
  });
}

export type MatchItem = Awaited<ReturnType<typeof withEvidence>>[number];

/** Kept for callers that want the open claims a publication could clear: open ones only. */
export async function openMatches(db: Db, claimId: string) {
  return findMatches(db, claimId, { statuses: ['open', 'flagged'] });
}

