/**
 * The embed's reach beacon against the real Worker: one beacon per page view, sent when the
 * reader leaves, carrying the number of popovers opened; none when the publisher's tag says
 * data-reach="off". Counted by the Worker and read back from the dashboard's CSV.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../csv-reader';
import { baseURL, browser } from '../browser';
import { apiCall, createArticle, createClaim, pageAs, unique } from '../ui/helpers';
import { closeAll, publisherServer } from './support';

const TEXT = 'The court sentenced him to 12 years in prison. He was fined 80,000 somoni. About 250 people protested outside the court.';

let editor: { context: BrowserContext; page: Page };
let article: { id: string; slug: string; title: string };
let pub: Awaited<ReturnType<typeof publisherServer>>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  editor = await pageAs('editor@factmark.local');
  const title = `Reach test ${unique()}`;
  article = { ...(await createArticle(editor.page, { text: TEXT, title })), title };
  for (const [quote, kind, value] of [['12 years', 'sentence', 'P12Y'], ['80,000 somoni', 'money', { amount: 80000, currency: 'TJS' }], ['About 250', 'count', 250]] as const) {
    const claim = await createClaim(editor.page, article.id, quote, kind, value);
    let version = claim.version;
    for (const [path, body] of [['verdicts', { rating: 'true', summary: 'Right.' }], ['flag', { reason: 'Ready' }], ['publish', {}]] as const) {
      const res = await apiCall(editor.page, 'POST', `/claims/${claim.id}/${path}`, { ...body, version });
      expect(res.status).toBeLessThan(300);
      version = res.body.version ?? res.body.claimVersion;
    }
  }
  pub = await publisherServer();
}, 120_000);

afterAll(async () => {
  await editor?.context.close();
  await closeAll(contexts, pub);
});

describe('the reach beacon', () => {
  /** The reach row of our article in the dashboard's CSV: [views, opens]. */
  async function reachOf(): Promise<[number, number]> {
    const res = await editor.page.request.get('/app/dashboard.csv?chart=reach-articles');
    const row = parseCsv(await res.text()).find((r) => r[0] === article.title);
    return row ? [Number(row[1]), Number(row[2])] : [0, 0];
  }

  const publisherPage = (attrs: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${article.title}</title></head><body><main><article><h1>${article.title}</h1><p>${TEXT}</p></article></main>` +
    `<script src="${baseURL()}/embed.js" data-article="${article.slug}" ${attrs} async></script></body></html>`;

  /**
   * Loads a publisher page, opens `opens` different popovers, then leaves; returns the counts
   * seen while the page was still open. The beacon is counted by the Worker (Playwright does
   * not report a beacon sent while a page unloads).
   */
  async function view(path: string, opens: number) {
    const context = await (await browser()).newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.addInitScript(() => document.addEventListener('factmark:ready', () => ((window as any).__ready = true)));
    await page.goto(`${pub.origin}${path}`);
    await page.waitForFunction(() => (window as any).__ready === true, null, { timeout: 15_000 });
    const marks = page.locator('factmark-mark[tabindex="0"]');
    expect(await marks.count()).toBe(3);
    for (let i = 0; i < opens; i++) {
      await marks.nth(i).click();
      await page.locator('factmark-popover [role=dialog]').waitFor();
    }
    const whileReading = await reachOf();
    await page.goto('about:blank'); // leaving: the page is hidden, the beacon goes
    await page.close();
    return whileReading;
  }

  it('sends one beacon per page view, when the reader leaves, with the popovers opened', async () => {
    pub.pages.set('/article-with-reach', { body: publisherPage('') });
    const before = await reachOf();
    expect(await view('/article-with-reach', 2)).toEqual(before); // nothing while reading
    // One view and two popovers: a second beacon would count a second view.
    await expect.poll(reachOf).toEqual([before[0] + 1, before[1] + 2]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await reachOf()).toEqual([before[0] + 1, before[1] + 2]);
    // Another page view is another beacon.
    await view('/article-with-reach', 0);
    await expect.poll(reachOf).toEqual([before[0] + 2, before[1] + 2]);
  });

  it('sends nothing when the publisher switches it off with data-reach="off"', async () => {
    pub.pages.set('/article-without', { body: publisherPage('data-reach="off"') });
    const before = await reachOf();
    await view('/article-without', 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await reachOf()).toEqual(before);
  });
});
