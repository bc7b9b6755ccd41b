import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { SCREENSHOT_DIR, screenshot } from '../browser';
import { apiCall, createArticle, createClaim, pageAs, selectText } from './helpers';

const SEED = 'art_demo_freekhayrullo';

/**
 * The seed article view stays light (HTML + CSS + JS under 100 KB), and screenshots of the
 * main pages, desktop and phone, for people to look at.
 */
describe('the reviewer UI pages as a reader of the screen sees them', () => {
  let checker: { context: BrowserContext; page: Page };
  let phone: { context: BrowserContext; page: Page };

  beforeAll(async () => {
    checker = await pageAs('checker@factmark.local', { viewport: { width: 1366, height: 900 } });
    phone = await pageAs('editor@factmark.local', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  });

  afterAll(async () => {
    await checker?.context.close();
    await phone?.context.close();
  });

  it('loads the seed article view in under 100 KB of HTML, CSS and JS', async () => {
    const { page } = checker;
    const sizes: Record<string, number> = {};
    const bodies: Promise<void>[] = [];
    const count = (r: import('playwright-core').Response) => {
      if (['document', 'stylesheet', 'script'].includes(r.request().resourceType())) {
        expect(r.status(), r.url()).toBe(200); // a first visit: nothing cached, nothing redirected
        bodies.push(r.body().then((b) => void (sizes[r.url()] = b.length)));
      }
    };
    page.on('response', count);
    await page.goto(`/app/articles/${SEED}`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.classList.contains('js'));
    page.off('response', count);
    await Promise.all(bodies);
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    console.log(`seed article view: ${(total / 1024).toFixed(1)} KB in ${Object.keys(sizes).length} files`, sizes);
    expect(Object.keys(sizes).length).toBeGreaterThanOrEqual(4);
    expect(total).toBeLessThan(100 * 1024);
    // Every seed claim is highlighted in the text.
    const claims = await apiCall(page, 'GET', `/claims?article=${SEED}&limit=200`);
    const highlighted = await page.evaluate(() => new Set([...document.querySelectorAll<HTMLElement>('mark[data-claims]')].flatMap((m) => (m.dataset.claims ?? '').split(' '))).size);
    expect(highlighted).toBe(claims.body.items.length);
    await screenshot(page, 'seed-article-view');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/seed-article-view-top.png` });
  });

  it('filters the side list by status and kind', async () => {
    const { page } = checker;
    await page.goto(`/app/articles/${SEED}`);
    const all = await page.locator('.claim-item').count();
    await page.selectOption('#filter-kind', 'money');
    const visible = page.locator('.claim-item:not([hidden])');
    const kinds = await visible.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.length).toBeLessThan(all);
    expect(new Set(kinds)).toEqual(new Set(['money']));
    expect(new URL(page.url()).searchParams.get('kind')).toBe('money');
    // The filter survives a reload (it is in the address and applied by the server too).
    await page.reload();
    expect(await page.locator('.claim-item:not([hidden])').count()).toBe(kinds.length);
  });

  it('fits a 390 px phone: article view, claim panel and queue', async () => {
    const { page } = phone;
    const article = await createArticle(page);
    const claim = await createClaim(page, article.id, '12 years in prison', 'sentence', 'P12Y');
    const v = await apiCall(page, 'POST', `/claims/${claim.id}/verdicts`, { rating: 'mostly-false', summary: 'The sentence was 10 years.', version: claim.version });
    await apiCall(page, 'POST', `/claims/${claim.id}/flag`, { reason: 'Revised verdict', version: v.body.claimVersion });
    for (const [name, path] of [
      ['phone-seed-article-view', `/app/articles/${SEED}`],
      ['phone-claim-panel', `/app/claims/${claim.id}`],
      ['phone-queue', '/app/queue'],
    ]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
      await screenshot(page, name);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-top.png` });
    }
  });

  it('moves to the next and previous claim of the article with ] and [', async () => {
    const { page } = checker;
    const claims = (await apiCall(page, 'GET', `/claims?article=${SEED}&order=position&limit=3`)).body.items;
    await page.goto(`/app/claims/${claims[1].id}`);
    await Promise.all([page.waitForURL(`**/app/claims/${claims[2].id}`), page.keyboard.press(']')]);
    await Promise.all([page.waitForURL(`**/app/claims/${claims[1].id}`), page.keyboard.press('[')]);
    expect(await page.locator('.pager a[rel="prev"]').getAttribute('href')).toBe(`/app/claims/${claims[0].id}`);
  });

  it('runs every page without script errors or CSP violations', async () => {
    const admin = await pageAs('admin@factmark.local');
    const problems: string[] = [];
    admin.page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    admin.page.on('pageerror', (e) => problems.push(e.message));
    const claims = (await apiCall(admin.page, 'GET', `/claims?article=${SEED}&order=position&limit=1`)).body.items;
    for (const path of ['/app/articles', `/app/articles/${SEED}`, `/app/claims/${claims[0].id}`, '/app/queue', '/app/admin']) {
      await admin.page.goto(path);
      await admin.page.waitForFunction(() => document.readyState === 'complete');
      if (path.endsWith(SEED)) {
        await selectText(admin.page, '#article-text', 'Khujand');
        await admin.page.locator('#selection-claim').waitFor({ state: 'visible' });
        await admin.page.click('#selection-claim');
        await admin.page.locator('#nc-extractor:not(:empty)').waitFor();
      }
    }
    await admin.context.close();
    expect(problems).toEqual([]);
  });

  it('saves a desktop screenshot of the claim panel', async () => {
    const { page } = checker;
    const claims = await apiCall(page, 'GET', `/claims?article=${SEED}&order=position&limit=1`);
    await page.goto(`/app/claims/${claims.body.items[0].id}`);
    await screenshot(page, 'claim-panel');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/claim-panel-top.png` });
  });
});
