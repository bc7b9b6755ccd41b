import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, screenshot, SCREENSHOT_DIR } from '../browser';
import { apiCall, createArticle, createClaim, pageAs } from './helpers';

/**
 * Issue 13 in the browser: a checker types values as people write them and sees what will be
 * stored; the claim gets a sentence and the verdict the correct figure; readers see both,
 * credited to the newsroom of the settings; the history reads as sentences.
 */
describe('checks people can write and read', () => {
  let checker: { context: BrowserContext; page: Page };
  let editor: { context: BrowserContext; page: Page };
  let admin: { context: BrowserContext; page: Page };
  let article: { id: string; slug: string };
  let claim: { id: string; version: number };
  let original: { name: string; url: string | null; logoUrl: string | null; correctionsContact: string | null };

  beforeAll(async () => {
    editor = await pageAs('editor@factmark.local');
    checker = await pageAs('checker@factmark.local');
    admin = await pageAs('admin@factmark.local');
    article = await createArticle(editor.page);
    claim = await createClaim(editor.page, article.id, '12 years in prison', 'sentence', 'P12Y');
    original = (await apiCall(admin.page, 'GET', '/settings')).body;
  });

  afterAll(async () => {
    // The e2e server is shared by every file: put the newsroom's identity back.
    if (original) {
      const now = (await apiCall(admin.page, 'GET', '/settings')).body;
      await apiCall(admin.page, 'PATCH', '/settings', { ...original, version: now.version });
    }
    await Promise.all([checker?.context.close(), editor?.context.close(), admin?.context.close()]);
  });

  it('a checker types “12 to 15 years” and sees what will be stored, or what was expected', async () => {
    const { page } = checker;
    await page.goto(`/app/claims/${claim.id}`);
    const preview = page.locator('#cf-value-preview');
    expect(await preview.textContent()).toBe('P12Y · 12 years');
    await page.fill('#cf-value', '12 to 15 years');
    await expect.poll(() => preview.textContent()).toBe('P12Y/P15Y · 12 to 15 years');
    await page.fill('#cf-value', 'about 12 years');
    await expect.poll(() => preview.textContent()).toBe('P12Y · 12 years · approximate');
    expect(await page.locator('#cf-bound').inputValue()).toBe('approximate'); // the words set the qualifier
    await page.fill('#cf-value', 'a fine of 80,000');
    await expect.poll(() => preview.textContent()).toMatch(/^Could not read “a fine of 80,000” as a prison term\. Write a prison term such as 12 years/);
    expect(await preview.getAttribute('class')).toContain('bad');
    await page.fill('#cf-value', '12 to 15 years');
    await expect.poll(() => preview.textContent()).toBe('P12Y/P15Y · 12 to 15 years');
    // The sentence: suggested from the article, written by the checker.
    const statement = page.locator('#cf-statement');
    const suggested = await statement.inputValue();
    expect(suggested).toContain('12 years in prison'); // from the article's sentence, cut to fit
    expect([...suggested].length).toBeLessThanOrEqual(74);
    expect(await page.locator('#cf-statement-source').textContent()).toContain('A court in Khujand sentenced the journalist to 12 years in prison on August 22.');
    await statement.fill('The journalist was sentenced to 12 to 15 years in prison.');
    expect(await page.locator('#cf-statement-count').textContent()).toBe('57 / 74');
    await screenshot(page, 'readable-claim-panel');
    // Saved, the panel redraws itself in place (issue 11) with the stored claim.
    await page.click('#claim-form button[type=submit]');
    await page.locator('#toast', { hasText: 'Claim saved.' }).waitFor();
    const stored = (await apiCall(page, 'GET', `/claims/${claim.id}`)).body;
    expect(stored).toMatchObject({ value: { min: 'P12Y', max: 'P15Y' }, approximate: false, bound: null, statement: 'The journalist was sentenced to 12 to 15 years in prison.' });
    expect(await page.locator('.claim-facts strong').textContent()).toBe('12 to 15 years');
    expect(await page.locator('#cf-value').inputValue()).toBe('12 to 15 years');
  });

  it('a verdict carries the correct figure typed in words, previewed as typed', async () => {
    const { page } = checker;
    await page.goto(`/app/claims/${claim.id}`);
    await page.check('input[name=rating][value=misleading]');
    await page.fill('#vf-summary', 'The appeal court cut the term to ten years.');
    await page.fill('#vf-correct', '10 years');
    await expect.poll(() => page.locator('#vf-correct-preview').textContent()).toBe('P10Y · 10 years');
    await page.click('#verdict-form button[type=submit]');
    await page.locator('#toast', { hasText: 'Verdict proposed.' }).waitFor();
    expect((await apiCall(page, 'GET', `/claims/${claim.id}`)).body.latestVerdict?.correctValue).toBe('P10Y');
    expect(await page.locator('.verdict-figures').first().textContent()).toBe('Claimed: 12 to 15 years · Actually: 10 years');
  });

  it('readers see the statement, the correct figure and the newsroom of the settings', async () => {
    // The newsroom's identity, set on the admin page.
    await admin.page.goto('/app/admin');
    await admin.page.fill('#st-name', 'Dushanbe Fact Desk');
    await admin.page.fill('#st-url', 'https://factdesk.example/');
    await admin.page.fill('#st-contact', 'corrections@factdesk.example');
    await Promise.all([admin.page.waitForEvent('load'), admin.page.click('#settings-form button[type=submit]')]);
    expect(await admin.page.locator('#st-name').inputValue()).toBe('Dushanbe Fact Desk');
    await admin.page.locator('#settings').screenshot({ path: `${SCREENSHOT_DIR}/readable-admin-settings.png` });

    const c = (await apiCall(editor.page, 'GET', `/claims/${claim.id}`)).body;
    const flagged = await apiCall(editor.page, 'POST', `/claims/${claim.id}/flag`, { reason: 'Ready', version: c.version });
    const published = await apiCall(editor.page, 'POST', `/claims/${claim.id}/publish`, { version: flagged.body.version });
    expect(published.status).toBe(200);
    // Editors see the tag to give publishers, and that readers can see the article now.
    await editor.page.goto(`/app/articles/${article.id}`);
    await editor.page.click('details.embed-snippet summary');
    expect(await editor.page.locator('details.embed-snippet').innerText()).toContain(`data-article="${article.slug}"`);
    expect(await editor.page.locator('details.embed-snippet p').innerText()).toBe('1 published claim: public page');
    await screenshot(editor.page, 'readable-article-view');

    const { context, page } = await newPage();
    await page.goto(`/claims/${claim.id}`);
    expect(await page.locator('h1').textContent()).toBe('The journalist was sentenced to 12 to 15 years in prison.');
    expect((await page.locator('.figures').innerText()).replace(/\s+/g, ' ').trim()).toBe('Claimed: 12 to 15 years Actually: 10 years');
    expect(await page.locator('.site-bar .brand').textContent()).toBe('Dushanbe Fact Desk');
    expect(await page.locator('.site-foot').textContent()).toContain('Ask for a correction');
    expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('/favicon.svg');
    expect((await page.request.get('/favicon.svg')).status()).toBe(200);
    const review = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(review).toMatchObject({ claimReviewed: 'The journalist was sentenced to 12 to 15 years in prison.', author: { name: 'Dushanbe Fact Desk', url: 'https://factdesk.example/' } });
    await screenshot(page, 'readable-public-claim');

    // The article's page: no embed snippet for readers; the popover shows the figures and the credit.
    await page.goto(`/articles/${article.slug}`);
    expect(await page.locator('code').count()).toBe(0);
    await page.locator('factmark-mark[role=button]').first().click();
    const dialog = page.locator('factmark-popover [role=dialog]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const lines = await dialog.evaluate((d) => [...d.querySelectorAll('p')].map((p) => p.textContent));
    expect(lines).toContain('Claimed: 12 to 15 years · Actually: 10 years');
    expect(lines).toContain('Checked by Dushanbe Fact Desk');
    await screenshot(page, 'readable-embed-popover');
    await context.close();
  });

  it('the history reads as sentences; ids and offsets only under “details”', async () => {
    const { page } = editor;
    await page.goto(`/app/claims/${claim.id}`);
    const history = page.locator('#history');
    const text = await history.innerText();
    const sentences = [
      'value: 12 years → 12 to 15 years',
      'statement: — → “The journalist was sentenced to 12 to 15 years in prison.”',
      'verdict proposed: Misleading',
      'correct figure: 10 years',
      'verdict published: Misleading',
      'status: flagged → published',
    ];
    for (const line of sentences) expect(text).toContain(line);
    // Closed disclosures: what a person reads has no ids, offsets or JSON.
    expect(text).not.toMatch(/clm_|vrd_|usr_|"amount"|\{"min"/);
    const details = history.locator('details.event-details').first();
    await details.locator('summary').click();
    expect(await details.innerText()).toContain(claim.id);
    await screenshot(page, 'readable-history');
  });

  it('the API reference renders every operation, with parameters, body, responses and an example', async () => {
    const { context, page } = await newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/api/v1/docs');
    await page.locator('#api-reference[aria-busy=false]').waitFor();
    const doc = await (await page.request.get('/api/v1/openapi.json')).json();
    const count = Object.values(doc.paths as Record<string, object>).reduce((n, m) => n + Object.keys(m).length, 0);
    expect(await page.locator('section.op').count()).toBe(count);
    const create = page.locator('section.op', { has: page.locator('h3', { hasText: '/api/v1/articles/{id}/claims' }) }).filter({ hasText: 'POST' });
    expect(await create.locator('caption', { hasText: 'Request body' }).count()).toBe(1);
    expect(await create.locator('details.example pre').first().textContent()).toContain('"value": "about 80,000 somoni"');
    expect(await create.locator('.responses').innerText()).toContain('201');
    expect(errors).toEqual([]);
    // The whole reference is one long page: its top (the index) and one operation, as read.
    await page.screenshot({ path: `${SCREENSHOT_DIR}/readable-api-docs-top.png` });
    await create.screenshot({ path: `${SCREENSHOT_DIR}/readable-api-docs-operation.png` });
    await context.close();
  });
});
