import { describe, expect, it } from 'vitest';
import { claimStep, createArticle, createClaim, signedIn, type Client } from './helpers';

/** A claim assigned to `checker`, flagged with a verdict by them: ready for an editor's decision. */
async function flaggedBy(checker: Client, editor: Client) {
  const article = await createArticle(editor);
  let c = await createClaim(editor, article.id, { assigneeId: checker.userId });
  c = await claimStep(checker, c, 'verdicts', { rating: 'true', summary: 'Right.' });
  c = await claimStep(checker, c, 'flag', { reason: 'Ready', editorId: editor.userId });
  return { article, claim: c };
}

const inbox = async (client: Client, query = '') => (await client.call(`/api/v1/notifications${query}`)).json;

describe('notifications', () => {
  it('tell a checker their claim came back, after the return committed; the inbox lists it with its shape', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const { claim, article } = await flaggedBy(checker, editor);
    expect((await inbox(editor)).items.map((n: { kind: string }) => n.kind)).toEqual(['flagged']);
    await claimStep(editor, claim, 'return', { note: 'Needs the court record' });
    const mine = await inbox(checker);
    expect(mine.unread).toBe(2);
    expect(mine.items[0]).toEqual({
      id: expect.any(Number), kind: 'returned', claimId: claim.id, articleId: article.id, actorName: 'Test editor', createdAt: expect.any(String), readAt: null,
      excerpt: 'Needs the court record', claimQuote: '$80,000', articleTitle: 'Mayor sentenced', commentId: null,
    });
    expect(mine.items[1].kind).toBe('assigned');
  });

  it('answer the unread count cheaply: ETag, then 304 with no body while nothing changed', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const first = await checker.call('/api/v1/notifications/unread');
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ unread: 0, latest: 0 });
    const etag = first.headers.get('etag')!;
    expect(etag).toBe('"0-0"');
    const again = await checker.call('/api/v1/notifications/unread', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    await flaggedBy(checker, editor); // assigns the checker
    const changed = await checker.call('/api/v1/notifications/unread', { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.json.unread).toBe(1);
    expect(changed.headers.get('cache-control')).toContain('no-cache');
  });

  it('are marked read by id or all at once, and a person may mark only their own (404 otherwise, nothing marked)', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    await flaggedBy(checker, editor);
    const theirs = (await inbox(editor)).items[0].id;
    const mine = (await inbox(checker)).items[0].id;
    const refused = await checker.call('/api/v1/notifications/read', { method: 'POST', body: { ids: [mine, theirs] } });
    expect(refused.status).toBe(404);
    expect(refused.json.detail).toContain(String(theirs));
    expect((await inbox(editor)).unread).toBe(1);
    expect((await inbox(checker)).unread).toBe(1);
    const ok = await checker.call('/api/v1/notifications/read', { method: 'POST', body: { ids: [mine] } });
    expect(ok.status).toBe(200);
    expect(ok.json.unread).toBe(0);
    const all = await editor.call('/api/v1/notifications/read', { method: 'POST', body: { all: true } });
    expect(all.json.unread).toBe(0);
    expect((await checker.call('/api/v1/notifications/read', { method: 'POST', body: {} })).status).toBe(422);
  });

  it('page newest first with a cursor and filter to unread', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const article = await createArticle(editor);
    for (const quote of ['$80,000', '12 years in prison', 'March 3']) {
      const kind = quote.startsWith('$') ? { kind: 'money', value: { amount: 80000, currency: 'USD' } } : quote.includes('years') ? { kind: 'sentence', value: 'P12Y' } : { kind: 'date', value: '2024-03-03' };
      await createClaim(editor, article.id, { quote, ...kind, assigneeId: checker.userId });
    }
    const page1 = await inbox(checker, '?limit=2');
    expect(page1.items.map((n: { claimQuote: string }) => n.claimQuote)).toEqual(['March 3', '12 years in prison']);
    const page2 = await inbox(checker, `?limit=2&cursor=${page1.nextCursor}`);
    expect(page2.items.map((n: { claimQuote: string }) => n.claimQuote)).toEqual(['$80,000']);
    expect(page2.nextCursor).toBeNull();
    await checker.call('/api/v1/notifications/read', { method: 'POST', body: { ids: [page1.items[0].id] } });
    expect((await inbox(checker, '?unread=true')).items).toHaveLength(2);
  });

  it('are opened from the claim page: visiting the claim marks what the person was told about it as read', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const { claim } = await flaggedBy(checker, editor);
    expect((await inbox(editor)).unread).toBe(1);
    expect((await editor.call(`/app/claims/${claim.id}`)).status).toBe(200);
    expect((await inbox(editor)).unread).toBe(0);
  });

  it('mention the people a comment names, and tell the assignee someone commented', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const other = await signedIn('editor');
    const article = await createArticle(editor);
    const claim = await createClaim(editor, article.id, { assigneeId: checker.userId });
    await other.call(`/api/v1/claims/${claim.id}/comments`, { method: 'POST', body: { body: 'Over to you @Test editor', mentions: [editor.userId] } });
    expect((await inbox(editor)).items[0]).toMatchObject({ kind: 'mentioned', excerpt: 'Over to you @Test editor', commentId: expect.stringMatching(/^cmt_/) });
    expect((await inbox(checker)).items[0]).toMatchObject({ kind: 'commented' });
    expect((await inbox(other)).items).toEqual([]);
  });

  it('keep e-mail choices per person: defaults, then what they set; unknown kinds are refused', async () => {
    const checker = await signedIn('checker');
    const before = await checker.call('/api/v1/notifications/preferences');
    expect(before.json.email).toMatchObject({ returned: true, mentioned: true, changed: false });
    const set = await checker.call('/api/v1/notifications/preferences', { method: 'PATCH', body: { email: { returned: false, changed: true } } });
    expect(set.status, set.text).toBe(200);
    expect(set.json.email).toMatchObject({ returned: false, changed: true, mentioned: true });
    const bad = await checker.call('/api/v1/notifications/preferences', { method: 'PATCH', body: { email: { sometimes: true } } });
    expect(bad.status).toBe(422);
  });

  it('never fail the write they come from: a broken inbox leaves the return standing', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const { claim } = await flaggedBy(checker, editor);
    // Drop the table the after-write step writes to: the reaction fails, the return must not.
    const { env } = await import('cloudflare:test');
    await env.DB.prepare('ALTER TABLE notifications RENAME TO notifications_away').run();
    try {
      const res = await editor.call(`/api/v1/claims/${claim.id}/return`, { method: 'POST', body: { note: 'Fix it', version: claim.version } });
      expect(res.status, res.text).toBe(200);
      expect(res.json.status).toBe('open');
    } finally {
      await env.DB.prepare('ALTER TABLE notifications_away RENAME TO notifications').run();
    }
  });
});
