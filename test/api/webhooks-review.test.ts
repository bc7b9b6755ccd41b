/**
 * A second look at issue 16's webhooks (review16): races between admins, what a receiver's
 * answer may be, the destination rule at delivery, redelivery racing a retry, the sweeper.
 */
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { events, webhookEndpoints } from '../../schema/tables';
import { createDb, type Db } from '../../src/db';
import type { Actor } from '../../src/env';
import { createWebhook, deleteWebhook, updateWebhook } from '../../src/services/webhooks';
import { editorForFile } from './helpers';

const receiver = inject('receiverUrl');
const db = createDb(env.DB);
const { editor } = editorForFile();
const admin = (): Actor => ({ kind: 'user', userId: editor.userId!, tokenId: null, name: 'Test admin', email: null, role: 'admin' });

/** A db whose next batch first lets `other` run: another request that got in between our read and our write. */
function racedBy(other: () => Promise<unknown>): Db {
  const raced = Object.create(db) as Db;
  raced.batch = (async (queries: Parameters<Db['batch']>[0]) => {
    await other();
    return db.batch(queries);
  }) as Db['batch'];
  return raced;
}

const auditOf = (id: string) => db.select({ action: events.action }).from(events).where(eq(events.entityId, id)).all();

describe('two admins on one endpoint', () => {
  it('an update that raced a delete answers 404 and writes no event', async () => {
    const hook = (await createWebhook(db, env, admin(), { url: `${receiver}/race-update`, events: ['claim.published'], kind: 'standard' })).value;
    const update = updateWebhook(racedBy(() => deleteWebhook(db, admin(), hook.id)), env, admin(), hook.id, 1, { description: 'late' });
    await expect(update).rejects.toMatchObject({ code: 'not-found' });
    expect((await auditOf(hook.id)).map((e) => e.action)).toEqual(['webhook.create', 'webhook.delete']);
  });

  it('of two racing deletes, one answers 204 and writes the event; the other answers 404', async () => {
    const hook = (await createWebhook(db, env, admin(), { url: `${receiver}/race-delete`, events: ['claim.published'], kind: 'standard' })).value;
    await expect(deleteWebhook(racedBy(() => deleteWebhook(db, admin(), hook.id)), admin(), hook.id)).rejects.toMatchObject({ code: 'not-found' });
    expect((await auditOf(hook.id)).map((e) => e.action)).toEqual(['webhook.create', 'webhook.delete']);
    expect(await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.id)).get()).toBeUndefined();
  });
});
