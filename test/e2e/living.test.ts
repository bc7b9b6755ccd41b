/**
 * The living article end to end, against the app as `npm start` runs it (ENVIRONMENT
 * development: outbound fetches may reach loopback) and a publisher on another 127.0.0.1
 * port: every fixture page imported by URL has every claim anchored by the embed on that
 * page; then a page changes, the schedule runs (wrangler's scheduled endpoint, with a time a
 * month ahead), the editor sees the alert in the queue, and readers see the notice.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PAGES, wordpress } from '../fixtures/publisher/pages';
import { FERRY } from '../fixtures/publisher/stories';
import { startPublisher, type Publisher } from '../fixtures/publisher/server';
import { baseURL, browser, screenshot, signIn as signInPage } from './browser';
import { claimsOf, publishClaim, signIn, type Api } from './embed/support';

let api: Api;
let publisher: Publisher;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  api = await signIn(baseURL());
  publisher = await startPublisher();
}, 60_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await publisher?.close();
});

/** The page as served, with the embed tag before </body>. */
function withEmbed(html: string | Uint8Array, slug: string): string {
  const text = typeof html === 'string' ? html : new TextDecoder('windows-1252').decode(html);
  return text.replace(/<\/body>/i, `<script async src="${baseURL()}/embed.js" data-article="${slug}"></script></body>`);
}

async function openPage(path: string): Promise<{ page: Page; ready: { anchored: number; unanchored: number } }> {
  const context = await (await browser()).newContext();
  contexts.push(context);
  // Only this machine: the AMP page names a CDN.
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.addInitScript(() => document.addEventListener('factmark:ready', (e) => ((window as unknown as { __ready: unknown }).__ready = (e as CustomEvent).detail)));
  await page.goto(`${publisher.origin}${path}`);
  await page.waitForFunction(() => (window as unknown as { __ready?: unknown }).__ready, null, { timeout: 20_000 });
  return { page, ready: await page.evaluate(() => (window as unknown as { __ready: { anchored: number; unanchored: number } }).__ready) };
}

describe('import by URL, then the embed on the same page', () => {
  for (const [name, fixture] of Object.entries(FIXTURE_PAGES).filter(([, f]) => f.imports)) {
    it(`${name}: every imported claim is anchored`, async () => {
      const path = `/e2e/${name}-${Date.now()}`;
      publisher.pages.set(path, { body: typeof fixture.body() === 'string' ? (fixture.body() as string) : new TextDecoder('windows-1252').decode(fixture.body() as Uint8Array) });
      const imported = await api.call('/api/v1/articles/import', { method: 'POST', body: { url: `${publisher.origin}${path}` } });
      expect(imported.status, imported.text).toBe(201);
      const claims = await claimsOf(api, imported.json.id);
      expect(claims.length).toBeGreaterThan(3);
      for (const c of claims) await publishClaim(api, c, { rating: 'mostly-true', summary: `Checked: ${c.quote}.` });
      publisher.pages.set(path, { body: withEmbed(fixture.body(), imported.json.slug) });
      const { ready } = await openPage(path);
      expect(ready).toEqual({ anchored: claims.length, unanchored: 0 });
    }, 120_000);
  }
});

