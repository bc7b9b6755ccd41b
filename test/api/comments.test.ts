import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { comments, users } from '../../schema/tables';
import { createDb } from '../../src/db';
import { COMMENT_EDIT_WINDOW_MS, MAX_COMMENT_LENGTH } from '../../src/domain/discussion';
import { createArticle, createClaim, makeUser, signedIn } from './helpers';

async function claimFor(editorRole: 'editor' | 'admin' = 'editor') {
  const editor = await signedIn(editorRole);
  const article = await createArticle(editor);
  return { editor, claim: await createClaim(editor, article.id), article };
}

describe('comments on a claim', () => {
  it('are posted, listed oldest first with author and mentions by name, and leave the claim’s version alone', async () => {
    const { editor, claim } = await claimFor();
    const checker = await signedIn('checker');
    const first = await checker.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body: { body: '@Test editor is the fine right?', mentions: [editor.userId] } });
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({ claimId: claim.id, authorId: checker.userId, authorName: 'Test checker', body: '@Test editor is the fine right?', mentions: [{ id: editor.userId, name: 'Test editor' }], version: 1, editedAt: null, deletedAt: null });
    await editor.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body: { body: 'Yes, see the ruling.' } });
    const list = await checker.call(`/api/v1/claims/${claim.id}/comments`);
    expect(list.status).toBe(200);
    expect(list.json.items.map((c: { body: string }) => c.body)).toEqual(['@Test editor is the fine right?', 'Yes, see the ruling.']);
    expect((await editor.call(`/api/v1/claims/${claim.id}`)).json.version).toBe(claim.version);
  });

  it('keep HTML and script as text (the API stores what was sent; pages escape it)', async () => {
    const { editor, claim } = await claimFor();
    const body = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const res = await editor.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body: { body } });
    expect(res.json.body).toBe(body);
    const page = await editor.call(`/app/claims/${claim.id}`);
    expect(page.text).not.toContain('<script>alert(2)');
    expect(page.text).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('refuse empty, over-long and unknown or disabled mentions, naming the field (422), and write nothing', async () => {
    const { editor, claim } = await claimFor();
    const disabled = await makeUser('checker');
    await createDb(env.DB).update(users).set({ disabledAt: '2026-01-01T00:00:00.000Z' }).where(eq(users.id, disabled.id));
    const post = (body: unknown) => editor.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body });
    const empty = await post({ body: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.json.errors[0].field).toBe('body');
    const long = await post({ body: 'x'.repeat(MAX_COMMENT_LENGTH + 1) });
    expect(long.status).toBe(422);
    expect(long.json.errors[0]).toMatchObject({ field: 'body', message: expect.stringContaining(String(MAX_COMMENT_LENGTH)) });
    const unknown = await post({ body: 'hi', mentions: [editor.userId, 'usr_nobody'] });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([{ field: 'mentions.1', message: 'usr_nobody is not an active user' }]);
    const off = await post({ body: 'hi', mentions: [disabled.id] });
    expect(off.status).toBe(422);
    expect(off.json.detail).toContain(disabled.id);
    const rows = await createDb(env.DB).select().from(comments).where(eq(comments.claimId, claim.id)).all();
    expect(rows).toEqual([]);
  });

  it('on an unknown claim are 404', async () => {
    const editor = await signedIn('editor');
    expect((await editor.call('/api/v1/claims/clm_nope/comments')).status).toBe(404);
    expect((await editor.call('/api/v1/claims/clm_nope/comments', { method: 'POST', body: { body: 'hi' } })).status).toBe(404);
  });

  it('are edited by their author only, within the edit window, with a stale version refused', async () => {
    const { editor, claim } = await claimFor();
    const other = await signedIn('editor');
    const posted = (await editor.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body: { body: 'Frist' } })).json;
    expect((await other.call(`/api/v1/comments/${posted.id}`, { method: 'PATCH', body: { body: 'Hijack' } })).status).toBe(403);
    const edited = await editor.call(`/api/v1/comments/${posted.id}`, { method: 'PATCH', body: { body: 'First', version: 1 } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json).toMatchObject({ body: 'First', version: 2, editedAt: expect.any(String) });
    expect((await editor.call(`/api/v1/comments/${posted.id}`, { method: 'PATCH', body: { body: 'Again', version: 1 } })).status).toBe(409);
    // Once the window has passed, the author writes a new comment instead.
    const old = new Date(Date.now() - COMMENT_EDIT_WINDOW_MS - 1000).toISOString();
    await createDb(env.DB).update(comments).set({ createdAt: old }).where(eq(comments.id, posted.id));
    const late = await editor.call(`/api/v1/comments/${posted.id}`, { method: 'PATCH', body: { body: 'Too late' } });
    expect(late.status).toBe(409);
    expect(late.json.type).toContain('comment-edit-closed');
  });

  it('are deleted softly by their author or an admin: the thread and the history say who and when', async () => {
    const { editor, claim } = await claimFor();
    const admin = await signedIn('admin');
    const checker = await signedIn('checker');
    const a = (await editor.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body: { body: 'Mine to delete' } })).json;
    const b = (await editor.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body: { body: 'The admin deletes this' } })).json;
    expect((await checker.call(`/api/v1/comments/${a.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await editor.call(`/api/v1/comments/${a.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin.call(`/api/v1/comments/${b.id}`, { method: 'DELETE' })).status).toBe(204);
    const list = (await checker.call(`/api/v1/claims/${claim.id}/comments`)).json.items;
    expect(list).toEqual([
      expect.objectContaining({ id: a.id, body: '', deletedAt: expect.any(String), deletedByName: 'Test editor' }),
      expect.objectContaining({ id: b.id, body: '', deletedAt: expect.any(String), deletedByName: 'Test admin' }),
    ]);
    const history = (await checker.call(`/api/v1/claims/${claim.id}/history`)).json.items.map((e: { action: string; actor: { name: string } }) => `${e.actor.name}: ${e.action}`);
    expect(history).toEqual(expect.arrayContaining(['Test editor: comment.create', 'Test editor: comment.delete', 'Test admin: comment.delete']));
    // The words are gone from the audit trail too.
    expect(JSON.stringify(history)).not.toContain('Mine to delete');
    const events = await env.DB.prepare('SELECT after FROM events WHERE claim_id = ?').bind(claim.id).all();
    expect(JSON.stringify(events.results)).not.toContain('Mine to delete');
    expect((await editor.call(`/api/v1/comments/${a.id}`, { method: 'PATCH', body: { body: 'Back' } })).status).toBe(409);
  });

  it('racing edits and racing deletes leave one change and one audit event each (the loser writes nothing)', async () => {
    const { editor, claim } = await claimFor();
    const count = async (action: string, id: string) => (await env.DB.prepare('SELECT count(*) AS n FROM events WHERE action = ? AND entity_id = ?').bind(action, id).first<{ n: number }>())!.n;
    const posted = (await editor.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body: { body: 'Draft' } })).json;
    const edits = await Promise.all(['One', 'Two'].map((body) => editor.call(`/api/v1/comments/${posted.id}`, { method: 'PATCH', body: { body, version: posted.version } })));
    expect(edits.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await count('comment.update', posted.id)).toBe(1);
    const deletes = await Promise.all([1, 2].map(() => editor.call(`/api/v1/comments/${posted.id}`, { method: 'DELETE' })));
    expect(deletes.map((r) => r.status)).toEqual([204, 204]);
    expect(await count('comment.delete', posted.id)).toBe(1);
    // A delete based on a version someone else's edit has passed is refused, like an edit.
    const other = (await editor.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body: { body: 'Keep' } })).json;
    await editor.call(`/api/v1/comments/${other.id}`, { method: 'PATCH', body: { body: 'Kept', version: 1 } });
    expect((await editor.call(`/api/v1/comments/${other.id}?version=1`, { method: 'DELETE' })).status).toBe(409);
    expect(await count('comment.delete', other.id)).toBe(0);
  });

  it('never reach readers: the public page and the feed have none', async () => {
    const { editor, claim, article } = await claimFor();
    await editor.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body: { body: 'Internal: source is shaky' } });
    let c = claim;
    for (const [path, body] of [['verdicts', { rating: 'true', summary: 'Right.' }], ['flag', { reason: 'Ready' }], ['publish', {}]] as const) {
      const res = await editor.call(`/api/v1/claims/${c.id}/${path}`, { method: 'POST', body: { ...body, version: c.version } });
      c = { ...c, version: res.json.version ?? res.json.claimVersion };
    }
    const page = await editor.call(`/claims/${claim.id}`);
    const feed = await editor.call(`/annotations/${article.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('source is shaky');
    expect(feed.text).not.toContain('source is shaky');
  });

  it('work without scripts: the form posts, mentions by @Name, and comes back to the claim with a message', async () => {
    const { editor, claim } = await claimFor();
    const checker = await signedIn('checker');
    // A name nobody else in this file's database has (they are all "Test editor").
    await createDb(env.DB).update(users).set({ name: 'Edwina Unique' }).where(eq(users.id, editor.userId!));
    const form = new URLSearchParams({ body: '@Edwina Unique can you look?' }).toString();
    const posted = await checker.call(`/app/claims/${claim.id}/comments`, { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`/app/claims/${claim.id}#discussion`);
    expect(decodeURIComponent(posted.headers.get('set-cookie') ?? '')).toContain('Comment added.');
    const list = (await checker.call(`/api/v1/claims/${claim.id}/comments`)).json.items;
    expect(list).toEqual([expect.objectContaining({ body: '@Edwina Unique can you look?', mentions: [{ id: editor.userId, name: 'Edwina Unique' }] })]);
    // An empty comment comes back with the reason, and nothing is written.
    const empty = await checker.call(`/app/claims/${claim.id}/comments`, { method: 'POST', body: 'body=', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(empty.status).toBe(303);
    expect(decodeURIComponent(empty.headers.get('set-cookie') ?? '')).toContain('Not saved');
    expect((await checker.call(`/api/v1/claims/${claim.id}/comments`)).json.items).toHaveLength(1);
  });

  it('refuse a form post from another site (CSRF), as the API does', async () => {
    const { claim } = await claimFor();
    const checker = await signedIn('checker');
    const res = await checker.call(`/app/claims/${claim.id}/comments`, { method: 'POST', body: 'body=hi', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' }, redirect: 'manual' });
    expect(res.status).toBe(403);
    expect((await checker.call(`/api/v1/claims/${claim.id}/comments`)).json.items).toEqual([]);
  });
});
