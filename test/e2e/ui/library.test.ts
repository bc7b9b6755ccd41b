import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { newPage, screenshot } from '../browser';
import { apiCall, createArticle, createClaim, pageAs, unique } from './helpers';

/**
 * The claim library in the browser: `/` and results as you type in the top bar; a claim
 * already checked elsewhere shows "Checked before" and one click proposes the same check;
 * after publication the open matches elsewhere are cleared in one action; readers search
 * the public library.
 */
describe('the claim library in the reviewer UI and for readers', () => {
  let editor: { context: BrowserContext; page: Page };
  const name = `Zyxwardov${unique()}`;
  let first: { id: string; version: number };
  let second: { id: string; version: number };
  let third: { id: string; version: number };

  const story = (lead: string) =>
    [`${lead}`, '', `A court in Khujand sentenced the journalist ${name} to 12 years in prison, and ordered him to pay a fine of 80,000 somoni, his lawyer said.`, '', `${name} denies the charges.`].join('\n');

  beforeAll(async () => {
    editor = await pageAs('editor@factmark.local');
    const a = await createArticle(editor.page, { title: `${name} jailed`, text: story(`${name} jailed for 12 years`) });
    const b = await createArticle(editor.page, { title: `Court jails ${name}`, text: story(`Court jails ${name}`) });
    const c = await createArticle(editor.page, { title: `${name} case: a fine`, text: story(`${name} case: the fine`) });
    first = await createClaim(editor.page, a.id, '80,000 somoni', 'money', { amount: 80000, currency: 'TJS' });
    second = await createClaim(editor.page, b.id, '80,000 somoni', 'money', { amount: 80000, currency: 'TJS' });
    third = await createClaim(editor.page, c.id, '80,000 somoni', 'money', { amount: 80000, currency: 'TJS' });
    // The first is checked and published, with a source.
    let v = (await apiCall(editor.page, 'POST', `/claims/${first.id}/verdicts`, { rating: 'true', summary: `The ruling fines ${name} 80,000 somoni.`, version: first.version })).body.claimVersion;
    v = (await apiCall(editor.page, 'POST', `/claims/${first.id}/sources`, { url: 'https://court.example/ruling', title: 'The ruling', type: 'court', version: v })).body.claimVersion;
    v = (await apiCall(editor.page, 'POST', `/claims/${first.id}/flag`, { reason: 'Ready to publish', version: v })).body.version;
    const pub = await apiCall(editor.page, 'POST', `/claims/${first.id}/publish`, { version: v });
    expect(pub.status).toBe(200);
    first = { id: first.id, version: pub.body.version };
  });

  afterAll(async () => {
    await editor?.context.close();
  });

  it('focuses the top bar search with / and shows results as you type, the words found marked', async () => {
    const { page } = editor;
    await page.goto('/app/articles');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('top-search-q');
    await page.keyboard.type(name.slice(0, 6), { delay: 30 });
    const option = page.locator('#top-search-results .top-search-option').first();
    await option.waitFor();
    expect(await page.locator('#top-search-q').getAttribute('aria-expanded')).toBe('true');
    expect((await page.locator('#top-search-results mark').first().textContent())?.toLowerCase()).toBe(name.toLowerCase());
    await screenshot(page, 'library-top-search');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#top-search-results [aria-selected="true"]').count()).toBe(1);
    await Promise.all([page.waitForURL(/\/app\/(claims|articles)\//), page.keyboard.press('Enter')]);
  });

  it('says why a search cannot be read, on the search page', async () => {
    const { page } = editor;
    const res = await page.goto(`/app/search?q=${encodeURIComponent('"unclosed')}`);
    expect(res?.status()).toBe(422);
    expect(await page.locator('.form-error').textContent()).toContain('quotation mark');
  });

  it('shows "Checked before" and proposes the same check with one click', async () => {
    const { page } = editor;
    await page.goto(`/app/claims/${second.id}`);
    const box = page.locator('#checked-before');
    await box.waitFor();
    expect(await box.textContent()).toContain(`The ruling fines ${name} 80,000 somoni.`);
    expect(await box.locator('a[href="https://court.example/ruling"]').count()).toBe(1);
    await screenshot(page, 'library-checked-before');
    await Promise.all([page.waitForLoadState('load'), page.locator(`[data-reuse="${first.id}"]`).click()]);
    await page.locator('#toast').filter({ hasText: 'Proposed the same rating' }).waitFor();
    const detail = await apiCall(page, 'GET', `/claims/${second.id}`);
    expect(detail.body.latestVerdict).toMatchObject({ rating: 'true', summary: `The ruling fines ${name} 80,000 somoni.` });
    expect(detail.body.sources.map((s: { url: string }) => s.url)).toEqual(['https://court.example/ruling']);
  });

  it('after publication, clears the open matches elsewhere in one action', async () => {
    const { page } = editor;
    await page.goto(`/app/claims/${first.id}`);
    const form = page.locator('#clear-matches');
    await form.waitFor();
    expect(await form.locator(`input[data-claim-id="${third.id}"]`).isChecked()).toBe(true);
    // An editor publishes them at once: the open one is flagged, then all go in one bulk publish.
    await form.locator('input[name="publish"]').check();
    await screenshot(page, 'library-clear-matches');
    await form.locator('button[type="submit"]').click();
    // Every open match (the demo data may hold more than this test's) is published.
    await page.locator('#toast').filter({ hasText: /^Published this check on \d+ claims?\.$/ }).waitFor();
    // The second (given the check before, not published) and the third.
    for (const c of [second, third]) {
      expect((await apiCall(page, 'GET', `/claims/${c.id}`)).body).toMatchObject({ status: 'published', publishedVerdict: { rating: 'true', summary: `The ruling fines ${name} 80,000 somoni.` } });
    }
    // Nothing open is left to clear.
    expect(await page.locator('#clear-matches').count()).toBe(0);
  });

  it('reuses a check and clears the open matches without scripts too (the forms post and come back)', async () => {
    const plain = await pageAs('editor@factmark.local', { javaScriptEnabled: false });
    try {
      const { page } = plain;
      const d = await createArticle(editor.page, { title: `${name} appeal`, text: story(`${name} appeal`) });
      const e = await createArticle(editor.page, { title: `${name} appeal fails`, text: story(`${name} appeal fails`) });
      const fourth = await createClaim(editor.page, d.id, '80,000 somoni', 'money', { amount: 80000, currency: 'TJS' });
      const fifth = await createClaim(editor.page, e.id, '80,000 somoni', 'money', { amount: 80000, currency: 'TJS' });
      await page.goto(`/app/claims/${fourth.id}`);
      await Promise.all([page.waitForURL(`**/app/claims/${fourth.id}**`), page.locator(`[data-reuse="${first.id}"]`).click()]);
      expect(await page.locator('.flash').textContent()).toContain('Proposed the same rating');
      expect((await apiCall(editor.page, 'GET', `/claims/${fourth.id}`)).body.latestVerdict?.rating).toBe('true');
      await page.goto(`/app/claims/${first.id}`);
      const form = page.locator('#clear-matches');
      // The fifth is open elsewhere with no proposal: listed, and checked.
      expect(await form.locator(`input[data-claim-id="${fifth.id}"]`).isChecked()).toBe(true);
      await form.locator('input[name="publish"]').check();
      await Promise.all([page.waitForURL(`**/app/claims/${first.id}**`), form.locator('button[type="submit"]').click()]);
      expect(await page.locator('.flash').textContent()).toMatch(/Published this check on \d+ claims?\./);
      for (const c of [fourth, fifth]) expect((await apiCall(editor.page, 'GET', `/claims/${c.id}`)).body).toMatchObject({ status: 'published', publishedVerdict: { rating: 'true' } });
    } finally {
      await plain.context.close();
    }
  });

  it('lets readers search every published check, newest first, and find nothing unpublished', async () => {
    // One claim with the name, checked by nobody yet.
    const g = await createArticle(editor.page, { title: `${name} profile`, text: story(`${name} profile`) });
    const open = await createClaim(editor.page, g.id, '12 years', 'sentence', 'P12Y');
    const { page, context } = await newPage();
    await page.goto('/checks');
    await page.fill('#checks-q', name);
    await Promise.all([page.waitForURL(/\/checks\?q=/), page.click('.checks-search button')]);
    // The checks published in this file, newest first: the first one published is last.
    const links = await page.locator('.check .check-claim a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThan(1);
    expect(links.at(-1)).toBe(`/claims/${first.id}`);
    expect(await page.locator('.check mark').first().textContent()).toBe(name);
    expect(links).not.toContain(`/claims/${open.id}`);
    await screenshot(page, 'library-public-checks');
    await context.close();
  });
});
