import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { articles, sources, users, verdicts } from '../../schema/tables';
import type { Db } from '../db';
import { newId } from '../domain/ids';
import type { Bound, RatingCode, SourceType } from '../domain/vocabulary';
import type { Actor } from '../domain/actor';
import { DomainError, invalid, notFound } from '../domain/errors';
import { getClaimRow, serialiseSource, serialiseVerdict, writeClaim, type ClaimRow } from './claims';
import { written } from './events';
import { readValueInput } from './value-input';
import { nowSql } from './versioning';

/** Sources and verdicts: the evidence a fact-checker attaches to a claim. */

export interface SourceInput {
  url: string;
  title: string;
  publisher?: string | null;
  type?: SourceType;
  excerpt?: string | null;
  accessedAt?: string | null;
  archivedUrl?: string | null;
}

async function getSourceRow(db: Db, id: string) {
  const row = await db.select().from(sources).where(and(eq(sources.id, id), isNull(sources.deletedAt))).get();
  if (!row) throw notFound('source', id);
  return row;
}

/** Whether readers see this source now: part of the claim when it was last published. */
function partOfPublication(claim: ClaimRow, source: typeof sources.$inferSelect): boolean {
  return claim.publishedVerdictId !== null && claim.publishedAt !== null && source.createdAt <= claim.publishedAt;
}

/** Adds a source; `version` is the claim's (sources are part of the claim). */
export async function addSource(db: Db, actor: Actor, claimId: string, version: number, input: SourceInput) {
  const claim = await getClaimRow(db, claimId);
  const row = { id: newId('src'), claimId, type: 'other' as const, ...input, createdBy: actor.userId };
  const { value: updated, events } = await writeClaim(db, actor, claim, version, {}, [db.insert(sources).values(row)], {
    action: 'source.add', entityType: 'source', entityId: row.id, after: input,
  });
  return written({ claim: updated, source: serialiseSource(await getSourceRow(db, row.id)) }, events);
}

export async function updateSource(db: Db, actor: Actor, sourceId: string, version: number, patch: Partial<SourceInput>) {
  const current = await getSourceRow(db, sourceId);
  const claim = await getClaimRow(db, current.claimId);
  const before = serialiseSource(current);
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  // Readers keep the published version of a source: the edit becomes a new source (shown with
  // the next publication) and the old one is retired (hidden from reviewers, still public).
  const replace = partOfPublication(claim, current);
  const id = replace ? newId('src') : sourceId;
  const statements = replace
    ? [
        db.update(sources).set({ deletedAt: nowSql }).where(eq(sources.id, sourceId)),
        db.insert(sources).values({ ...current, ...changes, id, deletedAt: null, createdAt: undefined, updatedAt: undefined, createdBy: actor.userId }),
      ]
    : [db.update(sources).set({ ...changes, updatedAt: nowSql }).where(eq(sources.id, sourceId))];
  const { value: updated, events } = await writeClaim(db, actor, claim, version, {}, statements, {
    action: 'source.update', entityType: 'source', entityId: id,
    before: { ...Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]])), ...(replace ? { id: sourceId } : {}) },
    after: { ...changes, ...(replace ? { id } : {}) },
  });
  return written({ claim: updated, source: serialiseSource(await getSourceRow(db, id)) }, events);
}

export async function removeSource(db: Db, actor: Actor, sourceId: string, version: number) {
  const current = await getSourceRow(db, sourceId);
  const claim = await getClaimRow(db, current.claimId);
  const { value: updated, events } = await writeClaim(db, actor, claim, version, {}, [db.update(sources).set({ deletedAt: nowSql }).where(eq(sources.id, sourceId))], {
    action: 'source.remove', entityType: 'source', entityId: sourceId, before: serialiseSource(current),
  });
  return written({ claim: updated }, events);
}

export interface VerdictInput {
  rating: RatingCode;
  summary: string;
  explanation?: string;
  /** The figure that is right, in the claim's kind: machine form or words ("10 years"). */
  correctValue?: unknown;
  correctApproximate?: boolean;
  correctBound?: Bound | null;
}

/**
 * Proposes a verdict. Verdicts are never edited: each proposal is a new row, so the claim
 * keeps its history; readers keep seeing the published one until an editor publishes anew.
 */
