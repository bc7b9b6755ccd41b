import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { newPage, screenshot } from '../browser';
import { apiCall, createArticle, pageAs, selectText } from './helpers';

/**
 * The whole review path in the browser: a checker turns text into claims (by accepting a
 * suggestion and by selecting text), adds a source, proposes a verdict and flags it; an
 * editor publishes it from the queue; readers can then see it.
 */
describe('the review flow in the reviewer UI', () => {
  let checker: { context: BrowserContext; page: Page };
  let editor: { context: BrowserContext; page: Page };
  let selectedArticle: { id: string };
  let suggestedArticle: { id: string };
  let claimId = '';

  beforeAll(async () => {
    editor = await pageAs('editor@factmark.local');
    checker = await pageAs('checker@factmark.local');
    selectedArticle = await createArticle(editor.page, { extract: false });
    suggestedArticle = await createArticle(editor.page, { extract: true });
  });

  afterAll(async () => {
    await checker?.context.close();
    await editor?.context.close();
  });

  it('sends an anonymous visitor of /app to the sign-in page, and back to My work after it', async () => {
    const { page, context } = await newPage();
    await page.goto('/app');
    expect(new URL(page.url()).pathname).toBe('/app/login');
    await page.fill('#login-email', 'checker@factmark.local');
    await page.fill('#login-password', 'wrong password');
    await page.click('#login-form button[type=submit]');
    await page.locator('#login-form .form-error').waitFor();
    expect(await page.locator('#login-form .form-error').textContent()).toMatch(/password|e-mail|sign/i);
    await page.fill('#login-password', 'factmark-demo');
    await Promise.all([page.waitForURL('**/app/work'), page.click('#login-form button[type=submit]')]);
    expect(await page.locator('.role').textContent()).toBe('checker');
    await context.close();
  });

  it('lets a checker accept a machine suggestion in one action', async () => {
    const { page } = checker;
    await page.goto(`/app/articles/${suggestedArticle.id}`);
    const item = page.locator('.claim-item[data-status="suggested"]').first();
    const id = await item.getAttribute('data-id');
    expect(id).toBeTruthy();
    const count = async () => Number(/^(\d+)/.exec((await page.locator('#suggested-count').textContent()) ?? '')?.[1]);
    const before = await count();
    expect(before).toBe(await page.locator('.claim-item[data-status="suggested"]').count());
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/claims/${id}/accept`)), item.locator('button[data-action="accept"]').click()]);
    expect(res.status()).toBe(200);
    const accepted = page.locator(`#item-${id}`);
    await accepted.locator('.badge.st-open').waitFor();
    expect(await accepted.locator('button[data-action]').count()).toBe(0);
    // The count of suggestions left follows at once.
    expect(await count()).toBe(before - 1);
    const claim = await apiCall(page, 'GET', `/claims/${id}`);
    expect(claim.body.suggested).toBe(false);
  });

  it('creates a claim from selected text with the extractor’s kind and value prefilled', async () => {
    const { page } = checker;
    await page.goto(`/app/articles/${selectedArticle.id}`);
    await screenshot(page, 'article-view-empty');
    await selectText(page, '#article-text', '12 years in prison');
    await page.locator('#selection-claim').waitFor({ state: 'visible' });
    await page.click('#selection-claim');
    await page.locator('#nc-extractor', { hasText: 'prefilled' }).waitFor();
    await screenshot(page, 'new-claim-form');
    expect(await page.inputValue('#nc-quote')).toBe('12 years in prison');
    expect(await page.inputValue('#nc-kind')).toBe('sentence');
    expect(await page.inputValue('#nc-value')).toBe('12 years'); // prefilled in words; the API stores P12Y
    await page.fill('#nc-subject', 'prison sentence of the journalist');
    await Promise.all([page.waitForURL('**/app/claims/*'), page.click('#new-claim-form button[type=submit]')]);
    claimId = new URL(page.url()).pathname.split('/').pop()!;
    const claim = await apiCall(page, 'GET', `/claims/${claimId}`);
    expect(claim.body).toMatchObject({ quote: '12 years in prison', kind: 'sentence', value: 'P12Y', subject: 'prison sentence of the journalist', status: 'open' });
    expect(await page.locator('h1 mark').textContent()).toBe('12 years in prison');
  });

  it('adds a source, proposes a verdict and flags the claim to the editors', async () => {
    const { page } = checker;
    await page.goto(`/app/claims/${claimId}`);
    await page.fill('#new-src-url', 'https://court.example/khujand/verdict');
    await page.fill('#new-src-title', 'Khujand city court ruling');
    await page.selectOption('#new-src-type', 'court');
    await page.fill('#new-src-excerpt', 'sentenced to twelve years of imprisonment');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/claims/${claimId}/sources`) && r.status() === 201), page.click('#source-add button[type=submit]')]);
    await page.locator('#sources-title', { hasText: 'Sources (1)' }).waitFor();
    expect(await page.locator('.source-list a', { hasText: 'Khujand city court ruling' }).count()).toBe(1);

    await page.check('#verdict-form input[value="true"]');
    await page.fill('#vf-summary', 'The court record shows a 12-year sentence.');
    await page.fill('#vf-explanation', 'The ruling of the Khujand court is public.');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/claims/${claimId}/verdicts`) && r.status() === 201), page.click('#verdict-form button[type=submit]')]);
    await page.locator('#verdict .verdict-summary', { hasText: '12-year sentence' }).waitFor();

    await page.fill('#ff-reason', 'Ready to publish');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/claims/${claimId}/flag`) && r.status() === 200), page.click('#flag-form button[type=submit]')]);
    await page.locator('.claim-facts .badge.st-flagged').waitFor();
    // The history timeline tells who did what.
    const history = await page.locator('#history .timeline').textContent();
    expect(history).toContain('Chris Checker');
    expect(history).toContain('added a source');
    expect(history).toContain('proposed a verdict');
    expect(history).toContain('flagged it to the editors');
  });

  it('lets an editor publish it from the queue, after which readers can see it', async () => {
    const { page } = editor;
    await page.goto('/app/queue');
    const item = page.locator(`#q-${claimId}`);
    await item.waitFor();
    expect(await item.textContent()).toContain('Khujand city court ruling');
    expect(await item.locator('.badge.rating').first().textContent()).toBe('True');
    expect(await item.textContent()).toContain('first public verdict');
    await screenshot(page, 'queue');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/claims/${claimId}/publish`) && r.status() === 200), item.locator('button[data-decide="publish"]').click()]);
    await item.locator('.notice', { hasText: 'Published' }).waitFor();

    const claim = await apiCall(page, 'GET', `/claims/${claimId}`);
    expect(claim.body).toMatchObject({ status: 'published', public: true });
    expect(claim.body.publishedVerdict.rating).toBe('true');

    // The public fact-check page, as an anonymous reader.
    const { context: anon, page: reader } = await newPage();
    const pub = await reader.goto(`/claims/${claimId}`);
    expect(pub?.status()).toBe(200);
    expect(await reader.locator('body').textContent()).toContain('12 years in prison');
    expect(await reader.locator('body').textContent()).toContain('The court record shows a 12-year sentence.');
    await anon.close();
  });

  it('shows the published claim in its verdict colour in the article view', async () => {
    const { page } = checker;
    await page.goto(`/app/articles/${selectedArticle.id}`);
    const mark = page.locator(`mark[data-claims~="${claimId}"]`);
    expect(await mark.getAttribute('class')).toContain('r-true');
    expect(await mark.getAttribute('class')).toContain('hl-published');
    await screenshot(page, 'article-view');
  });
});
