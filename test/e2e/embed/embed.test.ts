/**
 * The reader embed against the real Worker: the seed article's claims are published through
 * the API, then publisher pages on another 127.0.0.1 origin load
 * <script src="WORKER/embed.js" data-article=...> and must highlight every published claim.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, browser, screenshot, tabToHighlight } from '../browser';
import { hostPage, type HostPage } from '../../fixtures/embed/fixtures';
import { fillPlaceholders } from '../../fixtures/embed/serve';
import { closeAll, claimsOf, publisherServer, publishClaim, SEED_SLUG, SEED_URL, signIn, type Api } from './support';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/embed');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const RATINGS = ['true', 'mostly-true', 'half-true', 'misleading', 'mostly-false', 'false', 'unverifiable'];
/** Claim 2's summary: markup that must show as text in the popover. */
const HOSTILE_SUMMARY = '<script>window.__pwned = 1</script><b>Bold?</b> The court gave 12 years.';

let api: Api;
let worker: string;
let pub: Awaited<ReturnType<typeof publisherServer>>;
let published: { id: string; quote: string }[];
const contexts: BrowserContext[] = [];

/** Fills a host page for the Worker's origin and the seed article. */
function page(name: HostPage, slug = SEED_SLUG) {
  return fillPlaceholders(hostPage(name), { embedSrc: `${worker}/embed.js`, embedOrigin: worker, slug });
}

interface Ready {
  anchored: number;
  unanchored: number;
  error?: string;
}

/** Opens `url` in a fresh context and waits for factmark:ready. */
async function open(url: string, viewport = { width: 1000, height: 800 }): Promise<{ page: Page; ready: Ready; console: string[]; errors: string[] }> {
  const context = await (await browser()).newContext({ viewport });
  contexts.push(context);
  const p = await context.newPage();
  const consoleLines: string[] = [];
  const errors: string[] = [];
  p.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  p.on('pageerror', (e) => errors.push(e.message));
  await p.addInitScript(() => {
    document.addEventListener('factmark:ready', (e) => {
      ((window as any).__ready ??= []).push((e as CustomEvent).detail);
    });
  });
  await p.goto(url);
  await p.waitForFunction(() => (window as any).__ready?.length > 0, null, { timeout: 15_000 });
  return { page: p, ready: await p.evaluate(() => (window as any).__ready[0]), console: consoleLines, errors };
}

/** The distinct claims highlighted on the page (annotation ids). */
const highlighted = (p: Page) => p.evaluate(() => [...new Set([...document.querySelectorAll('factmark-mark')].map((m) => m.getAttribute('data-claim')))]);

beforeAll(async () => {
  worker = baseURL();
  api = await signIn(worker);
  const claims = await claimsOf(api, SEED_SLUG);
  expect(claims.length).toBe(31);
  published = [];
  for (const [i, c] of claims.entries()) {
    const summary = i === 1 ? HOSTILE_SUMMARY : `Checked: “${c.quote}” is rated ${RATINGS[i % RATINGS.length]}.`;
    await publishClaim(api, c, { rating: RATINGS[i % RATINGS.length], summary, explanation: 'Compared with the court records.' }, [{ url: `https://records.example/case/${i + 1}`, title: `Case file ${i + 1}`, publisher: 'Khujand Regional Court' }]);
    published.push({ id: `${worker}/annotations/${SEED_SLUG}/${c.id}`, quote: c.quote });
  }
  pub = await publisherServer();
}, 120_000);

afterAll(() => closeAll(contexts, pub));

