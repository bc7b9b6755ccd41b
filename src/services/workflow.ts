import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { articles, claims, flags, sources, verdicts } from '../../schema/tables';
import { inListChunks, insertionOrder, type Db } from '../db';
import type { Actor } from '../domain/actor';
import { newId } from '../domain/ids';
import { assertTransition, transitionRefused } from '../domain/policy';
import { verdictStanding } from '../domain/verdicts';
import { getClaimRow, serialiseClaim, serialiseFlag, serialiseVerdict, writeClaim, type ClaimRow, type ClaimSnapshot } from './claims';
import { nowSql } from './versioning';

/**
 * The review workflow over the db. Which action is allowed from which status, and for whom,
 * is the domain policy's (`src/domain/policy.ts`); each function checks it against the claim
 * as read, then writes through `writeClaim` (versioned, with its audit event).
 */

async function latestVerdict(db: Db, claimId: string) {
  return db.select().from(verdicts).where(eq(verdicts.claimId, claimId)).orderBy(desc(verdicts.createdAt), insertionOrder('verdicts', 'desc')).limit(1).get();
}

function resolveOpenFlags(db: Db, actor: Actor, claimId: string, resolution: 'published' | 'returned' | 'dismissed' | 'withdrawn', note: string | null) {
  return db
    .update(flags)
    .set({ resolvedAt: nowSql, resolvedBy: actor.userId, resolution, resolutionNote: note })
    .where(and(eq(flags.claimId, claimId), isNull(flags.resolvedAt)));
}

export async function flagClaim(db: Db, actor: Actor, claimId: string, version: number, input: { reason: string; note?: string | null }) {
  const claim = await getClaimRow(db, claimId);
  assertTransition('flag', claim, actor);
  const flag = { id: newId('flg'), claimId, reason: input.reason, note: input.note ?? null, createdBy: actor.userId };
  return writeClaim(db, actor, claim, version, { status: 'flagged' }, [db.insert(flags).values(flag)], {
    action: 'claim.flag', entityType: 'claim', entityId: claimId, before: { status: claim.status }, after: { status: 'flagged', reason: flag.reason, note: flag.note },
  });
}

/** What readers see of a claim besides its subject and speaker, fixed at publication. */
export function claimSnapshotOf(claim: Pick<ClaimRow, 'statement' | 'kind' | 'value' | 'approximate' | 'bound'>): ClaimSnapshot {
  return { statement: claim.statement, kind: claim.kind, value: claim.value, approximate: claim.approximate, bound: claim.bound };
}

export async function publishClaim(db: Db, actor: Actor, claimId: string, version: number) {
  const claim = await getClaimRow(db, claimId);
  assertTransition('publish', claim, actor);
  const verdict = await latestVerdict(db, claimId);
  if (!verdict) throw transitionRefused('publish', claim, 'it has no proposed verdict yet.');
  return writeClaim(
    db, actor, claim, version,
    // Published again: the verdict now speaks of the page as it reads now.
    { status: 'published', publishedVerdictId: verdict.id, publishedAt: nowSql, unpublishedAt: null, textChange: null },
    [
      resolveOpenFlags(db, actor, claimId, 'published', null),
      // What readers see of the claim is fixed at publication; later edits wait for the next one.
      db
        .update(verdicts)
        .set({ claimSubject: claim.subject, claimSpeaker: claim.speaker, claimSnapshot: claimSnapshotOf(claim) })
        .where(eq(verdicts.id, verdict.id)),
    ],
    { action: 'claim.publish', entityType: 'claim', entityId: claimId, before: { status: claim.status, publishedVerdictId: claim.publishedVerdictId }, after: { status: 'published', publishedVerdictId: verdict.id, rating: verdict.rating } },
  );
}

