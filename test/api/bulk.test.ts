import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { claims } from '../../schema/tables';
import { createDb } from '../../src/db';
import { MAX_BULK_ITEMS } from '../../src/domain/bulk';
import { claimStep, createArticle, createClaim, signedIn, type Client, type ClaimRef } from './helpers';

/** Quotes of SAMPLE_TEXT, one claim each. */
const QUOTES = [
  { quote: '$80,000', kind: 'money', value: { amount: 80000, currency: 'USD' } },
  { quote: '12 years in prison', kind: 'sentence', value: 'P12Y' },
  { quote: 'March 3', kind: 'date', value: '2024-03-03' },
  { quote: 'Some 250 protesters', kind: 'count', value: 250 },
];

async function claims4(editor: Client, suggested = false): Promise<ClaimRef[]> {
  const article = await createArticle(editor);
  const out: ClaimRef[] = [];
  for (const q of QUOTES) out.push(await createClaim(editor, article.id, q));
  if (suggested) {
    const db = createDb(env.DB);
    for (const c of out) await db.update(claims).set({ suggested: true, origin: 'machine' }).where(eq(claims.id, c.id));
  }
  return out.map((c) => ({ id: c.id, version: c.version }));
}

const bulk = (client: Client, body: unknown) => client.call('/api/v1/claims/bulk', { method: 'POST', body });

