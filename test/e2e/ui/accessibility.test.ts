import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { newPage } from '../browser';
import { apiCall, createArticle, createClaim, pageAs, seriousViolations } from './helpers';

describe('accessibility of the reviewer UI (axe-core)', () => {
  let admin: { context: BrowserContext; page: Page };
  let articleId = '';
  let claimId = '';

  beforeAll(async () => {
    // axe is injected as a script tag, which the CSP would refuse.
    admin = await pageAs('admin@factmark.local', { bypassCSP: true });
    const article = await createArticle(admin.page, { extract: true });
    articleId = article.id;
    const claim = await createClaim(admin.page, articleId, 'the regional budget for the press', 'money', { amount: 400000, currency: 'TJS' });
    claimId = claim.id;
    // Something in the queue: a source, a verdict and a flag.
    const s = await apiCall(admin.page, 'POST', `/claims/${claimId}/sources`, { url: 'https://example.org/a', title: 'Court record', version: claim.version });
    const v = await apiCall(admin.page, 'POST', `/claims/${claimId}/verdicts`, { rating: 'half-true', summary: 'Partly right.', version: s.body.claimVersion });
    const f = await apiCall(admin.page, 'POST', `/claims/${claimId}/flag`, { reason: 'Ready to publish', version: v.body.claimVersion });
    expect(f.status).toBe(200);
  });

  afterAll(async () => {
    await admin?.context.close();
  });

  it('finds nothing serious on the sign-in page', async () => {
    const { context, page } = await newPage({ bypassCSP: true });
    await page.goto('/app/login');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  for (const [name, path] of [
    ['the articles list', () => '/app/articles'],
    ['the article view', () => `/app/articles/${articleId}`],
    ['the claim panel', () => `/app/claims/${claimId}`],
    ['the editors’ queue', () => '/app/queue'],
    ['the admin page', () => '/app/admin'],
    ['My work', () => '/app/work'],
    ['the notifications inbox', () => '/app/notifications'],
    ['the local outbox', () => '/app/outbox'],
    ['the search page', () => '/app/search?q=court'],
    ['the public library', () => '/checks'],
  ] as const) {
    it(`finds nothing serious on ${name}`, async () => {
      await admin.page.goto(path());
      expect(await seriousViolations(admin.page)).toEqual([]);
    });
  }

  it('finds nothing serious with the new-claim form and a form error showing', async () => {
    await admin.page.goto(`/app/articles/${articleId}`);
    await admin.page.click('#new-claim-button');
    await admin.page.click('#new-claim-form button[type=submit]');
    await admin.page.locator('#new-claim-form .form-error').waitFor();
    expect(await seriousViolations(admin.page)).toEqual([]);
  });

  it('reaches the claim list and the new-claim form by keyboard, with a visible focus ring', async () => {
    await admin.page.goto(`/app/articles/${articleId}`);
    await admin.page.keyboard.press('Tab');
    expect(await admin.page.evaluate(() => document.activeElement?.textContent)).toContain('Skip to content');
    await admin.page.keyboard.press('j');
    expect(await admin.page.evaluate(() => document.activeElement?.className)).toBe('claim-link');
    const outline = await admin.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await admin.page.keyboard.press('n');
    expect(await admin.page.evaluate(() => document.activeElement?.id)).toBe('nc-quote');
    await admin.page.keyboard.press('Escape');
    expect(await admin.page.isHidden('#new-claim')).toBe(true);
  });
});
