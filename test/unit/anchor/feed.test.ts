import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchClaims, safeHref, toClaim } from '../../../web/embed/feed';
import { feed, seedClaims, seedText } from '../../fixtures/embed/fixtures';

const HOST = 'https://factmark.example';

/** A fetch stub answering from a map of URL → JSON body (404 for the rest). */
function stubFetch(routes: Record<string, unknown>, status: Record<string, number> = {}) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    calls.push(url);
    const code = status[url] ?? (url in routes ? 200 : 404);
    return { status: code, ok: code >= 200 && code < 300, json: async () => routes[url] };
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('toClaim', () => {
  const claims = seedClaims(seedText());
  const a = feed(HOST, 'slug', claims).collection.first.items as Record<string, unknown>[];

  it('reads the quote, context, position, label, colours, figures, credit, summary, page and sources of an annotation', () => {
    expect(toClaim(a[1])).toEqual({
      id: `${HOST}/annotations/slug/c2`,
      target: { exact: '12 years in prison', prefix: claims[1].prefix, suffix: claims[1].suffix, start: claims[1].start, end: claims[1].end },
      label: 'Mostly true',
      // From the stylesheet, in its order: background, then underline (src/domain/ratings.ts).
      colours: ['#e2f3c1', '#4b7a0c'],
      summary: claims[1].summary,
      figures: 'Claimed: 12 years',
      credit: 'Fixture Fact Desk',
      page: `${HOST}/claims/c2`,
      sources: [{ href: 'https://sources.example/doc/2', label: 'Court record 2 — Khujand Regional Court' }],
    });
  });

  it('takes nothing but #hex colours from the stylesheet', () => {
    const target = { selector: { type: 'TextQuoteSelector', exact: 'x' } };
    expect(toClaim({ target, stylesheet: { type: 'CssStylesheet', value: '.a{background:url(javascript:x);color:red}' } })?.colours).toEqual([]);
    expect(toClaim({ target, stylesheet: 'https://evil.example/x.css' })?.colours).toEqual([]);
    expect(toClaim({ target, stylesheet: { value: '.a{background-color:#abc;text-decoration:underline 2px #123456}' } })?.colours).toEqual(['#abc', '#123456']);
  });

  it('skips an annotation without a quote and tolerates missing or odd fields', () => {
    expect(toClaim({ id: 'x', target: { selector: [{ type: 'TextPositionSelector', start: 1, end: 2 }] } })).toBeNull();
    expect(toClaim({ target: { selector: { type: 'TextQuoteSelector', exact: 'x' } }, body: [null, 'text', { purpose: 'classifying' }] })).toMatchObject({
      target: { exact: 'x', prefix: '', suffix: '' },
      label: '',
      colours: [],
      figures: '',
      credit: '',
      sources: [],
    });
  });

  it('ignores a position selector whose offsets are not numbers', () => {
    const c = toClaim({ target: { selector: [{ type: 'TextQuoteSelector', exact: 'x' }, { type: 'TextPositionSelector', start: '3', end: '4' }] } });
    expect(c?.target.start).toBeUndefined();
  });

  it('takes links from a SpecificResource source, or from the body id (the brief\'s first format)', () => {
    const target = { selector: { type: 'TextQuoteSelector', exact: 'x' } };
    const viaSource = toClaim({ target, body: [{ type: 'SpecificResource', purpose: 'linking', label: 'L', source: 'https://s.example/a' }, { type: 'SpecificResource', purpose: 'describing', source: { id: 'https://f.example/claims/1' } }] });
    expect(viaSource).toMatchObject({ sources: [{ href: 'https://s.example/a', label: 'L' }], page: 'https://f.example/claims/1' });
    const viaId = toClaim({ target, body: [{ id: 'https://s.example/b', type: 'Text', purpose: 'linking' }, { id: 'https://f.example/claims/2', type: 'Text', purpose: 'describing' }] });
    expect(viaId).toMatchObject({ sources: [{ href: 'https://s.example/b', label: 'https://s.example/b' }], page: 'https://f.example/claims/2' });
  });

  it('keeps only absolute http(s) links', () => {
    expect(safeHref('https://a.example/x')).toBe('https://a.example/x');
    expect(safeHref('HTTP://a.example')).toBe('HTTP://a.example');
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', '//a.example', '/claims/1', 'https://', 42, null]) expect(safeHref(bad)).toBe('');
    const c = toClaim({ target: { selector: { type: 'TextQuoteSelector', exact: 'x' } }, body: [{ purpose: 'linking', id: 'javascript:alert(1)', label: 'x' }, { purpose: 'describing', id: 'vbscript:x' }] });
    expect(c).toMatchObject({ sources: [], page: '' });
  });
});

describe('fetchClaims', () => {
  const claims = seedClaims(seedText());

  it('follows next pages given by IRI after the embedded first page', async () => {
    const { collection, pages } = feed(HOST, 'slug', claims, 10);
    const calls = stubFetch({ [`${HOST}/annotations/slug`]: collection, ...pages });
    const got = await fetchClaims(`${HOST}/annotations/slug`);
    expect(got?.map((c) => c.target.exact)).toEqual(claims.map((c) => c.quote));
    expect(calls).toEqual([`${HOST}/annotations/slug`, `${HOST}/annotations/slug?page=2`, `${HOST}/annotations/slug?page=3`, `${HOST}/annotations/slug?page=4`]);
  });

  it('fetches `first` when it is an IRI, and stops at a page it has already read', async () => {
    const { pages } = feed(HOST, 'slug', claims.slice(0, 4), 2);
    const p2 = { ...(pages[`${HOST}/annotations/slug?page=2`] as object), next: `${HOST}/annotations/slug?page=1` };
    const calls = stubFetch({ [`${HOST}/annotations/slug`]: { type: 'AnnotationCollection', first: `${HOST}/annotations/slug?page=1` }, ...pages, [`${HOST}/annotations/slug?page=2`]: p2 });
    const got = await fetchClaims(`${HOST}/annotations/slug`);
    expect(got).toHaveLength(4);
    expect(calls).toHaveLength(3);
  });

  it('answers null for 404 and throws for other failures', async () => {
    stubFetch({});
    expect(await fetchClaims(`${HOST}/annotations/none`)).toBeNull();
    stubFetch({}, { [`${HOST}/annotations/broken`]: 503 });
    await expect(fetchClaims(`${HOST}/annotations/broken`)).rejects.toThrow('HTTP 503');
  });

  it('refuses to follow a page on another origin', async () => {
    const calls = stubFetch({ [`${HOST}/annotations/slug`]: { first: 'https://evil.example/page' } });
    await expect(fetchClaims(`${HOST}/annotations/slug`)).rejects.toThrow();
    expect(calls).toEqual([`${HOST}/annotations/slug`]);
  });
});
