/**
 * The reader path on pages as four kinds of CMS render an article (see
 * test/fixtures/embed/cms-pages.ts): a WordPress post with a drop cap, soft hyphens, <wbr>,
 * footnote markers inside claims, ads, a captioned image, a "Read more" box and comments
 * quoting the figures; a legacy table layout whose only <article>s are teaser cards, with
 * <br> paragraphs, a pull quote repeating the next sentence and narrow no-break spaces as
 * thousands separators; a mobile page with custom elements, non-breaking hyphens, an
 * aria-hidden pull quote and the end of the story added by a paywall script after load;
 * and a syndicated wire story trimmed from the bottom, with a key-points box and the next
 * story appended by infinite scroll. The article is created through the API (the
 * extractor proposes the claims), every claim is published, and every claim on the page
 * must be highlighted in the story — none in the boxes around it.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyStory, mobileStory, syndicatedStory, wordpressPost } from '../../fixtures/embed/cms-pages';
import { baseURL, browser } from '../browser';
import { closeAll, publisherServer, publishFixtureArticle, signIn, type Api } from './support';

let api: Api;
let pub: Awaited<ReturnType<typeof publisherServer>>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  api = await signIn(baseURL());
  pub = await publisherServer();
}, 60_000);

afterAll(() => closeAll(contexts, pub));

/** Creates the article from a text fixture and publishes every claim the extractor proposed. */
async function publishArticle(name: string) {
  const { article, claims } = await publishFixtureArticle(api, name, { site: 'https://cms.example', publisher: 'Example', rating: 'mostly-true' });
  expect(claims.length).toBeGreaterThanOrEqual(10);
  return { slug: article.slug, text: article.text, claims };
}

async function open(path: string, body: string) {
  pub.pages.set(path, { body });
  const context = await (await browser()).newContext();
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    document.addEventListener('factmark:ready', (e) => {
      (window as any).__ready = (e as CustomEvent).detail;
      // For the paywalled page: whether the end of the story was still missing then.
      (window as any).__metered = !!document.getElementById('meter');
    });
  });
  await page.goto(`${pub.origin}${path}`);
  await page.waitForFunction(() => (window as any).__ready, null, { timeout: 15_000 });
  return { page, errors, ready: (await page.evaluate(() => (window as any).__ready)) as { anchored: number; unanchored: number } };
}

/** Text covered by each claim's highlights (footnote markers inside a claim left out). */
const covered = (page: Page): Promise<Record<string, string>> =>
  page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const m of document.querySelectorAll('factmark-mark')) {
      if (m.closest('sup') || m.parentElement?.closest('factmark-mark')) continue;
      const id = m.getAttribute('data-claim') ?? '';
      const clone = m.cloneNode(true) as Element;
      clone.querySelectorAll('sup').forEach((s) => s.remove());
      out[id] = (out[id] ?? '') + clone.textContent;
    }
    return out;
  });

/** Compared without whitespace, typography, soft hyphens or thousands separators. */
const fold = (s: string) =>
  s
    .replace(/[\s\u00a0\u202f\u00ad]+/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/(\d),(?=\d{3})/g, '$1');

async function expectAllHighlighted(page: Page, claims: { id: string; quote: string }[]) {
  const cover = await covered(page);
  for (const c of claims) {
    const key = Object.keys(cover).find((k) => k.endsWith(`/${c.id}`));
    expect(key, `not highlighted: ${c.quote}`).toBeDefined();
    expect(fold(cover[key!]), c.quote).toBe(fold(c.quote));
  }
}

/** The text of the highlights inside `selector` (none expected: the boxes around the story). */
const marksIn = (page: Page, selector: string) => page.evaluate((sel) => [...document.querySelectorAll(`:is(${sel}) factmark-mark`)].map((m) => m.textContent), selector);

