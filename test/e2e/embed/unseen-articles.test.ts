/**
 * The whole reader path on articles that are not the seed: an editor creates the article
 * (the extractor proposes its claims), every proposal is published through the API, and a
 * publisher page with its own markup — words wrapped in links and emphasis, typographic
 * quotes and dashes, no-break spaces, indentation runs, a teaser repeating the headline —
 * loads the embed from the Worker's origin. Every published claim must be highlighted.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, browser } from '../browser';
import { closeAll, publisherServer, publishFixtureArticle, signIn, type Api } from './support';

const ARTICLES = ['municipal-budget', 'election-results', 'uk-crown-court'];

let api: Api;
let pub: Awaited<ReturnType<typeof publisherServer>>;
const contexts: BrowserContext[] = [];

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Publisher markup for plain text, made mechanically (so nothing is tuned to a claim):
 * paragraphs, every 5th word emphasised and every 11th a link (splitting quotes across
 * elements), straight quotes curled, spaced hyphens as en dashes, a no-break space after
 * each number, and newlines with indentation between words.
 */
function publisherMarkup(title: string, text: string, script: string): string {
  const paragraphs = text.split(/\n+/).map((para) => {
    let n = 0;
    const words = para
      .replace(/"([^"]*)"/g, '\u201c$1\u201d')
      .replace(/'/g, '\u2019')
      .replace(/ - /g, ' \u2013 ')
      .split(' ')
      .map((word) => {
        n++;
        const w = escapeHtml(word);
        if (n % 11 === 0) return `<a href="/tag/${n}">${w}</a>`;
        if (n % 5 === 0) return `<em>${w}</em>`;
        return w;
      });
    // Words joined by a newline plus indentation every 4th gap, a no-break space after digits.
    const html = words.map((w, i) => (i === 0 ? w : (/\d$/.test(words[i - 1]) ? '&nbsp;' : i % 4 === 0 ? '\n        ' : ' ') + w)).join('');
    return `      <p>\n        ${html}\n      </p>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a></nav>
  <aside><h2>Most read</h2><p>${escapeHtml(title)}</p></aside>
  <main><article>
    <h1>${escapeHtml(title)}</h1>
${paragraphs.join('\n')}
  </article></main>
  ${script}
</body></html>`;
}

beforeAll(async () => {
  api = await signIn(baseURL());
  pub = await publisherServer();
}, 60_000);

afterAll(() => closeAll(contexts, pub));

describe('the reader path on articles the project was not built around', () => {
  it.each(ARTICLES)('%s: every published claim is highlighted on a publisher page', async (name) => {
    const { title, article, claims } = await publishFixtureArticle(api, name, { site: 'https://news.example', publisher: 'Example Gazette', rating: 'half-true' });
    expect(claims.length).toBeGreaterThanOrEqual(10);

    const script = `<script src="${baseURL()}/embed.js" data-article="${article.slug}" async></script>`;
    pub.pages.set(`/${name}`, { body: publisherMarkup(title, article.text, script) });

    const context = await (await browser()).newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.addInitScript(() => {
      document.addEventListener('factmark:ready', (e) => ((window as any).__ready = (e as CustomEvent).detail));
    });
    await page.goto(`${pub.origin}/${name}`);
    await page.waitForFunction(() => (window as any).__ready, null, { timeout: 15_000 });
    const ready = await page.evaluate(() => (window as any).__ready);
    expect(ready).toEqual({ anchored: claims.length, unanchored: 0 });

    // Each highlight covers its own quote (compared without whitespace and typography).
    const fold = (s: string) => s.replace(/[\s\u00a0]+/g, '').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-');
    const covered: Record<string, string> = await page.evaluate(() => {
      const out: Record<string, string> = {};
      for (const m of document.querySelectorAll('factmark-mark')) {
        const id = m.getAttribute('data-claim') ?? '';
        out[id] = (out[id] ?? '') + m.textContent;
      }
      return out;
    });
    for (const c of claims) {
      const key = Object.keys(covered).find((k) => k.endsWith(`/${c.id}`));
      expect(key, c.quote).toBeDefined();
      expect(fold(covered[key!]), c.quote).toBe(fold(c.quote));
    }
    // Nothing was drawn outside the article (the teaser repeats the headline).
    expect(await page.locator('aside factmark-mark, nav factmark-mark').count()).toBe(0);
  }, 120_000);
});
