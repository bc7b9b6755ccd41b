/**
 * One set of reading rules, two readers: on every publisher fixture page the importer
 * (HTMLRewriter, in workerd) and the embed (the DOM, in Chromium) must read the same story
 * text from the same root — so the text stored on import is the text the embed anchors in.
 * The pages are served by the fixture publisher on 127.0.0.1; Chromium is kept from every
 * other address.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { foldString } from '../../../src/domain/text-match';
import { legacyStory, mobileStory, syndicatedStory, wordpressPost } from '../../fixtures/embed/cms-pages';
import { hostPage, type HostPage } from '../../fixtures/embed/fixtures';
import { fillPlaceholders } from '../../fixtures/embed/serve';
import { FIXTURE_PAGES } from '../../fixtures/publisher/pages';
import { startPublisher, type Publisher } from '../../fixtures/publisher/server';
import { browser } from '../browser';
import { readWithEmbed, startImporterReader, type ImporterReading } from '../support/readers';

let publisher: Publisher;
let importer: Awaited<ReturnType<typeof startImporterReader>>;
let context: BrowserContext;

beforeAll(async () => {
  publisher = await startPublisher();
  importer = await startImporterReader();
  // bypassCSP: the reader is injected as an inline script (hostile.html allows none).
  context = await (await browser()).newContext({ bypassCSP: true });
  // The AMP page names a CDN script: nothing leaves this machine.
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
});

afterAll(async () => {
  await context?.close();
  await importer?.close();
  await publisher?.close();
});

async function importerReads(name: string, path = `/fixtures/${name}`): Promise<ImporterReading> {
  const url = `${publisher.origin}${path}`;
  const res = await fetch(url);
  const charset = /charset=([\w-]+)/i.exec(res.headers.get('content-type') ?? '')?.[1] ?? null;
  return importer.read(new Uint8Array(await res.arrayBuffer()), url, charset);
}

async function embedReads(name: string, path = `/fixtures/${name}`) {
  const page = await context.newPage();
  await page.goto(`${publisher.origin}${path}`, { waitUntil: 'load' });
  const read = await readWithEmbed(page);
  await page.close();
  return read;
}

describe('the importer and the embed read the same text', () => {
  for (const [name, fixture] of Object.entries(FIXTURE_PAGES)) {
    it(`${name}`, async () => {
      const [imported, embedded] = await Promise.all([importerReads(name), embedReads(name)]);
      expect(imported.root).toBe(embedded.root);
      expect(foldString(imported.text)).toBe(embedded.text);
      if (!fixture.imports) return;
      // And it is the story: every paragraph once, nothing of the chrome around it.
      const text = foldString(imported.text);
      for (const p of fixture.story.paragraphs) {
        const folded = foldString(p);
        expect(text.split(folded).length - 1, `paragraph "${p.slice(0, 40)}…"`).toBe(1);
      }
      for (const chrome of ['Most read', 'Advertisement', 'Print this story', 'Subscribe', 'Privacy choices', 'Weather', 'Loading image', 'Post Comment', 'Type here']) {
        if (name === 'legacy' && chrome === 'Print this story') continue; // a legacy page has no story root to leave it out
        expect(text, chrome).not.toContain(chrome);
      }
    });
  }
});

describe("…and on the embed's own fixture pages", () => {
  // The pages the embed's tests use (test/fixtures/embed), served the same way. Their embed
  // tag points nowhere reachable: only the reading is compared here.
  const text = (name: string) => readFileSync(`test/fixtures/extract/${name}.txt`, 'utf8');
  const tag = '<script async src="http://127.0.0.1:9/embed.js" data-article="x"></script>';
  const fill = (file: HostPage) => fillPlaceholders(hostPage(file), { embedSrc: 'http://127.0.0.1:9/embed.js', embedOrigin: 'http://127.0.0.1:9', slug: 'x' });
  const pages: Record<string, () => string> = {
    'seed-article.html': () => fill('seed-article.html'),
    'split-markup.html': () => fill('split-markup.html'),
    'hostile.html': () => fill('hostile.html'),
    'canonical-only.html': () => fill('canonical-only.html'),
    'cms: wordpress': () => wordpressPost(text('county-overdoses'), tag, { footnoteAfter: ['more than 40,000'], caption: 'Naloxone kits at the health department, which took over the program in 2019.', readMore: 'Marion County recorded 213 overdose deaths', comments: ['187 fatal overdoses in nine months and the board wants to argue over $2.5 million?'] }),
    'cms: legacy': () => legacyStory(text('court-report'), tag, { pullQuote: 'Judge Helen Osei also fined Varga €250,000 and barred him from holding public office for 10 years after his release.', subheads: { 3: 'The bribes' }, teasers: [{ head: 'Varga trial hears from 43 witnesses', text: 'The former mayor, 58, denies taking €1.2 million in bribes.' }] }),
    'cms: mobile': () => mobileStory(text('official-statistics'), tag, { standfirst: 'Joblessness at its lowest since March 2020', caption: 'A job centre in Leeds.', pullQuote: 'Roughly 1.3 million people have been out of work for more than six months', lazyFrom: 6 }),
    'cms: syndicated': () => syndicatedStory(text('wire-court-russia'), tag, { keep: 6, keyPoints: ['Councillor Alexei Gorinov, 60, gets seven years in a penal colony'], next: { title: 'Second councillor added to wanted list', paragraphs: ['MOSCOW, July 9 (Wire) - Police added Elena Kotenochkina to a federal wanted list on Saturday.'] } }),
  };
  for (const [name, html] of Object.entries(pages)) {
    it(name, async () => {
      const path = `/embed-fixture/${encodeURIComponent(name)}`;
      publisher.pages.set(path, { body: html() });
      const [imported, embedded] = await Promise.all([importerReads(name, path), embedReads(name, path)]);
      expect(imported.root).toBe(embedded.root);
      expect(foldString(imported.text)).toBe(embedded.text);
      expect(imported.text.length).toBeGreaterThan(1000);
    });
  }
});

describe('what the importer reads besides the text', () => {
  it('metadata from a Yoast @graph with @id references', async () => {
    const r = await importerReads('wordpress');
    expect(r.metadata).toMatchObject({ title: 'Harbour board fines ferry operator over lifejacket shortfall', publisher: 'The Northsound Chronicle', author: 'Maren Olsvik', publishedAt: '2024-05-14' });
    expect(r.metadata.canonicalUrl).toMatch(/^https:\/\/northsound\.example\/2024\/05\/14\//);
    expect(r.root).toBe('element');
  });

  it('metadata from an Arc-style NewsArticle with an author list', async () => {
    const r = await importerReads('arc');
    expect(r.metadata).toMatchObject({ publisher: 'Coastline Wire', author: 'Amal Haddad', publishedAt: '2024-08-02' });
  });

  it('a legacy windows-1252 page: the charset from <META>, the title without the site, the date from meta name=date', async () => {
    const r = await importerReads('legacy');
    expect(r.root).toBe('page'); // its only <article>s are teasers
    expect(r.text).toContain('It is spending £1.8 million a year');
    expect(r.text).toContain('\u201cWe know every number on that list is a person in pain,\u201d');
    expect(r.metadata).toMatchObject({ title: 'Waiting lists at Brackwell General pass 9,000 for the first time - Brackwell Evening Post', author: 'Owen Pritchard', publishedAt: '2024-02-21' });
  });

  it('JSON-LD variants: a top-level array, an @type list, authors as strings, a broken block ignored', async () => {
    const r = await importerReads('json-ld-variants');
    expect(r.metadata).toMatchObject({ title: 'Former Valdeira mayor jailed for nine years over land deals', publisher: 'Diário do Vale', author: 'Inês Carvalho, Daniel Rocha', publishedAt: '2023-11-08' });
    expect(r.text.startsWith('A court in Valdeira')).toBe(true); // the articleBody, not the headline or the comments
  });

  it('the login wall has a password field and next to no text; the app shell has none', async () => {
    const wall = await importerReads('login-wall');
    expect(wall.hasPasswordField).toBe(true);
    expect(wall.text.length).toBeLessThan(300);
    expect((await importerReads('app-shell')).text).toBe('');
  });
});
