import { describe, expect, it } from 'vitest';
import { pageMetadata, partialDate, type RawMetadata } from '../../../src/services/page-metadata';

const raw = (over: Partial<RawMetadata>): RawMetadata => ({ jsonLd: [], meta: [], title: null, canonical: null, lang: null, ...over });
const URL_ = 'https://news.example/2024/05/story?utm_source=x';

describe('page metadata', () => {
  it('prefers JSON-LD, resolving @id references in an @graph', () => {
    const m = pageMetadata(
      raw({
        jsonLd: [JSON.stringify({ '@context': 'https://schema.org', '@graph': [
          { '@type': 'WebPage', '@id': 'p', name: 'Page name' },
          { '@type': 'NewsArticle', headline: 'The headline', datePublished: '2024-05-14T23:30:00-04:00', author: [{ '@id': '#a1' }, { '@id': '#a2' }], publisher: { '@id': '#org' } },
          { '@type': 'Person', '@id': '#a1', name: 'A. One' },
          { '@type': 'Person', '@id': '#a2', name: 'B. Two' },
          { '@type': 'NewsMediaOrganization', '@id': '#org', name: 'The Paper' },
        ] })],
        meta: [['og:title', 'OG title'], ['og:site_name', 'OG Site']],
        title: 'Doc title | OG Site',
      }),
      URL_,
    );
    // The publisher's own local date, not the UTC one (2024-05-15).
    expect(m).toMatchObject({ title: 'The headline', author: 'A. One, B. Two', publisher: 'The Paper', publishedAt: '2024-05-14', from: { title: 'json-ld', author: 'json-ld', publisher: 'json-ld', publishedAt: 'json-ld' } });
  });

  it('falls back to OpenGraph and article:* meta, then <title> without the site name, then the host', () => {
    const og = pageMetadata(raw({ meta: [['og:title', 'OG title'], ['og:site_name', 'Site'], ['article:published_time', '2023-02-01T10:00:00Z'], ['article:author', 'https://news.example/authors/x'], ['author', 'Real Name']] }), URL_);
    expect(og).toMatchObject({ title: 'OG title', publisher: 'Site', publishedAt: '2023-02-01', author: 'Real Name' });
    const bare = pageMetadata(raw({ title: 'Council votes – Valley Gazette', meta: [['og:site_name', 'Valley Gazette']] }), URL_);
    expect(bare.title).toBe('Council votes');
    expect(pageMetadata(raw({}), 'https://www.gazette.example/a').publisher).toBe('gazette.example');
  });

  it('reads JSON-LD as publishers write it: arrays, @type lists, trailing commas, comments', () => {
    const m = pageMetadata(raw({ jsonLd: ['<!-- [{"@type":"BreadcrumbList"},{"@type":["Article","NewsArticle"],"headline":"H","author":["X","Y"],"publisher":"P",}] -->', '{not json'] }), URL_);
    expect(m).toMatchObject({ title: 'H', author: 'X, Y', publisher: 'P' });
  });

  it('takes the canonical link, resolved, else og:url, else the fetched URL', () => {
    expect(pageMetadata(raw({ canonical: '/2024/05/story' }), URL_).canonicalUrl).toBe('https://news.example/2024/05/story');
    expect(pageMetadata(raw({ canonical: 'javascript:alert(1)', meta: [['og:url', 'https://news.example/og']] }), URL_).canonicalUrl).toBe('https://news.example/og');
    expect(pageMetadata(raw({}), URL_).canonicalUrl).toBe(URL_);
  });

  it('says whether JSON-LD calls the article free', () => {
    expect(pageMetadata(raw({ jsonLd: ['{"@type":"NewsArticle","isAccessibleForFree":"False"}'] }), URL_).accessibleForFree).toBe(false);
    expect(pageMetadata(raw({ jsonLd: ['{"@type":"NewsArticle","isAccessibleForFree":true}'] }), URL_).accessibleForFree).toBe(true);
    expect(pageMetadata(raw({}), URL_).accessibleForFree).toBeNull();
  });

  it('partial dates', () => {
    expect(partialDate('2024-05-14T07:30:00+02:00')).toBe('2024-05-14');
    expect(partialDate('2024-05')).toBe('2024-05');
    expect(partialDate('2024')).toBe('2024');
    expect(partialDate('May 14, 2024 12:00 UTC')).toBe('2024-05-14');
    expect(partialDate('20240514')).toBeNull();
    expect(partialDate('soon')).toBeNull();
    // Dates JavaScript parses but an article cannot have (the ISO form would be "+010000-01-01").
    expect(partialDate('January 1, 10000')).toBeNull();
    expect(partialDate('Jan 1 -100')).toBeNull();
  });

  it('keeps headline, publisher and author within the API’s limits, and drops a canonical URL longer than a stored URL may be', () => {
    const long = pageMetadata(raw({ title: `${'word '.repeat(100_000)}end`, meta: [['og:site_name', 'S'.repeat(5000)], ['author', `A${'\u{1F600}'.repeat(300)}`]], canonical: `https://news.example/${'x'.repeat(3000)}` }), URL_);
    expect(long.title!.length).toBeLessThanOrEqual(300);
    expect(long.title).toMatch(/^word word .*word…$/);
    expect(long.publisher!.length).toBeLessThanOrEqual(200);
    expect(long.author!.length).toBeLessThanOrEqual(200);
    expect(long.author).not.toMatch(/[\uD800-\uDBFF]…$/); // never half a character
    expect(long.canonicalUrl).toBe(URL_);
  });
});
