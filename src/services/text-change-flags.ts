/**
 * A reaction of the after-write step (`./after-write`): a published claim whose words a new
 * revision changed or removed (`claim.text-change` events) is flagged to the editors, with the
 * change as its reason, when the domain policy says so (`textChangeFlagsEditors`). The flag is
 * the system's (no person's name on it), written like any flag: the claim's status, the flag
 * row and a `claim.flag` audit event in one guarded batch (a flag ends a return, as a person's does); its events then go through the
 * after-write step in turn (notifications and the like see an ordinary flag).
 */
import { and, eq } from 'drizzle-orm';
import { claims, flags } from '../../schema/tables';
import { createDb } from '../db';
import { newId } from '../domain/ids';
import { textChangeFlagsEditors, textChangeReason, type TextChange } from '../domain/living';
import { runAfterWrite, type Reaction } from './after-write';
import { eventStatement, type AuditEvent } from './events';
import { bumpVersionIf, nowSql } from './versioning';

export const flagChangedClaims: Reaction = async (ctx, events) => {
  const changed = events.filter((e) => e.action === 'claim.text-change' && e.claimId);
  if (!changed.length) return;
  const db = createDb(ctx.env.DB);
  const flagged: AuditEvent[] = [];
  for (const e of changed) {
    const change = (e.after as { textChange?: TextChange } | null)?.textChange;
    if (!change) continue;
    // Read now: the claim as it is after the revision, which may have raced another write.
    for (let attempt = 0; attempt < 2; attempt++) {
      const claim = await db.select().from(claims).where(eq(claims.id, e.claimId as string)).get();
      if (!claim || !textChangeFlagsEditors(claim)) break;
      const reason = textChangeReason(change);
      try {
        const [, , written] = await db.batch([
          db.update(claims).set({ status: 'flagged', returnedAt: null, version: bumpVersionIf(claim.version), updatedAt: nowSql }).where(and(eq(claims.id, claim.id))),
          db.insert(flags).values({ id: newId('flg'), claimId: claim.id, reason, note: null, createdBy: null }),
          eventStatement(db, null, { action: 'claim.flag', entityType: 'claim', entityId: claim.id, claimId: claim.id, articleId: claim.articleId, before: { status: claim.status }, after: { status: 'flagged', reason, note: null, automatic: true } }, { ifClaimExists: claim.id }),
        ]);
        flagged.push(...(written as AuditEvent[]));
        break;
      } catch (error) {
        // Changed by someone meanwhile (the version guard): read it again once.
        if (attempt) throw error;
      }
    }
  }
  if (flagged.length) await runAfterWrite(ctx, flagged);
};
