import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { claims, verdicts } from '../../schema/tables';
import { createDb } from '../../src/db';
import { newId } from '../../src/domain/ids';
import { claimReviewProblems } from '../../src/services/public-claim-review';
import { anonymous, call, createArticle, createClaim, editorForFile, ORIGIN } from './helpers';

const { editor, publish, step } = editorForFile();
const FEED = '/feeds/claimreview.json';

function jsonLd(html: string): any[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
}

const RATINGS = ['true', 'mostly-true', 'half-true', 'misleading', 'mostly-false', 'false', 'unverifiable'];

describe('the ClaimReview data feed', () => {
  it('is a DataFeed of every published check of the seed article, each item the very ClaimReview of its page, passing the rules', async () => {
    await env.DB.batch(env.TEST_SEED.map((s) => env.DB.prepare(s)));
    const { items } = (await editor.call('/api/v1/claims?limit=100&order=position&article=freekhayrullo-and-the-art-of-changing-tajikistans-mind')).json;
    expect(items).toHaveLength(31);
    for (const [i, c] of items.entries()) await publish(c, { rating: RATINGS[i % RATINGS.length], summary: `Checked against the court record (${i}).` });

    const res = await call(FEED);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/ld+json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const feed = res.json;
    expect(feed).toMatchObject({ '@context': 'https://schema.org', '@type': 'DataFeed', url: `${ORIGIN}${FEED}`, publisher: { '@type': 'Organization', name: 'Factmark' } });
    expect(feed.dataFeedElement).toHaveLength(31);
    for (const element of feed.dataFeedElement) {
      expect(element['@type']).toBe('DataFeedItem');
      expect(element.item).toHaveLength(1);
      const review = element.item[0];
      expect(claimReviewProblems(review, review.url), review.url).toEqual([]);
      expect(element.url).toBe(review.url);
      // The same object the public page carries, byte for byte once parsed.
      const page = jsonLd((await call(new URL(review.url).pathname)).text);
      expect(review).toEqual(page[0]);
    }
    // Newest publication first.
    const dates = feed.dataFeedElement.map((e: any) => e.dateCreated);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(feed.dateModified).toBe(dates[0]);
  }, 60_000);

  it('answers from the edge cache with a strong ETag, and 304 to If-None-Match', async () => {
    const first = await call(FEED);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await call(FEED);
    expect(again.headers.get('x-factmark-cache')).toBe('hit');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toContain('max-age=60');
    expect(again.headers.get('content-type')).toBe('application/ld+json');
    expect(again.headers.get('link')).toBe(first.headers.get('link'));
    const notModified = await call(FEED, { headers: { 'If-None-Match': etag } });
    expect(notModified.status).toBe(304);
  });

  it('changes when a check is published or withdrawn', async () => {
    const before = await call(FEED);
    const article = await createArticle(editor, { url: 'https://news.example/feed-change' });
    const published = await publish(await createClaim(editor, article.id), { rating: 'false', summary: 'The fine was $8,000.' });
    const after = await call(FEED);
    expect(after.headers.get('x-factmark-cache')).toBe('miss');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(after.json.dataFeedElement[0].url).toBe(`${ORIGIN}/claims/${published.id}`);

    await step(published, 'unpublish', { note: 'Withdrawn for a correction.' });
    const withdrawn = await call(FEED);
    expect(withdrawn.headers.get('x-factmark-cache')).toBe('miss');
    expect(withdrawn.json.dataFeedElement.map((e: any) => e.url)).not.toContain(`${ORIGIN}/claims/${published.id}`);
  });

  it('pages by 100, linking the pages, and answers 404 past the last and 422 to a malformed page', async () => {
    const total = (await call(FEED)).json.dataFeedElement.length;
    const text = Array.from({ length: 80 }, (_, i) => `Item ${i} cost ${i + 1},000 dollars.`).join(' ');
    const article = await createArticle(editor, { url: 'https://news.example/many', text });
    // Published straight in D1 (80 rounds of the workflow through the API would be slow), then one
    // publication through the API, whose purge the feed must follow.
    const db = createDb(env.DB);
    const statements = Array.from({ length: 80 }, (_, i) => {
      const id = newId('clm');
      const verdictId = newId('vrd');
      const quote = `Item ${i} cost`;
      const start = text.indexOf(quote);
      return [
        db.insert(claims).values({ id, articleId: article.id, quote, start, end: start + quote.length, kind: 'count', value: i, status: 'published', publishedVerdictId: verdictId, publishedAt: new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString() }),
        db.insert(verdicts).values({ id: verdictId, claimId: id, rating: 'true', summary: `Item ${i} checked.` }),
      ];
    }).flat();
    await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
    await publish(await createClaim(editor, (await createArticle(editor, { url: 'https://news.example/one-more' })).id), { rating: 'false', summary: 'One more.' });
    const first = await call(FEED);
    expect(first.json.dataFeedElement).toHaveLength(100);
    expect(first.headers.get('link')).toContain(`<${ORIGIN}${FEED}?page=2>; rel="next"`);
    const second = await anonymous.call(`${FEED}?page=2`);
    expect(second.status).toBe(200);
    expect(second.json.dataFeedElement).toHaveLength(total + 81 - 100);
    expect(second.headers.get('link')).toContain(`<${ORIGIN}${FEED}>; rel="prev"`);
    const ids = new Set([...first.json.dataFeedElement, ...second.json.dataFeedElement].map((e: any) => e.url));
    expect(ids.size).toBe(total + 81);
    expect((await call(`${FEED}?page=3`)).status).toBe(404);
    expect((await call(`${FEED}?page=x`)).status).toBe(422);
  });
});