describe('bulk actions', () => {
  it('accept many suggestions in one request, each assigned to the one who accepted', async () => {
    const checker = await signedIn('checker');
    const editor = await signedIn('editor');
    const cs = await claims4(editor, true);
    const res = await bulk(checker, { action: 'accept', items: cs });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ action: 'accept', done: 4, failed: 0 });
    expect(res.json.results).toEqual(cs.map((c) => ({ id: c.id, ok: true, version: c.version + 1, status: 'open', returned: false, suggested: false, assigneeId: checker.userId })));
    const rows = await createDb(env.DB).select({ suggested: claims.suggested, assigneeId: claims.assigneeId }).from(claims).all();
    expect(rows.filter((r) => cs.length && r.assigneeId === checker.userId && !r.suggested)).toHaveLength(4);
    const events = await env.DB.prepare("SELECT count(*) AS n FROM events WHERE action = 'claim.accept'").first<{ n: number }>();
    expect(events?.n).toBe(4);
  });

  it('answer per item: a stale version or a refused transition fails that item only, the others are done', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const cs = await claims4(editor, true);
    await claimStep(editor, cs[1], 'accept'); // now version 2: the bulk's version 1 is stale
    const res = await bulk(checker, { action: 'dismiss', items: [cs[0], cs[1], cs[2], { id: 'clm_nope', version: 1 }] });
    expect(res.status).toBe(200);
    expect(res.json.done).toBe(2);
    expect(res.json.results[0]).toMatchObject({ id: cs[0].id, ok: true, status: 'dismissed' });
    expect(res.json.results[1]).toMatchObject({ id: cs[1].id, ok: false, problem: { status: 409, type: expect.stringContaining('stale-version') } });
    expect(res.json.results[2]).toMatchObject({ id: cs[2].id, ok: true });
    expect(res.json.results[3]).toMatchObject({ id: 'clm_nope', ok: false, problem: { status: 404 } });
    const after = (await editor.call(`/api/v1/claims/${cs[1].id}`)).json;
    expect(after).toMatchObject({ status: 'open', version: 2 });
    // A checker may not publish: every item says so, nothing changes.
    const publish = await bulk(checker, { action: 'publish', items: [cs[3]] });
    expect(publish.status).toBe(403);
  });

  it('assign many to a colleague, refusing an unknown assignee before anything is written', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const cs = await claims4(editor);
    const bad = await bulk(editor, { action: 'assign', assigneeId: 'usr_nobody', items: cs });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].field).toBe('assigneeId');
    const res = await bulk(editor, { action: 'assign', assigneeId: checker.userId, items: cs });
    expect(res.json.done).toBe(4);
    const inbox = (await checker.call('/api/v1/notifications')).json;
    expect(inbox.items.filter((n: { kind: string }) => n.kind === 'assigned')).toHaveLength(4);
  });

  it('refuse too many items, duplicates and unknown actions with 422 before writing anything', async () => {
    const editor = await signedIn('editor');
    const cs = await claims4(editor, true);
    const many = Array.from({ length: MAX_BULK_ITEMS + 1 }, (_, i) => ({ id: `${cs[0].id}x${i}`, version: 1 }));
    const tooMany = await bulk(editor, { action: 'accept', items: [cs[0], ...many] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.errors[0]).toMatchObject({ field: 'items', message: expect.stringContaining(String(MAX_BULK_ITEMS)) });
    const dup = await bulk(editor, { action: 'accept', items: [cs[0], cs[0]] });
    expect(dup.status).toBe(422);
    expect(dup.json.errors[0].field).toBe('items.1.id');
    expect((await bulk(editor, { action: 'explode', items: [cs[0]] })).status).toBe(422);
    const untouched = (await editor.call(`/api/v1/claims/${cs[0].id}`)).json;
    expect(untouched).toMatchObject({ suggested: true, version: 1 });
  });

  it('publish flagged claims for editors; items with no verdict are refused, the others published', async () => {
    const editor = await signedIn('editor');
    const cs = await claims4(editor);
    const ready: ClaimRef[] = [];
    for (const c of cs.slice(0, 3)) {
      const v = await claimStep(editor, c, 'verdicts', { rating: 'true', summary: 'Right.' });
      ready.push(await claimStep(editor, v, 'flag', { reason: 'Ready' }));
    }
    const noVerdict = await claimStep(editor, cs[3], 'flag', { reason: 'Look' });
    const res = await bulk(editor, { action: 'publish', items: [...ready, noVerdict] });
    expect(res.json.done).toBe(3);
    expect(res.json.results[3]).toMatchObject({ ok: false, problem: { status: 409, detail: expect.stringContaining('no proposed verdict') } });
    for (const r of ready) {
      const d = (await editor.call(`/api/v1/claims/${r.id}`)).json;
      expect(d).toMatchObject({ status: 'published', public: true, openFlag: null });
    }
  });

  it('race: two editors bulk-publishing overlapping sets publish each claim once, with one event each', async () => {
    const a = await signedIn('editor');
    const b = await signedIn('editor');
    const article = await createArticle(a);
    const refs: ClaimRef[] = [];
    for (const q of QUOTES) {
      let c: ClaimRef = await createClaim(a, article.id, q);
      c = await claimStep(a, c, 'verdicts', { rating: 'mostly-true', summary: 'Close.' });
      refs.push(await claimStep(a, c, 'flag', { reason: 'Ready' }));
    }
    // A takes claims 0–2, B takes 1–3: 1 and 2 are wanted by both.
    const [ra, rb] = await Promise.all([
      bulk(a, { action: 'publish', items: refs.slice(0, 3) }),
      bulk(b, { action: 'publish', items: refs.slice(1, 4) }),
    ]);
    expect(ra.status).toBe(200);
    expect(rb.status).toBe(200);
    expect(ra.json.done + rb.json.done).toBe(4);
    for (const r of refs) {
      const byA = ra.json.results.find((x: { id: string }) => x.id === r.id);
      const byB = rb.json.results.find((x: { id: string }) => x.id === r.id);
      expect([byA?.ok, byB?.ok].filter(Boolean)).toHaveLength(1);
      const loser = byA?.ok ? byB : byA;
      if (loser) expect(loser.problem.status).toBe(409);
      const events = await env.DB.prepare("SELECT count(*) AS n FROM events WHERE claim_id = ? AND action = 'claim.publish'").bind(r.id).first<{ n: number }>();
      expect(events?.n).toBe(1);
      const row = await env.DB.prepare('SELECT status, version FROM claims WHERE id = ?').bind(r.id).first<{ status: string; version: number }>();
      expect(row).toEqual({ status: 'published', version: r.version + 1 });
      const flagsOpen = await env.DB.prepare('SELECT count(*) AS n FROM flags WHERE claim_id = ? AND resolved_at IS NULL').bind(r.id).first<{ n: number }>();
      expect(flagsOpen?.n).toBe(0);
    }
  });

  it('when the database refuses one item, the others are still written, each whole (the batch is retried item by item)', async () => {
    const editor = await signedIn('editor');
    const cs = await claims4(editor, true);
    // A trigger that aborts any change to the second claim: the one-batch write fails as a whole.
    await env.DB.prepare(`CREATE TRIGGER refuse_one BEFORE UPDATE ON claims WHEN OLD.id = '${cs[1].id}' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`).run();
    try {
      const res = await bulk(editor, { action: 'dismiss', items: cs });
      expect(res.status).toBe(200);
      expect(res.json.done).toBe(3);
      expect(res.json.results[1]).toMatchObject({ id: cs[1].id, ok: false, problem: { status: 409 } });
      for (const [i, c] of cs.entries()) {
        const row = await env.DB.prepare('SELECT status, version FROM claims WHERE id = ?').bind(c.id).first<{ status: string; version: number }>();
        expect(row).toEqual(i === 1 ? { status: 'open', version: 1 } : { status: 'dismissed', version: 2 });
        const events = await env.DB.prepare("SELECT count(*) AS n FROM events WHERE claim_id = ? AND action = 'claim.dismiss'").bind(c.id).first<{ n: number }>();
        expect(events?.n).toBe(i === 1 ? 0 : 1);
      }
    } finally {
      await env.DB.prepare('DROP TRIGGER refuse_one').run();
    }
  });
});

