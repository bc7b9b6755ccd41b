/**
 * The dashboard in Chromium against the real Worker: it renders, axe finds nothing serious,
 * it works from the keyboard, and each chart's CSV holds exactly its table's rows.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../csv-reader';
import { csvUnneutralise } from '../../../src/services/export-writers';
import { screenshot } from '../browser';
import { apiCall, createArticle, createClaim, pageAs, seriousViolations, unique } from './helpers';
import { startPublisher, type Publisher } from '../../fixtures/publisher/server';
import { wordpress } from '../../fixtures/publisher/pages';
import { FERRY } from '../../fixtures/publisher/stories';

const TEXT = 'The court sentenced him to 12 years in prison. He was fined 80,000 somoni. About 250 people protested outside the court.';

let editor: { context: BrowserContext; page: Page };
let publisher: Publisher;

/** Verdict, flag and publish through the API as the page's user. */
async function publish(page: Page, claim: { id: string; version: number }, rating: string) {
  let version = claim.version;
  for (const [path, body] of [['verdicts', { rating, summary: `Rated ${rating}.` }], ['flag', { reason: 'Ready' }], ['publish', {}]] as const) {
    const res = await apiCall(page, 'POST', `/claims/${claim.id}/${path}`, { ...body, version });
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    version = res.body.version ?? res.body.claimVersion;
  }
}

beforeAll(async () => {
  editor = await pageAs('editor@factmark.local', { bypassCSP: true });
  const article = await createArticle(editor.page, { text: TEXT, title: `Dashboard test ${unique()}` });
  for (const [quote, kind, value, rating] of [
    ['12 years', 'sentence', 'P12Y', 'true'],
    ['80,000 somoni', 'money', { amount: 80000, currency: 'TJS' }, 'false'],
    ['About 250', 'count', 250, 'half-true'],
  ] as const) {
    await publish(editor.page, await createClaim(editor.page, article.id, quote, kind, value), rating);
  }
  // An imported page whose checked figure the publisher then corrects: the refresh finds the change.
  publisher = await startPublisher();
  const path = `/dashboard/ferry-${unique()}`;
  // Its own canonical address: the living e2e test imports this story too, into the same app.
  const canonical = `https://northsound.example${path}`;
  publisher.pages.set(path, { body: wordpress(FERRY, { canonical }) });
  const imported = await apiCall(editor.page, 'POST', '/articles/import', { url: `${publisher.origin}${path}` });
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  const claims = (await apiCall(editor.page, 'GET', `/claims?article=${encodeURIComponent(imported.body.id)}&limit=200`)).body.items as { id: string; quote: string; version: number }[];
  await publish(editor.page, claims.find((c) => c.quote.includes('240,000'))!, 'true');
  publisher.pages.set(path, { body: wordpress({ ...FERRY, paragraphs: FERRY.paragraphs.map((p, i) => (i === 0 ? p.replace('240,000 kroner', '260,000 kroner') : p)) }, { canonical }) });
  const refreshed = await apiCall(editor.page, 'POST', `/articles/${imported.body.id}/refresh`);
  expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
}, 120_000);

afterAll(async () => {
  await editor?.context.close();
  await publisher?.close();
});

describe('the dashboard page', () => {
  it('renders every chart with its summary, table and CSV link, and finds nothing serious with axe', async () => {
    const { page } = editor;
    const res = await page.goto('/app/dashboard');
    expect(res?.status()).toBe(200);
    const titles = await page.locator('figure.chart h2').allTextContents();
    expect(titles).toEqual(['Claims by status', 'Time from flag to publish', 'Verdicts of the checks published', 'Checks published per person per week', 'The figures that come back most often', 'Articles whose text changed under a published check', 'Reader reach per day', 'Reader reach per article']);
    for (const id of ['status', 'turnaround', 'verdicts', 'people', 'text-changes']) {
      const svg = page.locator(`#${id} svg.chart-svg`);
      expect(await svg.getAttribute('role')).toBe('img');
      expect(await svg.getAttribute('aria-labelledby')).toBe(`${id}-title ${id}-summary`);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard');
  });

  it('is usable from the keyboard: the filter, then each chart’s table and CSV link', async () => {
    const { page } = editor;
    await page.goto('/app/dashboard');
    const order: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        return a.id || a.textContent?.trim().slice(0, 40) || a.localName;
      }));
    }
    const at = (what: string) => order.findIndex((o) => o.startsWith(what));
    expect(at('dash-from')).toBeGreaterThan(0);
    expect(at('dash-to')).toBeGreaterThan(at('dash-from'));
    expect(at('dash-publisher')).toBeGreaterThan(at('dash-to'));
    expect(at('Data as a table')).toBeGreaterThan(at('dash-publisher'));
    expect(at('Download CSV')).toBeGreaterThan(at('Data as a table'));
    // Enter on a disclosure opens the chart's table.
    await page.focus('#status summary');
    await page.keyboard.press('Enter');
    expect(await page.locator('#status table').isVisible()).toBe(true);
    // The filter submits from the keyboard and keeps the period in the address.
    await page.fill('#dash-from', '2026-01-07');
    await page.focus('#dash-to');
    await page.keyboard.press('Enter');
    await page.waitForURL(/from=2026-01-07/);
    expect(await page.inputValue('#dash-from')).toBe('2026-01-05'); // whole weeks
  });

  it('downloads, for each chart, a CSV holding exactly the rows of its table', async () => {
    const { page } = editor;
    await page.goto('/app/dashboard');
    const ids = await page.locator('figure.chart table[data-chart]').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-chart')!));
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const id of ids) {
      const table = await page.locator(`table[data-chart="${id}"]`).evaluate((t) => [...t.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
      const link = page.locator(`#${id} .chart-csv a`);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const bytes = Buffer.from(await new Response((await download.createReadStream()) as unknown as ReadableStream).arrayBuffer());
      const text = bytes.toString('utf8');
      expect(download.suggestedFilename()).toMatch(new RegExp(`^factmark-${id}-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      expect(bytes.subarray(0, 3).toString('hex'), id).toBe('efbbbf'); // the exports' writer: a byte-order mark, every cell quoted
      expect(parseCsv(text).map((row) => row.map(csvUnneutralise)), id).toEqual(table);
    }
  });
});
