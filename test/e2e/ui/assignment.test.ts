import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiCall, createArticle, createClaim, pageAs } from './helpers';

/**
 * Who works on which claim: a checker takes a claim or hands it to a colleague from the
 * claim panel, the history names the people, and the article view lists and filters by it.
 */
describe('assigning claims in the reviewer UI', () => {
  let checker: { context: BrowserContext; page: Page };
  let article: { id: string };
  let mine = '';
  let theirs = '';
  let nobodys = '';
  let me = '';

  beforeAll(async () => {
    checker = await pageAs('checker@factmark.local');
    const editor = await pageAs('editor@factmark.local');
    article = await createArticle(editor.page);
    mine = (await createClaim(editor.page, article.id, '12 years in prison', 'sentence', 'P12Y')).id;
    theirs = (await createClaim(editor.page, article.id, '80,000 somoni', 'money', { amount: 80000, currency: 'TJS' })).id;
    nobodys = (await createClaim(editor.page, article.id, 'between 100 and 250', 'count', { min: 100, max: 250 })).id;
    await editor.context.close();
    me = (await apiCall(checker.page, 'GET', '/me')).body.user.id;
  });

  afterAll(async () => {
    await checker?.context.close();
  });

  async function assign(claimId: string, optionText: RegExp) {
    const { page } = checker;
    await page.goto(`/app/claims/${claimId}`);
    expect(await page.locator('.claim-facts .assignee').textContent()).toContain('not assigned');
    const option = page.locator('#cf-assignee option', { hasText: optionText });
    await page.selectOption('#cf-assignee', (await option.getAttribute('value'))!);
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'PATCH' && r.status() === 200), page.click('#claim-form button[type=submit]')]);
    // Redrawn in place, no page load.
    await page.locator('#toast', { hasText: 'Claim saved.' }).waitFor();
  }

  it('takes a claim from the claim panel, and the history says who it went to', async () => {
    await assign(mine, /\(you\)/);
    const { page } = checker;
    expect(await page.locator('.claim-facts .assignee').textContent()).toContain('assigned to you');
    expect((await apiCall(page, 'GET', `/claims/${mine}`)).body.assigneeId).toBe(me);
    const change = await page.locator('#history .timeline li', { hasText: 'edited the claim' }).last().locator('.changes').textContent();
    expect(change).toContain('assignee');
    expect(change).toContain('Chris Checker');
    expect(change).not.toContain(me);
  });

  it('hands a claim to a colleague by name', async () => {
    await assign(theirs, /Eddie Editor/);
    const { page } = checker;
    expect(await page.locator('.claim-facts .assignee').textContent()).toContain('assigned to Eddie Editor');
    expect((await apiCall(page, 'GET', `/claims/${theirs}`)).body.assigneeId).toBe('usr_demo_editor');
  });

  it('lists who has each claim in the article view and filters by it', async () => {
    const { page } = checker;
    await page.goto(`/app/articles/${article.id}`);
    expect(await page.locator(`#item-${mine} .assignee`).textContent()).toContain('you');
    expect(await page.locator(`#item-${theirs} .assignee`).textContent()).toContain('Eddie Editor');
    expect(await page.locator(`#item-${nobodys} .assignee`).count()).toBe(0);

    const shown = () => page.locator('.claim-item:not([hidden])').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
    await page.selectOption('#filter-assignee', 'me');
    expect(await shown()).toEqual([mine]);
    expect(new URL(page.url()).searchParams.get('assignee')).toBe('me');
    await page.selectOption('#filter-assignee', 'none');
    expect(await shown()).toEqual([nobodys]);

    // The filter is kept in the address, so a reload or a shared link keeps it.
    await page.reload();
    expect(await page.inputValue('#filter-assignee')).toBe('none');
    expect(await shown()).toEqual([nobodys]);
    await page.selectOption('#filter-assignee', '');
    expect((await shown()).length).toBe(3);
  });

  it('filters on the server too, for a browser without scripts', async () => {
    const plain = await pageAs('checker@factmark.local', { javaScriptEnabled: false });
    try {
      await plain.page.goto(`/app/articles/${article.id}?assignee=me`);
      const shown = await plain.page.locator('.claim-item:not([hidden])').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      expect(shown).toEqual([mine]);
    } finally {
      await plain.context.close();
    }
  });
});