describe('publisher pages from four kinds of CMS', () => {
  it('a WordPress post: drop cap, soft hyphens, <wbr>, footnotes inside claims, ads, caption, read-more box, comments', async () => {
    const { slug, claims } = await publishArticle('county-overdoses');
    const script = `<script type="text/javascript" src="${baseURL()}/embed.js?ver=6.4.2" data-article="${slug}" id="factmark-js" async></script>`;
    const html = wordpressPost(readFileSync('test/fixtures/extract/county-overdoses.txt', 'utf8'), script, {
      footnoteAfter: ['more than 40,000', 'an estimated 6 million'],
      caption: 'Naloxone kits at the health department, which took over the program in 2019. It has handed out 40,000 doses.',
      readMore: 'Marion County recorded 213 overdose deaths in the first nine months of 2020',
      comments: [
        '187 fatal overdoses in nine months and the board wants to argue over $2.5 million? Fund it.',
        'The crisis line took about 9,300 calls this year. My son was one of them. Thank you to whoever answered on October 31.',
        'Fentanyl in 141 of 187 cases. Up from 62% in 2020. Ten to 30 years is not enough for the dealers.',
      ],
    });
    const { page, ready, errors } = await open('/2021/11/30/county-overdoses/', html);
    expect(errors).toEqual([]);
    expect(ready).toEqual({ anchored: claims.length, unanchored: 0 });
    await expectAllHighlighted(page, claims);
    expect(await marksIn(page, '#secondary, .comments-area, figcaption, .read-more-box, .post-navigation, .easy-footnotes-wrapper, .entry-meta')).toEqual([]);
  }, 120_000);

  it('a legacy table layout: teaser <article>s only, <br> paragraphs, pull quote before its sentence, U+202F thousands separators', async () => {
    const { slug, claims } = await publishArticle('court-report');
    const script = `<script language="javascript" src="${baseURL()}/embed.js" data-article="${slug}"></script>`;
    const html = legacyStory(readFileSync('test/fixtures/extract/court-report.txt', 'utf8'), script, {
      pullQuote: 'Judge Helen Osei also fined Varga €250,000 and barred him from holding public office for 10 years after his release.',
      subheads: { 3: 'The bribes', 6: 'The trial' },
      teasers: [
        { head: 'Varga trial hears from 43 witnesses', text: 'The former mayor, 58, denies taking €1.2 million in bribes from two construction firms between 2016 and 2019.' },
        { head: 'Bridge contracts under review', text: 'The council will re-examine €48 million of contracts. About 200 people protested on Wednesday.' },
        { head: 'Court of appeal backlog', text: 'Appeals now take 14 months on average, up from nine years ago.' },
      ],
    });
    const { page, ready, errors } = await open('/news/courts/varga-sentenced.asp', html);
    expect(errors).toEqual([]);
    expect(ready).toEqual({ anchored: claims.length, unanchored: 0 });
    await expectAllHighlighted(page, claims);
    expect(await marksIn(page, '.rail, .masthead, .byline')).toEqual([]);
    // A pull quote named as one (class "pullquote", like the mobile page's aria-hidden one) is
    // not story text (src/domain/page-reading.ts): its sentence's claims are drawn in the paragraph.
    expect(await marksIn(page, '.pullquote')).toEqual([]);
  }, 120_000);

  it('a mobile (AMP-style) page: custom elements, non-breaking hyphens, pull quote, the end of the story added after load', async () => {
    const { slug, claims } = await publishArticle('official-statistics');
    const script = `<script async src="${baseURL()}/embed.js" data-article="${slug}"></script>`;
    const html = mobileStory(readFileSync('test/fixtures/extract/official-statistics.txt', 'utf8'), script, {
      standfirst: 'Joblessness at its lowest since March 2020; 210,000 jobs added last month',
      caption: 'A job centre in Leeds. Vacancies reached a record 1.25 million in the three months to January.',
      pullQuote: 'Roughly 1.3 million people have been out of work for more than six months',
      lazyFrom: 6,
    });
    const { page, ready, errors } = await open('/economy/2022/02/unemployment-falls', html);
    expect(errors).toEqual([]);
    // The paywall adds the last paragraphs 1.5 s after load: at factmark:ready their claims
    // (at least "March 15", in the last one) are still missing.
    expect(await page.evaluate(() => (window as any).__metered)).toBe(true);
    expect(ready.unanchored).toBeGreaterThan(0);
    expect(ready.anchored + ready.unanchored).toBe(claims.length);
    // Their claims are highlighted once they arrive.
    await page.waitForFunction(() => !document.getElementById('meter'), null, { timeout: 10_000 });
    await page.waitForFunction((n) => new Set([...document.querySelectorAll('factmark-mark')].map((m) => m.getAttribute('data-claim'))).size >= n, claims.length, { timeout: 5_000 }).catch(() => {});
    await expectAllHighlighted(page, claims);
    expect(await marksIn(page, '.standfirst, .caption, .pull-quote, amp-sidebar, amp-ad, .kicker')).toEqual([]);
  }, 120_000);

  it('a syndicated wire story: trimmed from the bottom, a key-points box, the next story appended by infinite scroll', async () => {
    const { slug, text, claims } = await publishArticle('wire-court-russia');
    // The page drops the story's last two paragraphs: their claims cannot be drawn.
    const cut = text.indexOf('Amnesty International');
    const kept = claims.filter((c) => c.start < cut);
    const trimmed = claims.filter((c) => c.start >= cut);
    expect(trimmed.length).toBeGreaterThan(0);
    const script = `<script src="${baseURL()}/embed.js" data-article="${slug}" defer></script>`;
    const html = syndicatedStory(readFileSync('test/fixtures/extract/wire-court-russia.txt', 'utf8'), script, {
      keep: 6,
      keyPoints: ['Councillor Alexei Gorinov, 60, gets seven years in a penal colony', 'First prison term under the law signed on March 4', 'More than 16,000 people detained at protests since February 24'],
      next: {
        title: 'Second councillor added to wanted list',
        paragraphs: [
          'MOSCOW, July 9 (Wire) - Police added Elena Kotenochkina to a federal wanted list on Saturday. She has lived abroad since 2017, her lawyer said, and will not return next month as planned.',
          'Her hearing in absentia is expected to last just over two hours, the court said. More than 16,000 people have been detained since February 24.',
        ],
      },
    });
    const { page, ready, errors } = await open('/world/2022/07/08/russia-councillor-jailed', html);
    expect(errors).toEqual([]);
    expect(ready).toEqual({ anchored: kept.length, unanchored: trimmed.length });
    await expectAllHighlighted(page, kept);
    // The next story arrives; the trimmed claims' words in it are not taken for them.
    await page.waitForSelector('article.next');
    await page.waitForTimeout(800);
    const drawn = await page.evaluate(() => [...new Set([...document.querySelectorAll('factmark-mark')].map((m) => m.getAttribute('data-claim')))]);
    expect(drawn).toHaveLength(kept.length);
    for (const c of trimmed) expect(drawn.some((d) => d!.endsWith(`/${c.id}`)), c.quote).toBe(false);
    expect(await marksIn(page, '.key-points, .next, .byline, header')).toEqual([]);
  }, 120_000);
});
