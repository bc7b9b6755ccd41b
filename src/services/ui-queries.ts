import { and, asc, desc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import { claims, sources, users, verdicts } from '../../schema/tables';
import { inListChunks, insertionOrder, type Db } from '../db';
import { verdictStanding } from '../domain/verdicts';
import { serialiseClaim, serialiseSource } from './claims';

/**
 * Read models for the reviewer UI's server-rendered pages, where the API's services answer
 * one record at a time: an article's claims with the ratings that colour them, and the
 * sources of several claims at once.
 */

export type ClaimWithRatings = ReturnType<typeof serialiseClaim> & {
  /** The rating readers see, if the claim is public. */
  publishedRating: string | null;
  /** The newest proposed rating (may equal the published one). */
  latestRating: string | null;
};

/** Every claim of an article in text order, with its published and latest verdict ratings. */
export async function articleClaimsWithRatings(db: Db, articleId: string): Promise<ClaimWithRatings[]> {
  const rows = await db.select().from(claims).where(eq(claims.articleId, articleId)).orderBy(asc(claims.start), asc(claims.id)).all();
  if (!rows.length) return [];
  const ratings = await verdictRatings(db, rows.map((r) => r.id));
  return rows.map((r) => {
    const { latest, published } = verdictStanding(ratings.get(r.id) ?? [], r.publishedVerdictId);
    return { ...serialiseClaim(r), publishedRating: published?.rating ?? null, latestRating: latest?.rating ?? null };
  });
}

/** Verdict ids and ratings per claim, newest first. */
async function verdictRatings(db: Db, claimIds: string[]) {
  const out = new Map<string, { id: string; rating: string }[]>();
  for (const chunk of inListChunks(claimIds)) {
    const rows = await db
      .select({ id: verdicts.id, claimId: verdicts.claimId, rating: verdicts.rating })
      .from(verdicts)
      .where(inArray(verdicts.claimId, chunk))
      .orderBy(desc(verdicts.createdAt), insertionOrder('verdicts', 'desc'))
      .all();
    for (const v of rows) {
      const list = out.get(v.claimId) ?? [];
      list.push({ id: v.id, rating: v.rating });
      out.set(v.claimId, list);
    }
  }
  return out;
}

/** The sources of several claims (for the editors' queue), oldest first per claim. */
export async function sourcesForClaims(db: Db, claimIds: string[]) {
  const out = new Map<string, ReturnType<typeof serialiseSource>[]>();
  for (const chunk of inListChunks(claimIds)) {
    const rows = await db.select().from(sources).where(and(inArray(sources.claimId, chunk), isNull(sources.deletedAt))).orderBy(asc(sources.createdAt), insertionOrder('sources', 'asc')).all();
    for (const s of rows) {
      const list = out.get(s.claimId) ?? [];
      list.push(serialiseSource(s));
      out.set(s.claimId, list);
    }
  }
  return out;
}

/** The claims before and after one in its article's text order (for "previous / next claim"). */
export async function neighbourClaims(db: Db, claim: { id: string; articleId: string; start: number }) {
  const pick = { id: claims.id, quote: claims.quote };
  const [prev, next] = await db.batch([
    db.select(pick).from(claims)
      .where(and(eq(claims.articleId, claim.articleId), or(lt(claims.start, claim.start), and(eq(claims.start, claim.start), lt(claims.id, claim.id)))))
      .orderBy(desc(claims.start), desc(claims.id)).limit(1),
    db.select(pick).from(claims)
      .where(and(eq(claims.articleId, claim.articleId), or(gt(claims.start, claim.start), and(eq(claims.start, claim.start), gt(claims.id, claim.id)))))
      .orderBy(asc(claims.start), asc(claims.id)).limit(1),
  ]);
  return { prev: prev[0] ?? null, next: next[0] ?? null };
}

/** A member of the newsroom as the UI names them; `active` ones can be given claims. */
export interface Person {
  id: string;
  name: string;
  role: string;
  active: boolean;
}

/** Everyone with an account, by name: who a claim is assigned to, and who it can be. */
export async function people(db: Db): Promise<Person[]> {
  const rows = await db.select({ id: users.id, name: users.name, role: users.role, disabledAt: users.disabledAt }).from(users).orderBy(asc(users.name), asc(users.id)).all();
  return rows.map((u) => ({ id: u.id, name: u.name, role: u.role, active: u.disabledAt === null }));
}
