import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { DomainError } from '../domain/errors';
import { problemResponse } from '../problem';
import { DATAFEED_MEDIA_TYPE, DATAFEED_PATH, dataFeedDocument, dataFeedPage, dataFeedPageCount, dataFeedUrl } from '../services/claimreview-feed';
import { CACHE_STATUS_HEADER, edgeCache, etagMatches, PUBLIC_CACHE_CONTROL, strongEtag } from '../services/public-cache';
import { originOf, parsePage, publicCors, publicDb } from './feed-http';
import { ORGANISATION } from './public';

/**
 * `/feeds/claimreview.json[?page=N]`: the ClaimReview DataFeed, public, CORS-enabled, in the
 * edge cache under its URL with a strong ETag, and dropped from it when a check is published or
 * withdrawn (`purgeDataFeed`). Pages link to each other with `Link: <…>; rel="next"`.
 */
export const dataFeedRoutes = new Hono<AppEnv>();

dataFeedRoutes.use(DATAFEED_PATH, publicCors());

function headers(etag: string, links: string, cache: 'hit' | 'miss') {
  const h = new Headers({ 'Content-Type': DATAFEED_MEDIA_TYPE, ETag: etag, 'Cache-Control': PUBLIC_CACHE_CONTROL, [CACHE_STATUS_HEADER]: cache });
  if (links) h.set('Link', links);
  return h;
}

dataFeedRoutes.get(DATAFEED_PATH, async (c) => {
  const n = parsePage(c.req.query('page')) ?? 1;
  const host = originOf(c);
  const key = dataFeedUrl(host, n);
  const cache = edgeCache();
  const ifNoneMatch = c.req.header('If-None-Match');
  const hit = cache ? await cache.match(key) : undefined;
  if (hit) {
    const etag = hit.headers.get('ETag') ?? '';
    const h = headers(etag, hit.headers.get('Link') ?? '', 'hit');
    if (etagMatches(ifNoneMatch, etag)) {
      await hit.body?.cancel();
      h.delete('Content-Type');
      return new Response(null, { status: 304, headers: h });
    }
    return new Response(hit.body, { status: 200, headers: h });
  }
  const { rows, total } = await dataFeedPage(publicDb(c, true), n);
  const pages = dataFeedPageCount(total);
  if (n > pages) return problemResponse(new DomainError('not-found', `No page ${n} of the ClaimReview feed (it has ${pages}).`), c);
  const body = JSON.stringify(dataFeedDocument({ host, organisation: ORGANISATION }, rows, n));
  const etag = await strongEtag(body);
  const links = [
    `<${dataFeedUrl(host, 1)}>; rel="first"`,
    ...(n > 1 ? [`<${dataFeedUrl(host, n - 1)}>; rel="prev"`] : []),
    ...(n < pages ? [`<${dataFeedUrl(host, n + 1)}>; rel="next"`] : []),
    `<${dataFeedUrl(host, pages)}>; rel="last"`,
  ].join(', ');
  if (cache) {
    const stored = headers(etag, links, 'miss');
    stored.delete(CACHE_STATUS_HEADER);
    await cache.put(key, new Response(body, { headers: stored }));
  }
  const h = headers(etag, links, 'miss');
  if (etagMatches(ifNoneMatch, etag)) {
    h.delete('Content-Type');
    return new Response(null, { status: 304, headers: h });
  }
  return new Response(body, { status: 200, headers: h });
});
