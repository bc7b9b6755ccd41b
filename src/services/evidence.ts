import { eq } from 'drizzle-orm';
import { sources, verdicts } from '../../schema/tables';
import type { Db } from '../db';
import { newId } from '../domain/ids';
import type { Rating, SourceType } from '../domain/vocabulary';
import type { Actor } from '../env';
import { notFound } from '../errors';
import { getClaimRow, serialiseSource, writeClaim } from './claims';
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
  const row = await db.select().from(sources).where(eq(sources.id, id)).get();
  if (!row) throw notFound('source', id);
  return row;
}

/** Adds a source; `version` is the claim's (sources are part of the claim). */
export async function addSource(db: Db, actor: Actor, claimId: string, version: number, input: SourceInput) {
  const claim = await getClaimRow(db, claimId);
  const row = { id: newId('src'), claimId, type: 'other' as const, ...input, createdBy: actor.userId };
  const updated = await writeClaim(db, actor, claim, version, {}, [db.insert(sources).values(row)], {
    action: 'source.add', entityType: 'source', entityId: row.id, after: input,
  });
  return { claim: updated, source: serialiseSource(await getSourceRow(db, row.id)) };
}

export async function updateSource(db: Db, actor: Actor, sourceId: string, version: number, patch: Partial<SourceInput>) {
  const current = await getSourceRow(db, sourceId);
  const claim = await getClaimRow(db, current.claimId);
  const before = serialiseSource(current);
  const updated = await writeClaim(db, actor, claim, version, {}, [db.update(sources).set({ ...patch, updatedAt: nowSql }).where(eq(sources.id, sourceId))], {
    action: 'source.update', entityType: 'source', entityId: sourceId,
    before: Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof typeof before]])), after: patch,
  });
  return { claim: updated, source: serialiseSource(await getSourceRow(db, sourceId)) };
}

export async function removeSource(db: Db, actor: Actor, sourceId: string, version: number) {
  const current = await getSourceRow(db, sourceId);
  const claim = await getClaimRow(db, current.claimId);
  const updated = await writeClaim(db, actor, claim, version, {}, [db.delete(sources).where(eq(sources.id, sourceId))], {
    action: 'source.remove', entityType: 'source', entityId: sourceId, before: serialiseSource(current),
  });
  return { claim: updated };
}

export interface VerdictInput {
  rating: Rating;
  summary: string;
  explanation?: string;
}

/**
 * Proposes a verdict. Verdicts are never edited: each proposal is a new row, so the claim
 * keeps its history; readers keep seeing the published one until an editor publishes anew.
 */
export async function proposeVerdict(db: Db, actor: Actor, claimId: string, version: number, input: VerdictInput) {
  const claim = await getClaimRow(db, claimId);
  const row = { id: newId('vrd'), claimId, rating: input.rating, summary: input.summary, explanation: input.explanation ?? '', authorId: actor.userId };
  const updated = await writeClaim(db, actor, claim, version, {}, [db.insert(verdicts).values(row)], {
    action: 'verdict.propose', entityType: 'verdict', entityId: row.id, after: { rating: row.rating, summary: row.summary, explanation: row.explanation },
  });
  return { claim: updated, verdictId: row.id };
}
