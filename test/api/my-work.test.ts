import { describe, expect, it } from 'vitest';
import { claimStep, createArticle, createClaim, signedIn } from './helpers';

const section = (work: { sections: { key: string; count: number; items: { claimId: string; note: string | null; by: string | null }[] }[] }, key: string) => work.sections.find((s) => s.key === key)!;

describe('My work', () => {
  it('gathers, across articles, what is assigned, returned, flagged to me and mentions me, newest first with counts', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const a1 = await createArticle(editor);
    const a2 = await createArticle(editor, { url: 'https://news.example/other', title: 'Second article' });
    const assigned1 = await createClaim(editor, a1.id, { assigneeId: checker.userId });
    const assigned2 = await createClaim(editor, a2.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y', assigneeId: checker.userId });
    let back = await createClaim(editor, a2.id, { assigneeId: checker.userId });
    back = await claimStep(checker, back, 'verdicts', { rating: 'false', summary: 'Wrong.' });
    back = await claimStep(checker, back, 'flag', { reason: 'Ready', editorId: editor.userId });
    let mine = (await checker.call('/api/v1/me/work')).json;
    expect(section(mine, 'assigned').items.map((i) => i.claimId)).toEqual([assigned2.id, assigned1.id]);
    expect(section(mine, 'assigned').count).toBe(2);
    expect(section(mine, 'flagged')).toBeUndefined(); // checkers have no "flagged to me"
    const theirs = (await editor.call('/api/v1/me/work')).json;
    expect(section(theirs, 'flagged').items).toEqual([expect.objectContaining({ claimId: back.id, note: 'Ready', by: 'Test checker' })]);

    await claimStep(editor, back, 'return', { note: 'Check the date' });
    await editor.call(`/api/v1/claims/${assigned1.id}/comments`, { method: 'POST', body: { body: '@Test checker see this', mentions: [checker.userId] } });
    mine = (await checker.call('/api/v1/me/work')).json;
    expect(section(mine, 'returned').items).toEqual([expect.objectContaining({ claimId: back.id, note: 'Check the date', by: 'Test editor', returnedAt: expect.any(String) })]);
    expect(section(mine, 'assigned').items.map((i) => i.claimId)).not.toContain(back.id);
    expect(section(mine, 'mentions').items).toEqual([expect.objectContaining({ claimId: assigned1.id, by: 'Test editor', note: '@Test checker see this' })]);
    expect(section((await editor.call('/api/v1/me/work')).json, 'flagged').count).toBe(0);
  });

  it('is the landing page after sign-in, and a page of its own', async () => {
    const checker = await signedIn('checker');
    const root = await checker.call('/app', { redirect: 'manual' });
    expect(root.status, root.text.slice(0, 200)).toBe(303);
    expect(root.headers.get('location')).toBe('/app/work');
    const page = await checker.call('/app/work');
    expect(page.status).toBe(200);
    expect(page.text).toContain('My work');
  });
});