export async function returnClaim(db: Db, actor: Actor, claimId: string, version: number, note: string) {
  const claim = await getClaimRow(db, claimId);
  assertTransition('return', claim, actor);
  // A public claim whose revision is returned stays public with its published verdict.
  const status = claim.publishedVerdictId ? 'published' : 'open';
  return writeClaim(db, actor, claim, version, { status }, [resolveOpenFlags(db, actor, claimId, 'returned', note)], {
    action: 'claim.return', entityType: 'claim', entityId: claimId, before: { status: claim.status }, after: { status, note },
  });
}

export async function dismissClaim(db: Db, actor: Actor, claimId: string, version: number, note: string | null = null) {
  const claim = await getClaimRow(db, claimId);
  assertTransition('dismiss', claim, actor);
  return writeClaim(db, actor, claim, version, { status: 'dismissed', suggested: false }, [resolveOpenFlags(db, actor, claimId, 'dismissed', note)], {
    action: 'claim.dismiss', entityType: 'claim', entityId: claimId, before: { status: claim.status }, after: { status: 'dismissed', note },
  });
}

export async function unpublishClaim(db: Db, actor: Actor, claimId: string, version: number, note: string | null = null) {
  const claim = await getClaimRow(db, claimId);
  assertTransition('unpublish', claim, actor);
  return writeClaim(db, actor, claim, version, { status: 'open', publishedVerdictId: null, unpublishedAt: nowSql, textChange: null }, [resolveOpenFlags(db, actor, claimId, 'withdrawn', note)], {
    action: 'claim.unpublish', entityType: 'claim', entityId: claimId, before: { status: claim.status, publishedVerdictId: claim.publishedVerdictId }, after: { status: 'open', publishedVerdictId: null, note },
  });
}

export async function reopenClaim(db: Db, actor: Actor, claimId: string, version: number) {
  const claim = await getClaimRow(db, claimId);
  assertTransition('reopen', claim, actor);
  return writeClaim(db, actor, claim, version, { status: 'open' }, [], {
    action: 'claim.reopen', entityType: 'claim', entityId: claimId, before: { status: claim.status }, after: { status: 'open' },
  });
}

/** The editors' queue: flagged claims, oldest flag first, with what an editor decides on. */
export async function editorsQueue(db: Db, limit = 100) {
  const rows = await db
    .select({ claim: claims, flag: flags, article: { id: articles.id, slug: articles.slug, title: articles.title } })
    .from(claims)
    .innerJoin(flags, and(eq(flags.claimId, claims.id), isNull(flags.resolvedAt)))
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(eq(claims.status, 'flagged'))
    .orderBy(asc(flags.createdAt), asc(flags.id))
    .limit(limit)
    .all();
  if (!rows.length) return { items: [] };
  // A few round trips for every item's verdicts and source counts, not one per item; the ids
  // go in slices D1 can bind.
  const ids = rows.map((r) => r.claim.id);
  const vs: (typeof verdicts.$inferSelect)[] = [];
  const counts: { claimId: string; n: number }[] = [];
  for (const chunk of inListChunks(ids)) {
    const [v, n] = await db.batch([
      db.select().from(verdicts).where(inArray(verdicts.claimId, chunk)).orderBy(desc(verdicts.createdAt), insertionOrder('verdicts', 'desc')),
      db.select({ claimId: sources.claimId, n: sql<number>`count(*)` }).from(sources).where(and(inArray(sources.claimId, chunk), isNull(sources.deletedAt))).groupBy(sources.claimId),
    ]);
    vs.push(...v);
    counts.push(...n);
  }
  const items = rows.map((r) => {
    const { latest, published } = verdictStanding(vs.filter((v) => v.claimId === r.claim.id), r.claim.publishedVerdictId);
    return {
      claim: serialiseClaim(r.claim),
      article: r.article,
      flag: serialiseFlag(r.flag),
      proposedVerdict: latest ? serialiseVerdict(latest) : null,
      publishedVerdict: published ? serialiseVerdict(published) : null,
      sourceCount: counts.find((c) => c.claimId === r.claim.id)?.n ?? 0,
    };
  });
  return { items };
}
