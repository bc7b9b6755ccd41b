/**
 * The real feed, fetched over HTTP from the running Worker, against the W3C Web Annotation
 * test suite (test/support/web-annotation-suite.ts): every assertion of every list, MUSTs
 * required. Runs in Node (the e2e project): ajv compiles with `new Function`, which workerd
 * forbids. test/unit/feed/w3c-conformance.test.ts reports the SHOULDs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ANNO_CONTEXT, LISTS, loadSuite, mustFailures, partOfAsObject } from '../../support/web-annotation-suite';
import { baseURL } from '../browser';
import { claimsOf, publishClaim, signIn, type Api } from './support';

const MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** The MUST failures of `doc` against every list of one kind. */
function suite() {
  const { run } = loadSuite();
  return (lists: readonly string[], doc: unknown): string[] => mustFailures(lists.flatMap((l) => run(l, doc)));
}

const ANNOTATION_MUSTS = LISTS.annotation;
const COLLECTION_MUSTS = LISTS.collection;
const PAGE_MUSTS = LISTS.page;

let check: ReturnType<typeof suite>;
let api: Api;
let worker: string;
let slug: string;

async function getJson(url: string) {
  const res = await fetch(url, { headers: { Accept: 'application/ld+json' } });
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type')).toBe(MEDIA_TYPE);
  return res.json() as Promise<any>;
}

beforeAll(async () => {
  check = suite();
  worker = baseURL();
  api = await signIn(worker);
  // This file's own article: 101 numbered sentences, so the feed has two pages.
  const text = Array.from({ length: 101 }, (_, i) => `Item ${i + 1}: the court fined him ${2000 + i} somoni on “appeal”.`).join('\n\n');
  const created = await api.call('/api/v1/articles', {
    method: 'POST',
    body: { title: 'Schema check — fines', url: `https://schema-check.example/${Date.now()}/fines/`, publisher: 'Schema Check Daily', author: 'A. Writer', publishedAt: '2024-05-01', text, extract: false },
  });
  expect(created.status).toBe(201);
  slug = created.json.slug;
  for (let i = 0; i < 101; i++) {
    const res = await api.call(`/api/v1/articles/${created.json.id}/claims`, { method: 'POST', body: { quote: `${2000 + i} somoni`, kind: 'money', value: { amount: 2000 + i, currency: 'TJS' }, subject: 'fine' } });
    expect(res.status).toBe(201);
  }
  const claims = await claimsOf(api, slug);
  for (const [i, c] of claims.entries()) {
    await publishClaim(api, c, { rating: i % 7 === 6 ? 'unverifiable' : 'mostly-true', summary: `Fine ${i + 1} matches the ruling.` }, i % 3 ? [] : [{ url: `https://court.example/ruling/${i}`, title: `Ruling ${i}`, publisher: 'Court' }]);
  }
}, 180_000);

describe('the feed served over HTTP against the W3C Web Annotation test suite (every list; MUSTs required)', () => {
  it('the validator rejects a broken annotation (so a pass means something)', () => {
    const failures = check(ANNOTATION_MUSTS, { '@context': ANNO_CONTEXT, id: 'not a uri', type: 'Annotation', body: { type: 'TextualBody' } });
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it('the AnnotationCollection meets every collection MUST', async () => {
    const col = await getJson(`${worker}/annotations/${slug}`);
    expect(col.total).toBe(101);
    expect(check(COLLECTION_MUSTS, col)).toEqual([]);
    // The collection with its embedded first page, as the page suite also accepts.
    expect(check(PAGE_MUSTS, { ...col, first: partOfAsObject(col.first) })).toEqual([]);
  });

  it('each AnnotationPage meets every page MUST', async () => {
    const p1 = await getJson(`${worker}/annotations/${slug}?page=1`);
    const p2 = await getJson(`${worker}/annotations/${slug}?page=2`);
    expect(p1.items).toHaveLength(100);
    expect(p2.items).toHaveLength(1);
    expect(check(PAGE_MUSTS, p1)).toEqual([]);
    expect(check(PAGE_MUSTS, p2)).toEqual([]);
  });

  it('every Annotation meets every annotation MUST, embedded or on its own', async () => {
    const col = await getJson(`${worker}/annotations/${slug}`);
    const p2 = await getJson(col.first.next);
    const items = [...col.first.items, ...p2.items];
    expect(items).toHaveLength(101);
    for (const item of items) {
      // Embedded annotations take the page's @context.
      expect(check(ANNOTATION_MUSTS, { '@context': ANNO_CONTEXT, ...item }), item.id).toEqual([]);
    }
    const one = await getJson(items[0].id);
    expect(one['@context']).toBe(ANNO_CONTEXT);
    expect(check(ANNOTATION_MUSTS, one)).toEqual([]);
  });

  it('the suite catches an External Web Resource body with a purpose (the shape we replaced)', () => {
    const ewr = { '@context': ANNO_CONTEXT, id: 'https://f.example/a/1', type: 'Annotation', target: 'https://n.example/', body: [{ id: 'https://court.example/r', type: 'Text', purpose: 'linking' }] };
    expect(check(ANNOTATION_MUSTS, ewr)).toEqual([expect.stringContaining('3.3.5-bodyEWRNoPurpose')]);
  });
});
