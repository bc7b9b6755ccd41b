/**
 * The embed script as a component, in the shared Debian Chromium: fixture pages on one
 * 127.0.0.1 origin, the freshly built script and fixture feeds (edge cases the real feed
 * cannot easily produce: edited quotes, paging, failures) on another. The same script against
 * the real Worker is tested in embed.test.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEmbed } from '../../../scripts/embed-build.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser as sharedBrowser, tabToHighlight } from '../browser';
import { articlePage, feed, hostPage, seedClaims, seedText, type FixtureClaim } from '../../fixtures/embed/fixtures';
import { fillPlaceholders, LD_JSON, startServers } from '../../fixtures/embed/serve';
import { RATINGS } from '../../../src/domain/ratings';
import { fold } from '../../../src/domain/text-match';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(root, 'test/fixtures/embed');
const SLUG = 'freekhayrullo';

type Srv = Awaited<ReturnType<typeof startServers>>;
let browser: Browser;
let srv: Srv;
let claims: FixtureClaim[];
let text: string;

/** The feed routes for `list` on the factmark origin, paged by `perPage`. */
function serveFeed(slug: string, list: FixtureClaim[], perPage = 100) {
  const { collection, pages } = feed(srv.factmark, slug, list, perPage);
  srv.api.set(`/annotations/${slug}`, { type: LD_JSON, body: JSON.stringify(collection) });
  for (const [url, page] of Object.entries(pages)) srv.api.set(new URL(url).pathname + new URL(url).search, { type: LD_JSON, body: JSON.stringify(page) });
}

interface Opened {
  page: Page;
  ready: { anchored: number; unanchored: number; error?: string };
  logs: { type: string; text: string }[];
}

/** Serves `html` at `path` on the publisher origin, opens it and waits for factmark:ready. */
async function open(path: string, html: string, headers: Record<string, string> = {}, viewport = { width: 1000, height: 800 }): Promise<Opened> {
  srv.pages.set(path, { body: fillPlaceholders(html, { embedSrc: `${srv.factmark}/embed.js`, embedOrigin: srv.factmark, slug: SLUG }), headers });
  const page = await browser.newPage({ viewport });
  const logs: Opened['logs'] = [];
  page.on('console', (m) => logs.push({ type: m.type(), text: m.text() }));
  await page.addInitScript(() => {
    document.addEventListener('factmark:ready', (e) => {
      ((window as any).__fmReady ??= []).push((e as CustomEvent).detail);
    });
  });
  await page.goto(srv.publisher + path);
  await page.waitForFunction(() => (window as any).__fmReady?.length > 0, null, { timeout: 10_000 });
  const ready = await page.evaluate(() => (window as any).__fmReady[0]);
  return { page, ready, logs };
}

/** Each claim id → the text its highlight pieces cover, in document order. */
function coveredTexts(page: Page) {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const m of document.querySelectorAll('factmark-mark')) {
      const id = m.getAttribute('data-claim')!;
      let own = '';
      for (const n of m.childNodes) own += n.nodeType === 3 ? n.textContent : (n as Element).localName === 'factmark-mark' ? n.textContent : '';
      out[id] = (out[id] ?? '') + own;
    }
    return out;
  });
}

const f = (s: string) => fold(s).text;
/** The seed article's page, with the embed reading the feed served at /annotations/{slug}. */
const seedPage = (slug: string) => hostPage('seed-article.html').replace('{{SLUG}}', slug);

/** Opens the first highlight's popover, as a reader's click does. */
async function openPopover(page: Page) {
  await page.locator('factmark-mark[role=button]').first().click();
  const dialog = page.locator('factmark-popover [role=dialog]');
  await expect.poll(() => dialog.isVisible()).toBe(true);
  return dialog;
}
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