describe('embed.js on a publisher page, from the Worker’s origin', () => {
  it('highlights every published claim of the seed article', async () => {
    pub.pages.set('/seed', { body: page('seed-article.html') });
    const { page: p, ready, errors } = await open(`${pub.origin}/seed`);
    expect(ready).toEqual({ anchored: 31, unanchored: 0 });
    expect((await highlighted(p)).sort()).toEqual(published.map((c) => c.id).sort());
    expect(await p.locator('factmark-mark[role=button][tabindex="0"]').count()).toBe(31);
    expect(errors).toEqual([]);
    await screenshot(p, 'embed-publisher-seed');
  });

  it('opens a popover by keyboard and closes it with Escape, focus returning to the highlight', async () => {
    pub.pages.set('/keys', { body: page('seed-article.html') });
    const { page: p } = await open(`${pub.origin}/keys`);
    const claim = await tabToHighlight(p, 30);
    await p.keyboard.press('Enter');
    const dialog = p.locator('factmark-popover [role=dialog]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const text = await dialog.textContent();
    expect(text).toContain('True'); // the first claim's rating
    expect(text).toContain('Case file 1 — Khujand Regional Court');
    const links = await dialog.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toContain(claim!.replace(`/annotations/${SEED_SLUG}/`, '/claims/'));
    await screenshot(p, 'embed-popover-open');
    await p.keyboard.press('Escape');
    await expect.poll(() => p.locator('factmark-popover [role=dialog]').isVisible().catch(() => false)).toBe(false);
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-claim'))).toBe(claim);
  });

  it('anchors every claim where links, emphasis, typographic quotes and extra whitespace split the text', async () => {
    pub.pages.set('/split', { body: page('split-markup.html') });
    const { page: p, ready } = await open(`${pub.origin}/split`);
    expect(ready).toEqual({ anchored: 31, unanchored: 0 });
    expect((await highlighted(p)).length).toBe(31);
  });

  it('still works on a hostile page: CSS reset on every element, CSP allowing only the Worker', async () => {
    const csp = `default-src 'none'; script-src ${worker}; connect-src ${worker}; style-src 'self'; img-src 'self'`;
    pub.pages.set('/hostile.css', { body: fixture('hostile.css'), type: 'text/css' });
    pub.pages.set('/hostile.html', { body: page('hostile.html'), headers: { 'content-security-policy': csp } });
    const { page: p, ready, console: lines } = await open(`${pub.origin}/hostile.html`);
    expect(ready).toEqual({ anchored: 31, unanchored: 0 });
    expect(lines.filter((l) => /Content Security Policy|Refused/i.test(l))).toEqual([]);
    const mark = p.locator('factmark-mark[role=button]').first();
    expect(await mark.evaluate((m) => getComputedStyle(m).display)).toBe('inline');
    await mark.focus();
    await expect.poll(() => p.locator('factmark-popover [role=dialog]').isVisible()).toBe(true);
    await screenshot(p, 'embed-hostile');
  });

  it('shows a summary containing <script> as text, and never runs it', async () => {
    pub.pages.set('/xss', { body: page('seed-article.html') });
    const { page: p } = await open(`${pub.origin}/xss`);
    const second = published[1].id;
    await p.locator(`factmark-mark[data-claim="${second}"][role=button]`).click();
    const dialog = p.locator('factmark-popover [role=dialog]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain(HOSTILE_SUMMARY);
    expect(await dialog.locator('script, b').count()).toBe(0);
    expect(await p.evaluate(() => (window as any).__pwned)).toBeUndefined();
  });

  it('finds the article by the page’s canonical URL when the tag has no data-article', async () => {
    const html = page('seed-article.html')
      .replace(/<link rel="canonical" href="[^"]*">/, `<link rel="canonical" href="${SEED_URL}">`)
      .replace(/ data-article="[^"]*"/, '');
    pub.pages.set('/canonical', { body: html });
    const { page: p, ready } = await open(`${pub.origin}/canonical`);
    expect(ready).toEqual({ anchored: 31, unanchored: 0 });
    expect((await highlighted(p)).length).toBe(31);
  });
});

describe('the Worker’s own pages', () => {
  it('the article page carries the embed and highlights every published claim', async () => {
    const { page: p, ready, errors, console: lines } = await open(`${worker}/articles/${SEED_SLUG}`, { width: 390, height: 844 });
    expect(ready).toEqual({ anchored: 31, unanchored: 0 });
    expect(errors).toEqual([]);
    expect(lines.filter((l) => /Content Security Policy|Refused/i.test(l))).toEqual([]);
    await screenshot(p, 'article-page-phone');
  });

  it('a fact-check page reads well on a phone and links back to the article', async () => {
    const claims = await claimsOf(api, SEED_SLUG);
    const context = await (await browser()).newContext({ viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const p = await context.newPage();
    const res = await p.goto(`${worker}/claims/${claims[2].id}`);
    expect(res?.status()).toBe(200);
    expect(await p.locator('h1').textContent()).toBeTruthy();
    expect(await p.locator('mark.claim').textContent()).toBe(claims[2].quote);
    // Nothing overflows the phone's width.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(p, 'claim-page-phone');
  });
});
