import { describe, expect, it } from 'vitest';
import { anonymous, call, createArticle, createClaim, ORIGIN, publishWith, signedIn, type ClaimRef, editorForFile } from './helpers';

const MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

const { editor, step, publish } = editorForFile();
type Claim = ClaimRef;

/** An article with a unique slug and text made of `n` numbered sentences. */
async function articleWith(n: number, extra: Record<string, unknown> = {}) {
  const text = Array.from({ length: n }, (_, i) => `Sentence ${i + 1} says the fine was ${1000 + i} dollars.`).join(' ');
  return createArticle(editor, { text, url: `https://news.example/${crypto.randomUUID()}`, ...extra });
}

/** An article readers can see: one of its claims is published (until then it answers 404). */
async function publicArticle(extra: Record<string, unknown>) {
  const article = await createArticle(editor, extra);
  await publish(await createClaim(editor, article.id), { rating: 'true', summary: 'Checked.' });
  return article;
}

const fineClaim = (article: { id: string }, i: number) =>
  createClaim(editor, article.id, { quote: `${1000 + i} dollars`, kind: 'money', value: { amount: 1000 + i, currency: 'USD' } });

describe('GET /annotations/{slug}', () => {
  it('answers an AnnotationCollection of the published claims only, with the published verdict', async () => {
    const article = await createArticle(editor, { url: 'https://news.example/mayor-1' });
    const published = await createClaim(editor, article.id);
    await publish(published, { rating: 'false', summary: 'The fine was $8,000.' }, { url: 'https://court.example/ruling', title: 'Ruling', publisher: 'Springfield court', type: 'court' });
    await createClaim(editor, article.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y' }); // open: never public
    const res = await call(`/annotations/${article.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(MEDIA_TYPE);
    const col = res.json;
    expect(col).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `${ORIGIN}/annotations/${article.slug}`,
      type: 'AnnotationCollection',
      total: 1,
      last: `${ORIGIN}/annotations/${article.slug}?page=1`,
    });
    expect(col.first.items).toHaveLength(1);
    const a = col.first.items[0];
    expect(a).toMatchObject({ id: `${ORIGIN}/annotations/${article.slug}/${published.id}`, type: 'Annotation', motivation: 'assessing' });
    expect(a.body).toEqual([
      { type: 'TextualBody', purpose: 'assessing', value: 'The fine was $8,000.', format: 'text/plain' },
      { type: 'SpecificResource', purpose: 'classifying', source: `${ORIGIN}/ratings#false`, label: 'False' },
      { type: 'TextualBody', purpose: 'describing', value: 'Claimed: US$80,000', format: 'text/plain' },
      { id: `${ORIGIN}/claims/${published.id}`, type: 'SpecificResource', purpose: 'describing', source: { id: `${ORIGIN}/claims/${published.id}`, type: 'Text', format: 'text/html' } },
      { id: 'https://court.example/ruling', type: 'SpecificResource', purpose: 'linking', label: 'Ruling — Springfield court', source: 'https://court.example/ruling' },
    ]);
    expect(a.stylesheet).toEqual({ type: 'CssStylesheet', value: '.factmark-false{background-color:#f9c0cf;text-decoration:underline 2px #a3123a}' });
    expect(a.target).toEqual({
      source: 'https://news.example/mayor-1',
      styleClass: 'factmark-false',
      selector: [
        { type: 'TextQuoteSelector', exact: '$80,000', prefix: expect.stringContaining('He must pay a fine of '), suffix: expect.stringMatching(/^\. Some 250/) },
        { type: 'TextPositionSelector', start: 101, end: 108 },
      ],
    });
    expect(a.creator).toEqual({ id: `${ORIGIN}/`, type: 'Organization', name: 'Factmark' });
    expect(Date.parse(a.created)).not.toBeNaN();
    expect(Date.parse(a.modified)).not.toBeNaN();
  });

  it('sends CORS, cache and ETag headers, and answers a preflight', async () => {
    const article = await publicArticle({ url: 'https://news.example/mayor-2' });
    const res = await call(`/annotations/${article.slug}`, { headers: { Origin: 'https://publisher.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=60');
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{16,}"$/);
    const pre = await call(`/annotations/${article.slug}`, { method: 'OPTIONS', headers: { Origin: 'https://publisher.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/GET/);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/if-none-match/i);
  });

  it('answers 304 to If-None-Match with the current ETag, and 200 with another', async () => {
    const article = await publicArticle({ url: 'https://news.example/mayor-3' });
    const first = await call(`/annotations/${article.slug}`);
    const etag = first.headers.get('etag')!;
    const again = await call(`/annotations/${article.slug}`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
    const other = await call(`/annotations/${article.slug}`, { headers: { 'If-None-Match': '"something-else"' } });
    expect(other.status).toBe(200);
  });

  it('answers 304 from the edge cache too, and HEAD with headers only', async () => {
    const article = await publicArticle({ url: 'https://news.example/mayor-5' });
    const first = await call(`/annotations/${article.slug}`);
    const etag = first.headers.get('etag')!;
    const cached = await call(`/annotations/${article.slug}`, { headers: { 'If-None-Match': `"other", ${etag}` } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('x-factmark-cache')).toBe('hit');
    expect(cached.headers.get('etag')).toBe(etag);
    const head = await call(`/annotations/${article.slug}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('serves repeated reads from the edge cache', async () => {
    const article = await publicArticle({ url: 'https://news.example/mayor-4' });
    const first = await call(`/annotations/${article.slug}`);
    const second = await call(`/annotations/${article.slug}?utm_source=x`);
    expect(first.headers.get('x-factmark-cache')).toBe('miss');
    expect(second.headers.get('x-factmark-cache')).toBe('hit');
    expect(second.text).toBe(first.text);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  it('shows a publish and an unpublish on the next read although the feed was cached', async () => {
    const article = await articleWith(3, { url: 'https://news.example/cache-drop' });
    const a = await fineClaim(article, 0);
    const b = await fineClaim(article, 1);
    await publish(a, { rating: 'true', summary: 'One.' });
    expect((await call(`/annotations/${article.slug}`)).json.total).toBe(1);
    expect((await call(`/annotations/${article.slug}`)).headers.get('x-factmark-cache')).toBe('hit');
    const single = await call(`/annotations/${article.slug}/${a.id}`);
    expect(single.status).toBe(200);
    const bPublished = await publish(b, { rating: 'half-true', summary: 'Two.' });
    const after = await call(`/annotations/${article.slug}`);
    expect(after.headers.get('x-factmark-cache')).toBe('miss');
    expect(after.json.total).toBe(2);
    await step(bPublished, 'unpublish', { note: 'Withdrawn for review' });
    const withdrawn = await call(`/annotations/${article.slug}`);
    expect(withdrawn.json.total).toBe(1);
    expect(withdrawn.json.first.items.map((i: any) => i.id)).toEqual([`${ORIGIN}/annotations/${article.slug}/${a.id}`]);
    expect((await call(`/annotations/${article.slug}/${b.id}`)).status).toBe(404);
  });

  it('keeps showing the published verdict while a revision waits for the editors', async () => {
    const article = await articleWith(2, { url: 'https://news.example/revision' });
    let c = await publish(await fineClaim(article, 0), { rating: 'false', summary: 'Published verdict.' });
    c = await step(c, 'verdicts', { rating: 'true', summary: 'A newer proposal nobody approved.' });
    c = await step(c, 'sources', { url: 'https://late.example/source', title: 'Added during the revision' });
    await step(c, 'flag', { reason: 'Revision' });
    const col = (await call(`/annotations/${article.slug}`)).json;
    const body = col.first.items[0].body;
    expect(body[0].value).toBe('Published verdict.');
    expect(body[1]).toMatchObject({ source: `${ORIGIN}/ratings#false`, label: 'False' });
    expect(JSON.stringify(col)).not.toContain('newer proposal');
    expect(JSON.stringify(col)).not.toContain('late.example');
    const page = await call(`/claims/${c.id}`);
    expect(page.text).toContain('Published verdict.');
    expect(page.text).not.toContain('newer proposal');
  });

  it('splits large feeds into AnnotationPages linked by first, last, next, prev and partOf', async () => {
    const article = await articleWith(105, { url: 'https://news.example/big' });
    for (let i = 0; i < 102; i++) {
      const c = await fineClaim(article, i);
      await publish(c, { rating: 'true', summary: `Claim ${i}` });
    }
    const base = `${ORIGIN}/annotations/${article.slug}`;
    const col = (await call(`/annotations/${article.slug}`)).json;
    expect(col.total).toBe(102);
    expect(col.first).toMatchObject({ id: `${base}?page=1`, type: 'AnnotationPage', startIndex: 0, next: `${base}?page=2` });
    expect(col.first.items).toHaveLength(100);
    expect(col.last).toBe(`${base}?page=2`);
    const p2 = await call(`/annotations/${article.slug}?page=2`);
    expect(p2.status).toBe(200);
    expect(p2.json).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', id: `${base}?page=2`, type: 'AnnotationPage', startIndex: 100, prev: `${base}?page=1`, partOf: { id: base, total: 102 } });
    expect(p2.json.next).toBeUndefined();
    expect(p2.json.items).toHaveLength(2);
    // Text order: the items follow the claims' positions.
    const starts = [...col.first.items, ...p2.json.items].map((a: any) => a.target.selector[1].start);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    expect((await call(`/annotations/${article.slug}?page=3`)).status).toBe(404);
    expect((await call(`/annotations/${article.slug}?page=0`)).status).toBe(422);
  }, 60_000);

  it('answers 404 problem+json, with CORS, for an unknown slug', async () => {
    const res = await call('/annotations/no-such-article', { headers: { Origin: 'https://publisher.example' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.json).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('anyone may read it without signing in, and writes need no purge permission', async () => {
    const article = await publicArticle({ url: 'https://news.example/anon' });
    expect((await anonymous.call(`/annotations/${article.slug}`)).status).toBe(200);
  });
});

describe('GET /annotations?url=', () => {
  it('finds the article by its canonical URL, ignoring fragment, trailing slash and scheme', async () => {
    const article = await publicArticle({ url: 'https://news.example/2024/03/mayor-sentenced/' });
    for (const url of ['https://news.example/2024/03/mayor-sentenced/', 'https://news.example/2024/03/mayor-sentenced', 'https://news.example/2024/03/mayor-sentenced#comments', 'http://news.example/2024/03/mayor-sentenced/']) {
      const res = await call(`/annotations?url=${encodeURIComponent(url)}`);
      expect(res.status, url).toBe(200);
      expect(res.json.id).toBe(`${ORIGIN}/annotations/${article.slug}`);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('answers 404 for a page that is no article, and 422 without a url', async () => {
    expect((await call(`/annotations?url=${encodeURIComponent('https://elsewhere.example/x')}`)).status).toBe(404);
    expect((await call('/annotations')).status).toBe(422);
  });

  it.each([
    ['https://News.Example.com/mayor-case', 'https://news.example.com/mayor-case'],
    ['https://example.com:443/x', 'https://example.com/x'],
    ['https://example.com/статья-про-суд', 'https://example.com/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F-%D0%BF%D1%80%D0%BE-%D1%81%D1%83%D0%B4'],
    ['https://пример.рф/x', 'https://xn--e1afmkfd.xn--p1ai/x'],
  ])('finds an article stored as %s by the URL a browser reports', async (typed, browser) => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor, { url: typed });
    expect(article.url).toBe(browser);
    await publishWith(editor, await createClaim(editor, article.id), { rating: 'true', summary: 'Right.' });
    for (const asked of [typed, browser]) {
      const res = await call(`/annotations?url=${encodeURIComponent(asked)}`);
      expect(res.status, asked).toBe(200);
      expect(res.json.total).toBe(1);
    }
  });

  it('finds the checked copy when a page was loaded twice', async () => {
    const editor = await signedIn('editor');
    const url = `https://twice.example/${crypto.randomUUID()}`;
    const checked = await createArticle(editor, { url, title: 'First copy' });
    await publishWith(editor, await createClaim(editor, checked.id), { rating: 'true', summary: 'Right.' });
    await createArticle(editor, { url, title: 'Second copy, nothing checked' });
    const res = await call(`/annotations?url=${encodeURIComponent(url)}`);
    expect(res.json.total).toBe(1);
    expect(res.json.id).toContain(checked.slug);
  });
});

describe('GET /annotations/{slug}/{claimId}', () => {
  it('answers one annotation with its @context, and 404 for a claim that is not public or not in the article', async () => {
    const article = await articleWith(2, { url: 'https://news.example/single' });
    const other = await articleWith(2, { url: 'https://news.example/single-other' });
    const pub = await publish(await fineClaim(article, 0), { rating: 'unverifiable', summary: 'No record.' });
    const open = await fineClaim(article, 1);
    const res = await call(`/annotations/${article.slug}/${pub.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(MEDIA_TYPE);
    expect(res.json).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', id: `${ORIGIN}/annotations/${article.slug}/${pub.id}`, type: 'Annotation' });
    expect((await call(`/annotations/${article.slug}/${open.id}`)).status).toBe(404);
    expect((await call(`/annotations/${other.slug}/${pub.id}`)).status).toBe(404);
  });
});

describe('article edits drop the cached feed', () => {
  it('a new canonical URL shows at once; a renamed slug moves the feed; a deleted article is gone', async () => {
    const article = await createArticle(editor, { url: 'https://news.example/before' });
    expect((await call(`/annotations/${article.slug}`)).status).toBe(404); // nothing published yet
    const c = await publish(await createClaim(editor, article.id), { rating: 'true', summary: 'ok' });
    expect((await call(`/annotations/${article.slug}`)).json.id).toBe(`${ORIGIN}/annotations/${article.slug}`);
    expect((await call(`/annotations/${article.slug}`)).json.first.items[0].target.source).toBe('https://news.example/before');
    const patched = await editor.call(`/api/v1/articles/${article.id}`, { method: 'PATCH', body: { url: 'https://news.example/after', version: article.version } });
    expect(patched.status).toBe(200);
    expect((await call(`/annotations/${article.slug}`)).json.first.items[0].target.source).toBe('https://news.example/after');
    expect((await call(`/annotations/${article.slug}/${c.id}`)).json.target.source).toBe('https://news.example/after');
    const renamed = await editor.call(`/api/v1/articles/${article.id}`, { method: 'PATCH', body: { slug: `${article.slug}-renamed`, version: patched.json.version } });
    expect(renamed.status).toBe(200);
    expect((await call(`/annotations/${article.slug}`)).status).toBe(404);
    expect((await call(`/annotations/${article.slug}-renamed`)).status).toBe(200);
    await step(c, 'unpublish', {});
    const del = await editor.call(`/api/v1/articles/${article.id}`, { method: 'DELETE', headers: { 'If-Match': `"${renamed.json.version}"` } });
    expect(del.status).toBe(204);
    expect((await call(`/annotations/${article.slug}-renamed`)).status).toBe(404);
  });
});