describe('embed.js in Chromium', () => {
  beforeAll(async () => {
    // EMBED_ENTRY lets a mutated copy of the script be run against these tests (to see them fail).
    // Built exactly as npm run build builds it (property mangling and terser included).
    const embedJs = await buildEmbed(process.env.EMBED_ENTRY ?? join(root, 'web/embed/embed.ts'));
    srv = await startServers();
    srv.pages.set('/favicon.ico', { status: 204, body: '' });
    srv.api.set('/embed.js', { type: 'text/javascript; charset=utf-8', body: embedJs });
    text = seedText();
    claims = seedClaims(text);
    serveFeed(SLUG, claims);
    browser = await sharedBrowser();
  }, 60_000);

  afterAll(async () => {
    // The browser is shared by the whole e2e run (global-setup closes it).
    await srv?.close();
  });

  it('highlights every claim of the seed article, each covering exactly its quote', async () => {
    const { page, ready, logs } = await open('/seed', hostPage('seed-article.html'));
    expect(ready).toEqual({ anchored: 31, unanchored: 0 });
    const covered = await coveredTexts(page);
    for (const c of claims) expect(f(covered[`${srv.factmark}/annotations/${SLUG}/${c.id}`] ?? ''), c.quote).toBe(f(c.quote));
    expect(await page.locator('factmark-mark[role=button][tabindex="0"]').count()).toBe(31);
    // The decoys in the nav and the sidebar ("12 years in prison", "On August 22", "80,000") are not taken.
    expect(await page.locator('nav factmark-mark, aside factmark-mark, header factmark-mark').count()).toBe(0);
    expect(logs.filter((l) => l.type === 'warning' || l.type === 'error' || l.type === 'info')).toEqual([]);
    await page.close();
  });

  it('anchors every claim when markup, nbsp, whitespace runs, straight quotes and en dashes split them', async () => {
    const { page, ready } = await open('/split', hostPage('split-markup.html'));
    expect(ready).toEqual({ anchored: 31, unanchored: 0 });
    const covered = await coveredTexts(page);
    for (const c of claims) expect(f(covered[`${srv.factmark}/annotations/${SLUG}/${c.id}`] ?? '').replace(/–/g, '-'), c.quote).toBe(f(c.quote).replace(/[’]/g, "'"));
    await page.close();
  });

  it('does not change the layout of the article', async () => {
    const html = hostPage('seed-article.html');
    const measure = (p: Page) => p.evaluate(() => [...document.querySelectorAll('article p')].map((e) => `${e.getBoundingClientRect().top}:${e.getBoundingClientRect().height}`));
    const a = await open('/layout', html);
    const plain = await browser.newPage();
    srv.pages.set('/layout-plain', { body: html.replace(/<script[^>]*embed[^>]*><\/script>/, '') });
    await plain.setViewportSize({ width: 1000, height: 800 });
    await plain.goto(srv.publisher + '/layout-plain');
    expect(await measure(a.page)).toEqual(await measure(plain));
    await plain.close();
    await a.page.close();
  });

  it('survives a hostile page: CSS reset on every element and a CSP allowing only the embed origin', async () => {
    srv.pages.set('/hostile.css', { type: 'text/css', body: readFileSync(join(fixtures, 'hostile.css')) });
    const csp = `default-src 'none'; script-src ${srv.factmark}; connect-src ${srv.factmark}; style-src 'self'; img-src 'self'`;
    const { page, ready, logs } = await open('/hostile.html', hostPage('hostile.html'), { 'content-security-policy': csp });
    expect(ready).toEqual({ anchored: 31, unanchored: 0 });
    expect(logs.filter((l) => /Content Security Policy|Refused/i.test(l.text))).toEqual([]);
    const mark = page.locator('factmark-mark[role=button]').first();
    const style = await mark.evaluate((m) => {
      const s = getComputedStyle(m);
      return { display: s.display, bg: s.backgroundColor, padding: s.padding, margin: s.margin, border: s.borderTopWidth };
    });
    expect(style).toEqual({ display: 'inline', bg: rgb(RATINGS.true.bg), padding: '0px', margin: '0px', border: '0px' });
    await mark.focus();
    const dialog = page.locator('factmark-popover').locator('[role=dialog]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('True');
    await page.close();
  });

  it('opens the popover from the keyboard and closes it with Escape, returning focus', async () => {
    const { page } = await open('/keys', hostPage('seed-article.html'));
    // Tab from the top of the page reaches the first highlight after the page's own links.
    const head = await tabToHighlight(page, 20);
    await page.keyboard.press('Enter');
    const dialog = page.locator('factmark-popover [role=dialog]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('factmark-popover');
    const labelled = await dialog.evaluate((d) => d.getRootNode() instanceof ShadowRoot && !!(d.getRootNode() as ShadowRoot).getElementById(d.getAttribute('aria-labelledby')!));
    expect(labelled).toBe(true);
    expect(await page.locator('factmark-mark[aria-expanded=true]').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await page.locator('factmark-popover').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-claim'))).toBe(head);
    expect(await page.locator('factmark-mark[aria-expanded=true]').count()).toBe(0);
    await page.close();
  });

  it('passes axe-core checks on the highlights and the open popover', async () => {
    const { page } = await open('/axe', hostPage('seed-article.html'));
    await page.locator('factmark-mark[role=button]').nth(1).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('factmark-popover [role=dialog]').isVisible()).toBe(true);
    await page.addScriptTag({ path: join(root, 'node_modules/axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as any).axe;
      const res = await axe.run(document, { resultTypes: ['violations'] });
      // Only what the embed adds: highlights and the popover (the fixture page itself is not under test).
      return res.violations
        .map((v: any) => ({ id: v.id, nodes: v.nodes.map((n: any) => n.target.flat().join(' ')).filter((t: string) => /factmark/.test(t)) }))
        .filter((v: any) => v.nodes.length);
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('closes the popover on a click outside and opens it on a tap', async () => {
    const { page } = await open('/tap', hostPage('seed-article.html'), {}, { width: 375, height: 700 });
    await page.locator('factmark-mark[role=button]').nth(3).click();
    await expect.poll(() => page.locator('factmark-popover [role=dialog]').isVisible()).toBe(true);
    const box = await page.locator('factmark-popover').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    await page.mouse.click(5, 5);
    expect(await page.locator('factmark-popover').count()).toBe(0);
    await page.close();
  });

  it('shows feed text as text: script in a summary or label never runs, and only http(s) links are drawn', async () => {
    const evil: FixtureClaim = {
      ...claims[1],
      id: 'evil',
      summary: '<img src=x onerror="window.__pwned=1">Summary with <b>markup</b>',
      sources: [
        { url: 'javascript:window.__pwned=2', title: 'bad link' },
        { url: 'https://good.example/a', title: '<script>window.__pwned=3</script>Good' },
      ],
    };
    serveFeed('evil', [evil]);
    const { page, ready } = await open('/evil', seedPage('evil'));
    expect(ready).toEqual({ anchored: 1, unanchored: 0 });
    const dialog = await openPopover(page);
    expect(await dialog.textContent()).toContain('<img src=x onerror="window.__pwned=1">Summary with <b>markup</b>');
    expect(await dialog.locator('img, b, script').count()).toBe(0);
    const links = await dialog.locator('a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel'), target: a.getAttribute('target') })));
    expect(links).toEqual([
      { href: 'https://good.example/a', rel: 'noopener noreferrer nofollow', target: '_blank' },
      { href: `${srv.factmark}/claims/evil`, rel: 'noopener', target: '_blank' },
    ]);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    await page.close();
  });

  it('shows the figures and the newsroom’s credit line as the feed writes them, and takes only #hex colours from its stylesheet', async () => {
    const withCorrection: FixtureClaim = { ...claims[1], id: 'figures', figures: 'Claimed: 12 years · Actually: 10 years' };
    serveFeed('figures', [withCorrection]);
    const { page, ready } = await open('/figures', seedPage('figures'));
    expect(ready).toEqual({ anchored: 1, unanchored: 0 });
    const dialog = await openPopover(page);
    const text = await dialog.evaluate((d) => [...d.querySelectorAll('p')].map((p) => p.textContent));
    expect(text).toContain('Claimed: 12 years · Actually: 10 years');
    expect(text[text.length - 1]).toBe('Checked by Fixture Fact Desk');
    const bg = await page.locator('factmark-mark[role=button]').first().evaluate((m) => getComputedStyle(m).backgroundColor);
    expect(bg).toBe(rgb(RATINGS[withCorrection.rating as keyof typeof RATINGS].bg));
    await page.close();

    // A stylesheet that tries anything but colours gives the neutral look, nothing of it applied.
    const { collection } = feed(srv.factmark, 'styled', [{ ...claims[1], id: 'styled' }], 100);
    const item = (collection.first as { items: Record<string, unknown>[] }).items[0];
    item.stylesheet = { type: 'CssStylesheet', value: '.x{background:url(https://evil.example/x.png);position:fixed}' };
    srv.api.set('/annotations/styled', { type: LD_JSON, body: JSON.stringify(collection) });
    const styled = await open('/styled', seedPage('styled'));
    const look = await styled.page.locator('factmark-mark[role=button]').first().evaluate((m) => ({ bg: getComputedStyle(m).backgroundColor, image: getComputedStyle(m).backgroundImage, position: getComputedStyle(m).position }));
    expect(look).toEqual({ bg: rgb(RATINGS.unverifiable.bg), image: 'none', position: 'static' });
    await styled.page.close();
  });

  it('reports a feed failure once, with anchored 0 and an error', async () => {
    srv.api.set('/annotations/broken', { status: 500, type: 'text/plain', body: 'boom' });
    const { page, ready, logs } = await open('/broken', seedPage('broken'));
    expect(ready).toMatchObject({ anchored: 0, unanchored: 0 });
    expect(ready.error).toMatch(/500/);
    expect(logs.filter((l) => l.type === 'warning' && l.text.startsWith('Factmark'))).toHaveLength(1);
    expect(await page.locator('factmark-mark').count()).toBe(0);
    await page.close();
  });

  it('says once how many claims it could not place, and draws the rest', async () => {
    const removed = ['100-250 political prisoners', 'some 10,000 prisoners', 'since 1992'];
    let edited = text;
    for (const q of removed) edited = edited.replace(q, 'something else entirely');
    const { page, ready, logs } = await open('/edited', articlePage(edited, { tail: `<script src="{{EMBED_SRC}}" data-article="{{SLUG}}" async></script>` }));
    expect(ready).toEqual({ anchored: 28, unanchored: 3 });
    const notes = logs.filter((l) => l.text.startsWith('Factmark'));
    expect(notes).toHaveLength(1);
    expect(notes[0].text).toContain('3 of 31');
    await page.close();
  });

  it('runs once when the tag appears twice, and leaves no globals behind', async () => {
    const tag = `<script src="{{EMBED_SRC}}" data-article="{{SLUG}}" async></script>`;
    const html = articlePage(text, { tail: tag + tag });
    const { page, ready } = await open('/twice', html);
    expect(ready.anchored).toBe(31);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as any).__fmReady.length)).toBe(1);
    expect(await page.locator('factmark-mark[role=button]').count()).toBe(31);
    const globals = (p: Page) => p.evaluate(() => Object.getOwnPropertyNames(window).filter((k) => k !== '__fmReady').sort());
    const plain = await browser.newPage();
    srv.pages.set('/plain', { body: articlePage(text) });
    await plain.goto(srv.publisher + '/plain');
    expect(await globals(page)).toEqual(await globals(plain));
    await plain.close();
    await page.close();
  });

  it('finds the article by its canonical URL when the tag has no data-article (deferred)', async () => {
    const { collection } = feed(srv.factmark, SLUG, claims);
    srv.api.set('/annotations', (req) => {
      const url = new URL(req.url!, 'http://x').searchParams.get('url');
      return url === 'https://publisher.example/2017/08/freekhayrullo' ? { type: LD_JSON, body: JSON.stringify(collection) } : { status: 404, body: '' };
    });
    const { ready } = await open('/canonical', hostPage('canonical-only.html'));
    expect(ready).toEqual({ anchored: 31, unanchored: 0 });
  });

  it('ignores text in scripts, styles, templates and [hidden] elements inside the article', async () => {
    // Four claims survive, with their full context, only inside elements whose text is not
    // article text; on the visible page their words are gone.
    const moved = ['since 1992', 'some 10,000 prisoners', 'Four-year-old', 'February 2016'].map((q) => claims.find((c) => c.quote === q)!);
    let visible = text; // no astral characters: code points = UTF-16 units
    for (const c of [...moved].sort((x, y) => y.start - x.start)) visible = visible.slice(0, c.start) + 'something else' + visible.slice(c.end);
    const ctx = moved.map((c) => (c.prefix + c.quote + c.suffix).replace(/\n/g, ' '));
    const decoys = `<script>var teaser = ${JSON.stringify(ctx[0])};</script><style>/* ${ctx[1]} */</style><template><p>${ctx[2]}</p></template><div hidden>${ctx[3]}</div>`;
    const html = articlePage(visible, { tail: `<script src="{{EMBED_SRC}}" data-article="{{SLUG}}" async></script>` }).replace('<article>', '<article>' + decoys);
    const { page, ready } = await open('/decoys', html);
    expect(ready).toEqual({ anchored: 27, unanchored: 4 });
    expect(await page.locator('[hidden] factmark-mark').count()).toBe(0);
    await page.close();
  });

  it('follows next pages, and works when inserted after the page has loaded', async () => {
    serveFeed('paged', claims, 7);
    const html = articlePage(text, {
      tail: `<script>addEventListener('load', () => { const s = document.createElement('script'); s.src = '{{EMBED_SRC}}'; s.dataset.article = 'paged'; document.body.append(s); });</script>`,
    });
    const { ready } = await open('/late', html);
    expect(ready).toEqual({ anchored: 31, unanchored: 0 });
  });
});
