import type { Db } from '../db';
import type { Actor } from '../domain/actor';
import { DomainError } from '../domain/errors';
import { can } from '../domain/policy';
import { bulkAct } from './bulk';
import { reuseCheck } from './evidence';
import { written, type AuditEvent, type Written } from './events';
import { flagClaim } from './workflow';

export interface ClearedMatches {
  proposed: number;
  published: number;
  /** Why each refused claim was refused (changed since, nothing to reuse…), in words. */
  failed: string[];
}

/**
 * "Clear the open matches" (issue 14): after a claim is published, the open or flagged claims
 * elsewhere that state the same thing get its check. Each is proposed the check (reuseCheck);
 * when an editor asks to publish, each open one is flagged first (publication starts from a
 * flag) and then all are published in ONE bulk batch (the desk's bulkAct, each guarded by its
 * version). One claim refused never stops the others, and nothing is half-written: each step
 * of each claim is its own guarded write.
 */
export async function clearOpenMatches(db: Db, actor: Actor, fromClaimId: string, items: { id: string; version: number }[], opts: { publish: boolean }): Promise<Written<ClearedMatches>> {
  const events: AuditEvent[] = [];
  const failed: string[] = [];
  const ready: { id: string; version: number }[] = [];
  const publish = opts.publish && can(actor.role, 'claim.publish');
  for (const item of items) {
    try {
      const reused = await reuseCheck(db, actor, item.id, item.version, fromClaimId);
      events.push(...reused.events);
      let claim = reused.value.claim;
      if (publish && claim.status === 'open') {
        const flagged = await flagClaim(db, actor, claim.id, claim.version, { reason: `The same claim as ${fromClaimId}, checked and published: its check reused.` });
        events.push(...flagged.events);
        claim = flagged.value;
      }
      ready.push({ id: claim.id, version: claim.version });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      failed.push(error.message);
    }
  }
  let published = 0;
  if (publish && ready.length) {
    const done = await bulkAct(db, actor, { action: 'publish', items: ready });
    events.push(...done.events);
    for (const r of done.value) {
      if (r.ok) published++;
      else failed.push(r.error.message);
    }
  }
  return written({ proposed: ready.length, published, failed }, events);
}
