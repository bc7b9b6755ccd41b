import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { articles, claims, flags, sources, users, verdicts } from '../../schema/tables';
import { inListChunks, insertionOrder, isoNow, type Db } from '../db';
import type { Actor } from '../domain/actor';
import { invalid, type DomainError } from '../domain/errors';
import { newId } from '../domain/ids';
import { assertTransition, hasRole, transitionRefused } from '../domain/policy';
import { verdictStanding } from '../domain/verdicts';
import { flagsWithNames, getClaimRow, serialiseClaim, serialiseFlag, serialiseVerdict, writeClaim, writePlan, type ClaimPlan, type ClaimRow, type ClaimSnapshot, type VerdictRow } from './claims';
import { nowSql } from './versioning';

/**
 * The review workflow over the db. Which action is allowed from which status, and for whom,
 * is the domain policy's (`src/domain/policy.ts`); each function checks it against the claim
 * as read, then writes through `writeClaim` (versioned, with its audit event).
 */

/** The newest proposed verdict of a claim. */
export async function latestVerdict(db: Db, claimId: string) {
  return db.select().from(verdicts).where(eq(verdicts.claimId, claimId)).orderBy(desc(verdicts.createdAt), insertionOrder('verdicts', 'desc')).limit(1).get();
}

/** The newest proposed verdict of each claim (for bulk publishing), in slices D1 can bind. */
export async function latestVerdicts(db: Db, claimIds: string[]): Promise<Map<string, VerdictRow>> {
  const out = new Map<string, VerdictRow>();
  for (const chunk of inListChunks(claimIds)) {
    const rows = await db.select().from(verdicts).where(inArray(verdicts.claimId, chunk)).orderBy(desc(verdicts.createdAt), insertionOrder('verdicts', 'desc')).all();
    for (const v of rows) if (!out.has(v.claimId)) out.set(v.claimId, v);
  }
  return out;
}

function resolveOpenFlags(db: Db, actor: Actor, claimId: string, resolution: 'published' | 'returned' | 'dismissed' | 'withdrawn', note: string | null, guard: SQL | undefined, at: string | SQL = nowSql) {
  return db
    .update(flags)
    .set({ resolvedAt: at, resolvedBy: actor.userId, resolution, resolutionNote: note })
    .where(and(eq(flags.claimId, claimId), isNull(flags.resolvedAt), guard));
}

/** A named editor to flag to must be an active editor or admin (422 on `editorId` otherwise). */
async function checkEditor(db: Db, editorId: string | null | undefined) {
  if (!editorId) return;
  const u = await db.select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, editorId)).get();
  if (!u || u.disabledAt || !hasRole(u.role, 'editor')) throw invalid('editorId', 'is not an active editor', `No active editor with id ${editorId} to flag to.`);
}

export interface FlagInput {
  reason: string;
  note?: string | null;
  /** A named editor; absent or null: any editor. */
  editorId?: string | null;
}

export function planFlag(db: Db, actor: Actor, claim: ClaimRow, input: FlagInput): ClaimPlan {
  const flag = { id: newId('flg'), claimId: claim.id, reason: input.reason, note: input.note ?? null, createdBy: actor.userId, editorId: input.editorId ?? null };
  return {
    // Flagging again answers a return: the claim is no longer "returned".
    set: { status: 'flagged', returnedAt: null },
    extra: () => [db.insert(flags).values(flag)],
    events: [{ action: 'claim.flag', entityType: 'claim', entityId: claim.id, before: { status: claim.status }, after: { status: 'flagged', reason: flag.reason, note: flag.note, editorId: flag.editorId } }],
  };
}

export async function flagClaim(db: Db, actor: Actor, claimId: string, version: number, input: FlagInput) {
  const claim = await getClaimRow(db, claimId);
  assertTransition('flag', claim, actor);
  await checkEditor(db, input.editorId);
  return writePlan(db, actor, claim, version, planFlag(db, actor, claim, input));
}

/** What readers see of a claim besides its subject and speaker, fixed at publication. */
export function claimSnapshotOf(claim: Pick<ClaimRow, 'statement' | 'kind' | 'value' | 'approximate' | 'bound'>): ClaimSnapshot {
  return { statement: claim.statement, kind: claim.kind, value: claim.value, approximate: claim.approximate, bound: claim.bound };
}

