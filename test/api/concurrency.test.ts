import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events, webhookEndpoints } from '../../schema/tables';
import { createDb, type Db } from '../../src/db';
import type { Actor } from '../../src/env';
import { createWebhook, deleteWebhook, updateWebhook } from '../../src/services/webhooks';
import { createArticle, createClaim, signedIn } from './helpers';

describe('optimistic concurrency', () => {
  it('two clients updating one claim from the same version: exactly one wins, the loser leaves no trace', async () => {
    const editor = await signedIn('editor');
    const a = await signedIn('checker');
    const b = await signedIn('checker');
    const article = await createArticle(editor);
    const claim = await createClaim(editor, article.id);

    const [ra, rb] = await Promise.all([
      a.call(`/api/v1/claims/${claim.id}`, { method: 'PATCH', body: { subject: 'fine from A', version: claim.version } }),
      b.call(`/api/v1/claims/${claim.id}`, { method: 'PATCH', body: { subject: 'fine from B', version: claim.version } }),
    ]);
    const statuses = [ra.status, rb.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = ra.status === 200 ? 'fine from A' : 'fine from B';
    const loser = ra.status === 200 ? 'fine from B' : 'fine from A';

    const row = await env.DB.prepare('SELECT subject, version FROM claims WHERE id = ?').bind(claim.id).first<{ subject: string; version: number }>();
    expect(row).toEqual({ subject: winner, version: claim.version + 1 });
    const events = await env.DB.prepare("SELECT after FROM events WHERE claim_id = ? AND action = 'claim.update'").bind(claim.id).all<{ after: string }>();
    expect(events.results).toHaveLength(1);
    expect(events.results[0].after).toContain(winner);
    expect(JSON.stringify(events.results)).not.toContain(loser);
  });

  it('a stale source addition adds no source and no event', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const claim = await createClaim(editor, article.id);
    await editor.call(`/api/v1/claims/${claim.id}`, { method: 'PATCH', body: { speaker: 'The court', version: 1 } });
    const stale = await editor.call(`/api/v1/claims/${claim.id}/sources`, { method: 'POST', body: { url: 'https://court.example/r', title: 'Ruling', version: 1 } });
    expect(stale.status).toBe(409);
    const count = await env.DB.prepare('SELECT (SELECT count(*) FROM sources) AS s, (SELECT count(*) FROM events WHERE action = ?) AS e').bind('source.add').first<{ s: number; e: number }>();
    expect(count).toEqual({ s: 0, e: 0 });
  });

  it('a write must be based on the version the rules were checked against', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const article = await createArticle(editor);
    const c = await createClaim(editor, article.id);
    // Flag (editor) and a dismiss that names the NEXT version (checker) at the same moment:
    // the checker's request must not pass the status check on the old row and the guard on the new.
    const [flag, dismiss] = await Promise.all([
      editor.call(`/api/v1/claims/${c.id}/flag`, { method: 'POST', body: { reason: 'Check', version: c.version } }),
      checker.call(`/api/v1/claims/${c.id}/dismiss`, { method: 'POST', body: { version: c.version + 1 } }),
    ]);
    expect(flag.status).toBe(200);
    expect(dismiss.status).toBe(409);
    const now = await editor.call(`/api/v1/claims/${c.id}`);
    expect(now.json.status).toBe('flagged');
  });

  it('of two racing deletes of one article, one wins and writes the only event', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const [a, b] = await Promise.all([
      editor.call(`/api/v1/articles/${article.id}?version=1`, { method: 'DELETE' }),
      editor.call(`/api/v1/articles/${article.id}?version=1`, { method: 'DELETE' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([204, 404]);
    const events = await env.DB.prepare("SELECT count(*) AS n FROM events WHERE entity_id = ? AND action = 'article.delete'").bind(article.id).first<{ n: number }>();
    expect(events!.n).toBe(1);
  });
});

describe('two admins on one webhook endpoint', () => {
  const db = createDb(env.DB);
  const admin = async (): Promise<Actor> => ({ kind: 'user', userId: (await signedIn('admin')).userId!, tokenId: null, name: 'Test admin', email: null, role: 'admin' });
  const endpoint = async (actor: Actor) => (await createWebhook(db, env, actor, { url: 'http://127.0.0.1:9/hook', events: ['claim.published'], kind: 'standard' })).value;
  /** A db whose next batch first lets `other` run: another request that got in between our read and our write. */
  function racedBy(other: () => Promise<unknown>): Db {
    const raced = Object.create(db) as Db;
    raced.batch = (async (queries: Parameters<Db['batch']>[0]) => {
      await other();
      return db.batch(queries);
    }) as unknown as Db['batch'];
    return raced;
  }
  const auditOf = async (id: string) => (await db.select({ action: events.action }).from(events).where(eq(events.entityId, id)).all()).map((e) => e.action);

  it('an update that raced a delete answers 404 and writes no event (it answered 500 and left an orphan event)', async () => {
    const actor = await admin();
    const hook = await endpoint(actor);
    const update = updateWebhook(racedBy(() => deleteWebhook(db, actor, hook.id)), env, actor, hook.id, 1, { description: 'late' });
    await expect(update).rejects.toMatchObject({ code: 'not-found' });
    expect(await auditOf(hook.id)).toEqual(['webhook.create', 'webhook.delete']);
  });

  it('of two racing deletes, one writes the event and the other answers 404', async () => {
    const actor = await admin();
    const hook = await endpoint(actor);
    await expect(deleteWebhook(racedBy(() => deleteWebhook(db, actor, hook.id)), actor, hook.id)).rejects.toMatchObject({ code: 'not-found' });
    expect(await auditOf(hook.id)).toEqual(['webhook.create', 'webhook.delete']);
    expect(await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.id)).get()).toBeUndefined();
  });
});