export async function proposeVerdict(db: Db, actor: Actor, claimId: string, version: number, input: VerdictInput) {
  const claim = await getClaimRow(db, claimId);
  let correct: { correctValue: unknown; correctApproximate: boolean; correctBound: Bound | null } = { correctValue: null, correctApproximate: false, correctBound: null };
  if (input.correctValue !== undefined && input.correctValue !== null && input.correctValue !== '') {
    const article = await db.select({ publishedAt: articles.publishedAt }).from(articles).where(eq(articles.id, claim.articleId)).get();
    const read = readValueInput(claim.kind, input.correctValue, article?.publishedAt, 'correctValue');
    correct = {
      correctValue: read.value,
      correctApproximate: input.correctApproximate ?? read.qualifiers?.approximate ?? false,
      correctBound: input.correctBound !== undefined ? input.correctBound : (read.qualifiers?.bound ?? null),
    };
  }
  const row = { id: newId('vrd'), claimId, rating: input.rating, summary: input.summary, explanation: input.explanation ?? '', authorId: actor.userId, ...correct };
  const { value: updated, events } = await writeClaim(db, actor, claim, version, {}, [db.insert(verdicts).values(row)], {
    action: 'verdict.propose', entityType: 'verdict', entityId: row.id,
    after: { rating: row.rating, summary: row.summary, explanation: row.explanation, ...(correct.correctValue !== null ? correct : {}) },
  });
  const stored = await db.select({ v: verdicts, authorName: users.name }).from(verdicts).leftJoin(users, eq(users.id, verdicts.authorId)).where(eq(verdicts.id, row.id)).get();
  return written({ claim: updated, verdict: serialiseVerdict(stored!.v, stored!.authorName) }, events);
}

/**
 * "Reuse this check": proposes, on `claimId`, the published check of `fromClaimId` — its
 * rating, summary, explanation and correct figure as a new proposed verdict, and the sources readers see
 * with it as new sources. Editors still publish it. The event (`verdict.propose`) records
 * where it came from (`after.reusedFrom`).
 */
export async function reuseCheck(db: Db, actor: Actor, claimId: string, version: number, fromClaimId: string) {
  const claim = await getClaimRow(db, claimId);
  const from = await getClaimRow(db, fromClaimId);
  if (from.id === claim.id) throw invalid('from', 'is this claim itself');
  if (!from.publishedVerdictId || !from.publishedAt) throw new DomainError('nothing-to-reuse', `Claim ${from.id} has no published check to reuse.`, { extensions: { fromClaimId: from.id } });
  const published = await db.select().from(verdicts).where(eq(verdicts.id, from.publishedVerdictId)).get();
  if (!published) throw new DomainError('nothing-to-reuse', `Claim ${from.id} has no published check to reuse.`, { extensions: { fromClaimId: from.id } });
  const shown = await db.select().from(sources).where(and(eq(sources.claimId, from.id), isNull(sources.deletedAt), lte(sources.createdAt, from.publishedAt))).orderBy(asc(sources.createdAt)).all();
  // The same fact: the same rating, words and correct figure (issue 13's "Actually: …").
  const row = {
    id: newId('vrd'), claimId, rating: published.rating, summary: published.summary, explanation: published.explanation, authorId: actor.userId,
    correctValue: published.correctValue, correctApproximate: published.correctApproximate, correctBound: published.correctBound,
  };
  const copies = shown.map((s) => ({
    id: newId('src'), claimId, url: s.url, title: s.title, publisher: s.publisher, type: s.type, excerpt: s.excerpt, accessedAt: s.accessedAt, archivedUrl: s.archivedUrl, createdBy: actor.userId,
  }));
  const { value: updated, events } = await writeClaim(db, actor, claim, version, {}, [db.insert(verdicts).values(row), ...copies.map((s) => db.insert(sources).values(s))], {
    action: 'verdict.propose', entityType: 'verdict', entityId: row.id,
    after: { rating: row.rating, summary: row.summary, explanation: row.explanation, reusedFrom: { claimId: from.id, verdictId: published.id }, sources: copies.map((s) => s.id) },
  });
  const stored = await db.select({ v: verdicts, authorName: users.name }).from(verdicts).leftJoin(users, eq(users.id, verdicts.authorId)).where(eq(verdicts.id, row.id)).get();
  return written({ claim: updated, verdict: serialiseVerdict(stored!.v, stored!.authorName), sources: copies.map((s) => s.id) }, events);
}