/** An editor's change of the proposed wording at publication; fields left out stay as proposed. */
export interface VerdictEdit {
  summary?: string;
  explanation?: string;
}

/**
 * Publishing: the latest proposed verdict becomes what readers see. With `edit`, an editor
 * amends its wording first: a new verdict row keeps the proposer as author and the editor as
 * `editedBy` (based on the proposal), the history gets a `verdict.edit` event, and that row
 * is what is published. An edit that changes nothing publishes the proposal as it is.
 */
export function planPublish(db: Db, actor: Actor, claim: ClaimRow, verdict: VerdictRow, edit?: VerdictEdit): ClaimPlan {
  const amended = {
    summary: edit?.summary ?? verdict.summary,
    explanation: edit?.explanation ?? verdict.explanation,
  };
  const changed = amended.summary !== verdict.summary || amended.explanation !== verdict.explanation;
  const publishedId = changed ? newId('vrd') : verdict.id;
  // Published again: the verdict now speaks of the page as it reads now (textChange cleared).
  const snapshot = { claimSubject: claim.subject, claimSpeaker: claim.speaker, claimSnapshot: claimSnapshotOf(claim) };
  return {
    set: { status: 'published', publishedVerdictId: publishedId, publishedAt: nowSql, unpublishedAt: null, returnedAt: null, textChange: null },
    extra: (guard) => [
      resolveOpenFlags(db, actor, claim.id, 'published', null, guard),
      // What readers see of the claim is fixed at publication; later edits wait for the next one.
      changed
        ? db.insert(verdicts).select(
            // Every column, in the table's order: drizzle's INSERT … SELECT lists them so.
            db
              .select({
                id: sql`${publishedId}`.as('id'),
                claimId: verdicts.claimId,
                rating: verdicts.rating,
                summary: sql`${amended.summary}`.as('summary'),
                explanation: sql`${amended.explanation}`.as('explanation'),
                claimSubject: sql`${snapshot.claimSubject}`.as('claim_subject'),
                claimSpeaker: sql`${snapshot.claimSpeaker}`.as('claim_speaker'),
                claimSnapshot: sql`${JSON.stringify(snapshot.claimSnapshot)}`.as('claim_snapshot'),
                correctValue: verdicts.correctValue,
                correctApproximate: verdicts.correctApproximate,
                correctBound: verdicts.correctBound,
                authorId: verdicts.authorId,
                editedBy: sql`${actor.userId}`.as('edited_by'),
                basedOn: verdicts.id,
                createdAt: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`.as('created_at'),
              })
              .from(verdicts)
              .where(and(eq(verdicts.id, verdict.id), guard)),
          )
        : db.update(verdicts).set(snapshot).where(and(eq(verdicts.id, verdict.id), guard)),
    ],
    events: [
      ...(changed
        ? [{ action: 'verdict.edit', entityType: 'verdict' as const, entityId: publishedId, before: { id: verdict.id, summary: verdict.summary, explanation: verdict.explanation }, after: { id: publishedId, ...amended, basedOn: verdict.id } }]
        : []),
      { action: 'claim.publish', entityType: 'claim', entityId: claim.id, before: { status: claim.status, publishedVerdictId: claim.publishedVerdictId }, after: { status: 'published', publishedVerdictId: publishedId, rating: verdict.rating } },
    ],
  };
}

/** Why `claim` cannot be published now (role, state, or no verdict to publish); null if it can. */
export function publishRefusal(claim: ClaimRow, actor: Actor, verdict: VerdictRow | undefined): DomainError | null {
  try {
    assertTransition('publish', claim, actor);
  } catch (error) {
    return error as DomainError;
  }
  return verdict ? null : transitionRefused('publish', claim, 'it has no proposed verdict yet.');
}

export async function publishClaim(db: Db, actor: Actor, claimId: string, version: number, edit?: VerdictEdit) {
  const claim = await getClaimRow(db, claimId);
  const verdict = await latestVerdict(db, claimId);
  const refusal = publishRefusal(claim, actor, verdict);
  if (refusal) throw refusal;
  return writePlan(db, actor, claim, version, planPublish(db, actor, claim, verdict!, edit));
}

export async function returnClaim(db: Db, actor: Actor, claimId: string, version: number, note: string) {
  const claim = await getClaimRow(db, claimId);
  assertTransition('return', claim, actor);
  // A public claim whose revision is returned stays public with its published verdict.
  const status = claim.publishedVerdictId ? 'published' : 'open';
  // One timestamp for the claim and the flag it resolves: My work finds the note by it.
  const at = isoNow();
  return writeClaim(db, actor, claim, version, { status, returnedAt: at }, [resolveOpenFlags(db, actor, claimId, 'returned', note, undefined, at)], {
    action: 'claim.return', entityType: 'claim', entityId: claimId, before: { status: claim.status }, after: { status, note },
  });
}

export function planDismiss(db: Db, actor: Actor, claim: ClaimRow, note: string | null): ClaimPlan {
  return {
    set: { status: 'dismissed', suggested: false, returnedAt: null },
    extra: (guard) => [resolveOpenFlags(db, actor, claim.id, 'dismissed', note, guard)],
    events: [{ action: 'claim.dismiss', entityType: 'claim', entityId: claim.id, before: { status: claim.status }, after: { status: 'dismissed', note } }],
  };
}

export async function dismissClaim(db: Db, actor: Actor, claimId: string, version: number, note: string | null = null) {
  const claim = await getClaimRow(db, claimId);
  assertTransition('dismiss', claim, actor);
  return writePlan(db, actor, claim, version, planDismiss(db, actor, claim, note));
}

export async function unpublishClaim(db: Db, actor: Actor, claimId: string, version: number, note: string | null = null) {
  const claim = await getClaimRow(db, claimId);
  assertTransition('unpublish', claim, actor);
  return writeClaim(db, actor, claim, version, { status: 'open', publishedVerdictId: null, unpublishedAt: nowSql, textChange: null }, [resolveOpenFlags(db, actor, claimId, 'withdrawn', note, undefined)], {
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
export async function editorsQueue(db: Db, limit = 100, opts: { to?: string } = {}) {
  const rows = await db
    .select({ claim: claims, flag: flags, article: { id: articles.id, slug: articles.slug, title: articles.title } })
    .from(claims)
    .innerJoin(flags, and(eq(flags.claimId, claims.id), isNull(flags.resolvedAt)))
    .innerJoin(articles, eq(articles.id, claims.articleId))
    // `to`: only what was flagged to this editor by name.
    .where(and(eq(claims.status, 'flagged'), opts.to ? eq(flags.editorId, opts.to) : undefined))
    .orderBy(asc(flags.createdAt), asc(flags.id))
    .limit(limit)
    .all();
  if (!rows.length) return { items: [] };
  // A few round trips for every item's verdicts and source counts, not one per item; the ids
  // go in slices D1 can bind.
  const ids = rows.map((r) => r.claim.id);
  const vs: (typeof verdicts.$inferSelect)[] = [];
  const counts: { claimId: string; n: number }[] = [];
  const names = new Map<string, { createdByName: string | null; editorName: string | null }>();
  for (const chunk of inListChunks(ids)) {
    const [v, n, f] = await db.batch([
      db.select().from(verdicts).where(inArray(verdicts.claimId, chunk)).orderBy(desc(verdicts.createdAt), insertionOrder('verdicts', 'desc')),
      db.select({ claimId: sources.claimId, n: sql<number>`count(*)` }).from(sources).where(and(inArray(sources.claimId, chunk), isNull(sources.deletedAt))).groupBy(sources.claimId),
      flagsWithNames(db, and(inArray(flags.claimId, chunk), isNull(flags.resolvedAt))),
    ]);
    vs.push(...v);
    counts.push(...n);
    for (const r of f) names.set(r.f.id, r);
  }
  const items = rows.map((r) => {
    const { latest, published } = verdictStanding(vs.filter((v) => v.claimId === r.claim.id), r.claim.publishedVerdictId);
    return {
      claim: serialiseClaim(r.claim),
      article: r.article,
      flag: serialiseFlag(r.flag, names.get(r.flag.id)),
      proposedVerdict: latest ? serialiseVerdict(latest) : null,
      publishedVerdict: published ? serialiseVerdict(published) : null,
      sourceCount: counts.find((c) => c.claimId === r.claim.id)?.n ?? 0,
    };
  });
  return { items };
}
