import type { Db } from '../db';
import type { Actor } from '../domain/actor';
import { BULK_ACTIONS, type BulkAction } from '../domain/bulk';
import { DomainError, notFound, staleVersion } from '../domain/errors';
import { assertPermission, assertTransition } from '../domain/policy';
import { acceptRefusal, checkAssignee, claimRows, planAccept, planUpdate, writeClaims, type ClaimPlan, type ClaimRow, type PlannedWrite } from './claims';
import { written, type AuditEvent, type Written } from './events';
import { latestVerdicts, planDismiss, planPublish, publishRefusal } from './workflow';

/**
 * Bulk actions: accept, dismiss, assign or publish many claims in one request.
 *
 * Every item is checked against the claim as read (its version, the policy), exactly as the
 * single action would check it; the items that pass are written in ONE D1 batch in which
 * each item's statements are guarded by its own version (`writeClaims`), so an item another
 * request changed in the meantime writes nothing, and the others go through. Nothing is ever
 * half-written: an item is all done (claim, flags, verdict, event) or not at all. Should the
 * batch fail as a whole (a constraint: an article deleted meanwhile), each item is tried
 * again in its own guarded batch, so one item's failure never blocks the others.
 */

export interface BulkInput {
  action: BulkAction;
  items: { id: string; version: number }[];
  /** For `assign`: who (null: nobody). */
  assigneeId?: string | null;
  /** For `dismiss`: a note on the flags it resolves. */
  note?: string | null;
}

export type BulkItemResult = { id: string; ok: true; claim: ClaimRow } | { id: string; ok: false; error: DomainError };

export async function bulkAct(db: Db, actor: Actor, input: BulkInput): Promise<Written<BulkItemResult[]>> {
  // The role rule of the action as a whole: a checker asking to publish is refused outright.
  assertPermission(actor, BULK_ACTIONS[input.action]);
  if (input.action === 'assign') await checkAssignee(db, input.assigneeId);
  const ids = input.items.map((i) => i.id);
  const rows = await claimRows(db, ids);
  const verdicts = input.action === 'publish' ? await latestVerdicts(db, ids) : new Map();

  const results = new Map<string, BulkItemResult>();
  const planned: PlannedWrite[] = [];
  for (const item of input.items) {
    const current = rows.get(item.id);
    if (!current) {
      results.set(item.id, { id: item.id, ok: false, error: notFound('claim', item.id) });
      continue;
    }
    if (current.version !== item.version) {
      results.set(item.id, { id: item.id, ok: false, error: staleVersion('claim', item.version, current.version) });
      continue;
    }
    try {
      planned.push({ current, version: item.version, plan: planFor(db, actor, input, current, verdicts.get(item.id)) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.set(item.id, { id: item.id, ok: false, error });
    }
  }

  const events: AuditEvent[] = [];
  const record = (outcome: { applied: Map<string, ClaimRow>; events: AuditEvent[] }, entries: PlannedWrite[]) => {
    events.push(...outcome.events);
    for (const { current, version } of entries) {
      const row = outcome.applied.get(current.id);
      // Not applied: someone changed it between our read and our batch.
      results.set(current.id, row ? { id: current.id, ok: true, claim: row } : { id: current.id, ok: false, error: staleVersion('claim', version) });
    }
  };
  try {
    record(await writeClaims(db, actor, planned), planned);
  } catch (error) {
    if (planned.length <= 1) throw error;
    for (const entry of planned) {
      try {
        record(await writeClaims(db, actor, [entry]), [entry]);
      } catch (itemError) {
        // Logged: the database refused this one item (a constraint), which should be rare.
        console.error(JSON.stringify({ level: 'error', message: 'bulk item refused by the database', claimId: entry.current.id, error: String(itemError) }));
        const reason = itemError instanceof DomainError ? itemError : new DomainError('conflict', 'The database refused this change (another request changed or deleted what it refers to); nothing was saved for this claim.');
        results.set(entry.current.id, { id: entry.current.id, ok: false, error: reason });
      }
    }
  }
  return written(input.items.map((i) => results.get(i.id)!), events);
}

/** The plan of one item, or the reason it is refused (thrown), by the same rules as the single action. */
function planFor(db: Db, actor: Actor, input: BulkInput, current: ClaimRow, verdict: Parameters<typeof planPublish>[3] | undefined): ClaimPlan {
  switch (input.action) {
    case 'accept': {
      const refusal = acceptRefusal(current, actor);
      if (refusal) throw refusal;
      return planAccept(current, actor);
    }
    case 'dismiss':
      assertTransition('dismiss', current, actor);
      return planDismiss(db, actor, current, input.note ?? null);
    case 'assign':
      return planUpdate(current, { assigneeId: input.assigneeId ?? null });
    case 'publish': {
      const refusal = publishRefusal(current, actor, verdict);
      if (refusal) throw refusal;
      return planPublish(db, actor, current, verdict!);
    }
  }
}
