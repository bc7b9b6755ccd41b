import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { articles, claims, flags, sources, verdicts } from '../../schema/tables';
import { insertionOrder, type Db } from '../db';
import { newId } from '../domain/ids';
import type { ClaimStatus, Role } from '../domain/vocabulary';
import type { Actor } from '../env';
import { ApiError } from '../errors';
import { assertRole } from '../middleware/auth';
import { getClaimRow, serialiseClaim, serialiseFlag, serialiseVerdict, writeClaim, type ClaimRow } from './claims';
import { nowSql } from './versioning';

/**
 * The review workflow as one table: which role may take each action from which status.
 * `open → flagged → published`, or back to open with the editor's note; `dismissed` for
 * statements not worth checking. A public claim can be flagged again with a revised verdict
 * and stays public, with its old verdict, until an editor publishes the revision.
 */
export const TRANSITIONS = {
  flag: { from: ['open', 'published'], role: 'checker', verb: 'flag claims to the editors' },
  publish: { from: ['flagged'], role: 'editor', verb: 'publish claims' },
  return: { from: ['flagged'], role: 'editor', verb: 'return claims to the fact-checkers' },
  dismiss: { from: ['open', 'flagged'], role: 'checker', verb: 'dismiss claims' },
  unpublish: { from: ['open', 'flagged', 'published'], role: 'editor', verb: 'unpublish claims' },
  reopen: { from: ['dismissed'], role: 'checker', verb: 'reopen dismissed claims' },
} as const satisfies Record<string, { from: readonly ClaimStatus[]; role: Role; verb: string }>;

export type WorkflowAction = keyof typeof TRANSITIONS;

function refuse(action: WorkflowAction, claim: ClaimRow, why: string): never {
  throw new ApiError(409, 'transition-not-allowed', `Cannot ${action} this claim: ${why}`, { extra: { action, status: claim.status } });
}

/** Checks role and state for an action; throws 403 or 409 naming the rule. */
export function checkTransition(actor: Actor, action: WorkflowAction, claim: ClaimRow): void {
  const rule = TRANSITIONS[action];
  assertRole(actor, rule.role, rule.verb);
  if (!(rule.from as readonly string[]).includes(claim.status)) {
    refuse(action, claim, `it is ${claim.status}; ${action} is allowed from ${rule.from.join(' or ')}.`);
  }
  // Editors settle what was flagged to them; a checker may only drop a claim nobody has raised.
  if (action === 'dismiss' && claim.status === 'flagged') assertRole(actor, 'editor', 'dismiss flagged claims');
  if (action === 'dismiss' && claim.publishedVerdictId) refuse(action, claim, 'it is public; unpublish it first.');
  if (action === 'unpublish' && !claim.publishedVerdictId) refuse(action, claim, 'it is not public.');
}

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
  checkTransition(actor, 'flag', claim);
  const flag = { id: newId('flg'), claimId, reason: input.reason, note: input.note ?? null, createdBy: actor.userId };
  return writeClaim(db, actor, claim, version, { status: 'flagged' }, [db.insert(flags).values(flag)], {
    action: 'claim.flag', entityType: 'claim', entityId: claimId, before: { status: claim.status }, after: { status: 'flagged', reason: flag.reason, note: flag.note },
  });
}

export async function publishClaim(db: Db, actor: Actor, claimId: string, version: number) {
  const claim = await getClaimRow(db, claimId);
  checkTransition(actor, 'publish', claim);
  const verdict = await latestVerdict(db, claimId);
  if (!verdict) refuse('publish', claim, 'it has no proposed verdict yet.');
  return writeClaim(
    db, actor, claim, version,
    { status: 'published', publishedVerdictId: verdict.id, publishedAt: nowSql, unpublishedAt: null },
    [
      resolveOpenFlags(db, actor, claimId, 'published', null),
      // What readers see of the claim is fixed at publication; later edits wait for the next one.
      db.update(verdicts).set({ claimSubject: claim.subject, claimSpeaker: claim.speaker }).where(eq(verdicts.id, verdict.id)),
    ],
    { action: 'claim.publish', entityType: 'claim', entityId: claimId, before: { status: claim.status, publishedVerdictId: claim.publishedVerdictId }, after: { status: 'published', publishedVerdictId: verdict.id, rating: verdict.rating } },
  );
}

export async function returnClaim(db: Db, actor: Actor, claimId: string, version: number, note: string) {
  const claim = await getClaimRow(db, claimId);
  checkTransition(actor, 'return', claim);
  // A public claim whose revision is returned stays public with its published verdict.
  const status = claim.publishedVerdictId ? 'published' : 'open';
  return writeClaim(db, actor, claim, version, { status }, [resolveOpenFlags(db, actor, claimId, 'returned', note)], {
    action: 'claim.return', entityType: 'claim', entityId: claimId, before: { status: claim.status }, after: { status, note },
  });
}

export async function dismissClaim(db: Db, actor: Actor, claimId: string, version: number, note: string | null = null) {
  const claim = await getClaimRow(db, claimId);
  checkTransition(actor, 'dismiss', claim);
  return writeClaim(db, actor, claim, version, { status: 'dismissed', suggested: false }, [resolveOpenFlags(db, actor, claimId, 'dismissed', note)], {
    action: 'claim.dismiss', entityType: 'claim', entityId: claimId, before: { status: claim.status }, after: { status: 'dismissed', note },
  });
}

export async function unpublishClaim(db: Db, actor: Actor, claimId: string, version: number, note: string | null = null) {
  const claim = await getClaimRow(db, claimId);
  checkTransition(actor, 'unpublish', claim);
  return writeClaim(db, actor, claim, version, { status: 'open', publishedVerdictId: null, unpublishedAt: nowSql }, [resolveOpenFlags(db, actor, claimId, 'withdrawn', note)], {
    action: 'claim.unpublish', entityType: 'claim', entityId: claimId, before: { status: claim.status, publishedVerdictId: claim.publishedVerdictId }, after: { status: 'open', publishedVerdictId: null, note },
  });
}

export async function reopenClaim(db: Db, actor: Actor, claimId: string, version: number) {
  const claim = await getClaimRow(db, claimId);
  checkTransition(actor, 'reopen', claim);
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
  // One round trip for every item's verdicts and source counts, not one per item.
  const ids = rows.map((r) => r.claim.id);
  const [vs, counts] = await db.batch([
    db.select().from(verdicts).where(inArray(verdicts.claimId, ids)).orderBy(desc(verdicts.createdAt), insertionOrder('verdicts', 'desc')),
    db.select({ claimId: sources.claimId, n: sql<number>`count(*)` }).from(sources).where(and(inArray(sources.claimId, ids), isNull(sources.deletedAt))).groupBy(sources.claimId),
  ]);
  const items = rows.map((r) => {
    const mine = vs.filter((v) => v.claimId === r.claim.id);
    const latest = mine[0] ?? null;
    const published = mine.find((v) => v.id === r.claim.publishedVerdictId) ?? null;
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
