import { describe, expect, it } from 'vitest';
import { allowedActions } from '../../src/domain/policy';
import { createArticle, createClaim, expectProblem, signedIn, type Client } from './helpers';

type State = 'open' | 'flagged' | 'published' | 'dismissed' | 'revision';

/** Drives a fresh claim to a state through the API and returns its current version. */
async function claimIn(state: State, editor: Client) {
  const article = await createArticle(editor);
  let c = await createClaim(editor, article.id);
  const post = async (path: string, body: Record<string, unknown>) => {
    const res = await editor.call(`/api/v1/claims/${c.id}/${path}`, { method: 'POST', body: { ...body, version: c.version } });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.text}`);
    c = { ...c, version: res.json.version ?? res.json.claimVersion };
  };
  if (state === 'dismissed') await post('dismiss', {});
  if (state === 'flagged' || state === 'published' || state === 'revision') {
    await post('verdicts', { rating: 'false', summary: 'The court gave 10 years.' });
    await post('flag', { reason: 'Ready' });
  }
  if (state === 'published' || state === 'revision') await post('publish', {});
  if (state === 'revision') {
    await post('verdicts', { rating: 'mostly-false', summary: 'Revised: 10 years, reduced on appeal.' });
    await post('flag', { reason: 'Revision' });
  }
  return c as { id: string; version: number };
}

const ACTIONS = {
  flag: { reason: 'Please review' },
  publish: {},
  return: { note: 'Needs a better source' },
  dismiss: {},
  unpublish: {},
  reopen: {},
} as const;

/** Which action is allowed from which state, for an editor (roles are in the auth matrix). */
const ALLOWED: Record<State, (keyof typeof ACTIONS)[]> = {
  open: ['flag', 'dismiss'],
  flagged: ['publish', 'return', 'dismiss'],
  published: ['flag', 'unpublish'],
  dismissed: ['reopen'],
  revision: ['publish', 'return', 'unpublish'],
};

const STATES: State[] = ['open', 'flagged', 'published', 'dismissed', 'revision'];
const cases = STATES.flatMap((state) =>
  (Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]).map((action) => ({ state, action, expected: ALLOWED[state].includes(action) ? 200 : 409 })),
);

describe('workflow transitions', () => {
  it.each(cases)('$action from $state → $expected', async ({ state, action, expected }) => {
    const editor = await signedIn('editor');
    const c = await claimIn(state, editor);
    // The buttons the views render come from the same policy that the API enforces.
    const before = (await editor.call(`/api/v1/claims/${c.id}`)).json;
    expect(allowedActions(before, 'editor').includes(action)).toBe(expected === 200);
    const res = await editor.call(`/api/v1/claims/${c.id}/${action}`, { method: 'POST', body: { ...ACTIONS[action], version: c.version } });
    expect(res.status, res.text).toBe(expected);
    if (expected === 409) {
      expect(res.json.detail).toMatch(new RegExp(`Cannot ${action}`));
      const after = await editor.call(`/api/v1/claims/${c.id}`);
      expect(after.json.version).toBe(c.version); // nothing changed
    }
  });

  it('says in a refusal which action and claim status, with status the HTTP code (RFC 9457)', async () => {
    const editor = await signedIn('editor');
    const c = await claimIn('open', editor);
    const res = await editor.call(`/api/v1/claims/${c.id}/publish`, { method: 'POST', body: { version: c.version } });
    expectProblem(res, 409, 'transition-not-allowed');
    expect(res.json).toMatchObject({ status: 409, action: 'publish', claimStatus: 'open' });
  });

  it('refuses to publish a claim without a verdict', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const c = await createClaim(editor, article.id);
    const flagged = await editor.call(`/api/v1/claims/${c.id}/flag`, { method: 'POST', body: { reason: 'x', version: 1 } });
    const res = await editor.call(`/api/v1/claims/${c.id}/publish`, { method: 'POST', body: { version: flagged.json.version } });
    expect(res.status).toBe(409);
    expect(res.json.detail).toMatch(/no proposed verdict/);
  });

  it('lets a checker dismiss an open claim but not a flagged one', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const flagged = await claimIn('flagged', editor);
    expect((await checker.call(`/api/v1/claims/${flagged.id}/dismiss`, { method: 'POST', body: { version: flagged.version } })).status).toBe(403);
    const open = await claimIn('open', editor);
    expect((await checker.call(`/api/v1/claims/${open.id}/dismiss`, { method: 'POST', body: { version: open.version } })).status).toBe(200);
  });

  it('keeps a published claim public with its old verdict until the revision is published', async () => {
    const editor = await signedIn('editor');
    const c = await claimIn('revision', editor);
    let detail = (await editor.call(`/api/v1/claims/${c.id}`)).json;
    expect(detail.status).toBe('flagged');
    expect(detail.public).toBe(true);
    expect(detail.publishedVerdict.rating).toBe('false');
    expect(detail.latestVerdict.rating).toBe('mostly-false');
    expect(detail.pendingRevision).toBe(true);

    const queue = (await editor.call('/api/v1/queue')).json;
    const item = queue.items.find((i: { claim: { id: string } }) => i.claim.id === c.id);
    expect(item.publishedVerdict.rating).toBe('false');
    expect(item.proposedVerdict.rating).toBe('mostly-false');

    // Returned: still public with the old verdict.
    const returned = await editor.call(`/api/v1/claims/${c.id}/return`, { method: 'POST', body: { note: 'Cite the appeal ruling', version: c.version } });
    expect(returned.json.status).toBe('published');
    detail = (await editor.call(`/api/v1/claims/${c.id}`)).json;
    expect(detail.publishedVerdict.rating).toBe('false');
    expect(detail.flags[0]).toMatchObject({ resolution: 'returned', resolutionNote: 'Cite the appeal ruling' });

    // Flagged again and published: the revision is what readers see now.
    const reflagged = await editor.call(`/api/v1/claims/${c.id}/flag`, { method: 'POST', body: { reason: 'Cited', version: returned.json.version } });
    const published = await editor.call(`/api/v1/claims/${c.id}/publish`, { method: 'POST', body: { version: reflagged.json.version } });
    expect(published.status).toBe(200);
    detail = (await editor.call(`/api/v1/claims/${c.id}`)).json;
    expect(detail.publishedVerdict.rating).toBe('mostly-false');
    expect(detail.pendingRevision).toBe(false);
  });

  it('records every step in the claim history, with before and after', async () => {
    const editor = await signedIn('editor');
    const c = await claimIn('published', editor);
    const history = (await editor.call(`/api/v1/claims/${c.id}/history`)).json.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['claim.create', 'verdict.propose', 'claim.flag', 'claim.publish']);
    expect(history[3].before).toMatchObject({ status: 'flagged' });
    expect(history[3].after).toMatchObject({ status: 'published', rating: 'false' });
    expect(history[3].actor.name).toBe('Test editor');
  });
});
