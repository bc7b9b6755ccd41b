import { describe, expect, it } from 'vitest';
import { claimStep, createArticle, createClaim, makeUser, signedIn, type Client } from './helpers';

async function flagged(checker: Client, editor: Client, flag: Record<string, unknown> = {}) {
  const article = await createArticle(editor);
  let c = await createClaim(editor, article.id, { assigneeId: checker.userId });
  c = await claimStep(checker, c, 'verdicts', { rating: 'true', summary: 'Right.' });
  c = await claimStep(checker, c, 'flag', { reason: 'Ready', ...flag });
  return { article, claim: c };
}

describe('returned claims', () => {
  it('show as returned in the API (with who and when on the flag) until the checker flags them again', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const { claim, article } = await flagged(checker, editor);
    const back = await claimStep(editor, claim, 'return', { note: 'Needs the court record' });
    const detail = (await checker.call(`/api/v1/claims/${claim.id}`)).json;
    expect(detail).toMatchObject({ status: 'open', returned: true, returnedAt: expect.any(String) });
    expect(detail.returnedBy).toEqual({ note: 'Needs the court record', byName: 'Test editor', by: editor.userId, at: detail.returnedAt });
    const list = (await checker.call(`/api/v1/claims?returned=true&article=${article.id}`)).json.items;
    expect(list.map((c: { id: string }) => c.id)).toEqual([claim.id]);
    expect((await checker.call(`/api/v1/claims?returned=false&article=${article.id}`)).json.items).toEqual([]);
    await claimStep(checker, back, 'flag', { reason: 'Fixed: court record added' });
    const again = (await checker.call(`/api/v1/claims/${claim.id}`)).json;
    expect(again).toMatchObject({ status: 'flagged', returned: false, returnedAt: null });
    expect((await checker.call(`/api/v1/claims?returned=true&article=${article.id}`)).json.items).toEqual([]);
  });

  it('are counted apart in the article list', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const { claim, article } = await flagged(checker, editor);
    await claimStep(editor, claim, 'return', { note: 'Again' });
    const row = (await editor.call('/api/v1/articles?limit=200')).json.items.find((a: { id: string }) => a.id === article.id);
    expect(row.claimCounts).toMatchObject({ returned: 1 });
  });
});

describe('flagging to a named editor', () => {
  it('records the editor, and the queue filters to “flagged to me”', async () => {
    const editor = await signedIn('editor');
    const other = await signedIn('editor');
    const checker = await signedIn('checker');
    const { claim } = await flagged(checker, editor, { editorId: editor.userId });
    const { claim: toAnyone } = await flagged(checker, editor);
    const mine = (await editor.call('/api/v1/queue?to=me')).json.items.map((i: { claim: { id: string } }) => i.claim.id);
    expect(mine).toEqual([claim.id]);
    expect((await other.call('/api/v1/queue?to=me')).json.items).toEqual([]);
    const all = (await other.call('/api/v1/queue')).json.items;
    expect(all.map((i: { claim: { id: string } }) => i.claim.id)).toEqual(expect.arrayContaining([claim.id, toAnyone.id]));
    expect(all.find((i: { claim: { id: string } }) => i.claim.id === claim.id).flag).toMatchObject({ editorId: editor.userId, editorName: 'Test editor' });
  });

  it('refuses a checker, an unknown id or a disabled editor as the addressee (422 on editorId), writing nothing', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const article = await createArticle(editor);
    const c = await createClaim(editor, article.id);
    const another = await makeUser('checker');
    for (const editorId of [another.id, 'usr_nobody']) {
      const res = await checker.call(`/api/v1/claims/${c.id}/flag`, { method: 'POST', body: { reason: 'Look', editorId, version: c.version } });
      expect(res.status, res.text).toBe(422);
      expect(res.json.errors[0].field).toBe('editorId');
    }
    expect((await checker.call(`/api/v1/claims/${c.id}`)).json.status).toBe('open');
  });
});

describe('editors amending the proposed verdict at publication', () => {
  it('publish the edited wording as a new verdict with both authors, and the history shows the edit', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const { claim } = await flagged(checker, editor);
    const res = await editor.call(`/api/v1/claims/${claim.id}/publish`, { method: 'POST', body: { version: claim.version, verdict: { summary: 'Right: the court imposed a fine of $80,000.' } } });
    expect(res.status, res.text).toBe(200);
    const detail = (await editor.call(`/api/v1/claims/${claim.id}`)).json;
    expect(detail.publishedVerdict).toMatchObject({ rating: 'true', summary: 'Right: the court imposed a fine of $80,000.', authorId: checker.userId, authorName: 'Test checker', editedBy: editor.userId, editedByName: 'Test editor' });
    expect(detail.verdicts).toHaveLength(2);
    expect(detail.verdicts[1]).toMatchObject({ summary: 'Right.', editedBy: null });
    const history = (await editor.call(`/api/v1/claims/${claim.id}/history`)).json.items;
    const edit = history.find((e: { action: string }) => e.action === 'verdict.edit');
    expect(edit).toMatchObject({ actor: { name: 'Test editor' }, before: { summary: 'Right.' }, after: { summary: 'Right: the court imposed a fine of $80,000.' } });
    expect(history.map((e: { action: string }) => e.action).slice(-2)).toEqual(['verdict.edit', 'claim.publish']);
    // Readers see the edited wording, credited to both.
    const page = await editor.call(`/claims/${claim.id}`);
    expect(page.text).toContain('Right: the court imposed a fine of $80,000.');
  });

  it('publishes the proposal as it is when the wording is unchanged (no edit recorded)', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const { claim } = await flagged(checker, editor);
    await editor.call(`/api/v1/claims/${claim.id}/publish`, { method: 'POST', body: { version: claim.version, verdict: { summary: 'Right.' } } });
    const detail = (await editor.call(`/api/v1/claims/${claim.id}`)).json;
    expect(detail.verdicts).toHaveLength(1);
    expect(detail.publishedVerdict.editedBy).toBeNull();
  });
});