describe('a page that changes under a published check', () => {
  it('import → publish → the figure is corrected → the scheduled run → the editor is alerted → readers are told', async () => {
    const path = `/e2e/ferry-${Date.now()}`;
    const canonical = `https://northsound.example${path}`;
    publisher.pages.set(path, { body: wordpress(FERRY, { canonical }) });
    const imported = await api.call('/api/v1/articles/import', { method: 'POST', body: { url: `${publisher.origin}${path}` } });
    expect(imported.status, imported.text).toBe(201);
    const fine = (await claimsOf(api, imported.json.id)).find((c) => c.quote.includes('240,000'));
    expect(fine).toBeDefined();
    await publishClaim(api, fine!, { rating: 'true', summary: 'The board’s decision says 240,000 kroner.' });

    // The publisher corrects the figure.
    const corrected = { ...FERRY, paragraphs: FERRY.paragraphs.map((p, i) => (i === 0 ? p.replace('240,000 kroner', '260,000 kroner') : p)) };
    publisher.pages.set(path, { body: withEmbed(wordpress(corrected, { canonical }), imported.json.slug) });

    // The Cron Trigger, as wrangler dev runs it (miniflare's scheduled endpoint, which takes the time), a month ahead (the story is from 2024: it is
    // looked at monthly). A run fetches at most 5 pages and the other tests' articles are due
    // too: it runs until this one has its second revision.
    for (let runs = 0; runs < 5; runs++) {
      const run = await fetch(`${baseURL()}/cdn-cgi/local/scheduled?cron=*/15+*+*+*+*&format=json&time=${Date.now() + 31 * 86_400_000}`);
      expect(run.status).toBe(200);
      if ((await api.call(`/api/v1/articles/${imported.json.id}/revisions`)).json.items.length === 2) break;
    }
    expect((await api.call(`/api/v1/articles/${imported.json.id}/revisions`)).json.items[0]).toMatchObject({ number: 2, trigger: 'schedule' });

    // The editor sees the alert in the queue.
    const context = await (await browser()).newContext({ baseURL: baseURL() });
    contexts.push(context);
    const editorPage = await context.newPage();
    await signInPage(editorPage, 'editor@factmark.local');
    await editorPage.goto('/app/queue');
    const item = editorPage.locator(`#q-${fine!.id}`);
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('.flag-reason').textContent()).toContain('now reads \u201c260,000 kroner\u201d');
    expect(await item.locator('.badge.text-changed').textContent()).toContain('text changed');
    await screenshot(editorPage, 'living-queue-alert');
    // The revisions page shows the word diff around the claim.
    await editorPage.goto(`/app/articles/${imported.json.id}/revisions`);
    expect(await editorPage.locator('.revision-diff del').first().textContent()).toContain('240,000');
    expect(await editorPage.locator('.revision-diff ins').first().textContent()).toContain('260,000');
    await screenshot(editorPage, 'living-revisions');
    // The inbox says what the page did: the Cron Trigger's writes notify too (issue 11). The
    // editor who published the check is told as text_changed; the automatic flag comes too.
    await editorPage.goto('/app/notifications');
    const told = editorPage.locator(`.note-item[data-kind="text_changed"]:has(a[href="/app/claims/${fine!.id}"])`);
    await expect.poll(() => told.count()).toBe(1);
    expect(await told.textContent()).toContain('The article\u2019s page changed the words under');
    expect(await told.locator('.note-excerpt').textContent()).toContain('now reads \u201c260,000 kroner\u201d');
    const flagged = editorPage.locator('.note-item[data-kind="flagged"]', { hasText: 'now reads \u201c260,000 kroner\u201d' });
    expect(await flagged.first().textContent()).toContain('The article\u2019s page flagged to you');
    await screenshot(editorPage, 'living-inbox');
    // My work lists it until an editor deals with it.
    await editorPage.goto('/app/work');
    expect(await editorPage.locator(`#work-text-changed .work-item[data-claim-id="${fine!.id}"] .note-text`).textContent()).toContain('260,000 kroner');
    await screenshot(editorPage, 'living-my-work');

    // Readers: the public page says so, and the embed still highlights the claim, on its new words.
    const pub = await (await fetch(`${baseURL()}/claims/${fine!.id}`)).text();
    expect(pub).toContain('The article has changed since this check');
    const { page, ready } = await openPage(path);
    expect(ready.anchored).toBeGreaterThanOrEqual(1);
    const mark = page.locator(`factmark-mark[data-claim$="/${fine!.id}"]`).first();
    expect(await mark.textContent()).toContain('260,000');
    await mark.click();
    await expect.poll(() => page.locator('factmark-popover').evaluate((h) => h.shadowRoot?.textContent ?? '')).toContain('The article has changed since this check');
    await screenshot(page, 'living-embed-notice');
  }, 120_000);
});
