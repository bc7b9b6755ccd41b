import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { createDb } from '../db';
import { ApiError } from '../errors';
import { problemResponse } from '../problem';
import { ANNO_MEDIA_TYPE, annotationCollection, annotationPage, feedKeysOf, pageCount, publishedPage, type FeedContext } from '../services/public-feed';
import {
  CACHE_STATUS_HEADER, edgeCache, etagMatches, PUBLIC_CACHE_CONTROL, purgeQuietly, strongEtag, type Deferrer, type PurgeInput,
} from '../services/public-cache';

/*
 * The HTTP side of the public feed: CORS, ETags, the edge cache (read-through on GET,
 * purge and rebuild after writes). The documents themselves come from services/public-feed.
 */

export const originOf = (c: Context<AppEnv>) => new URL(c.req.url).origin;

/**
 * A db for public reads. `fresh` reads start at the primary (what gets stored in the edge
 * cache must not be an older replica's view, or a purge would be undone); the pages may
 * read any replica (D1 read replication through the Sessions API, where the binding has it).
 */
export function publicDb(c: Context<AppEnv>, fresh: boolean) {
  const d1 = c.env.DB as D1Database & { withSession?: D1Database['withSession'] };
  return createDb(typeof d1.withSession === 'function' ? d1.withSession(fresh ? 'first-primary' : 'first-unconstrained') : d1);
}

/**
 * After an API write that changes what an article's feed shows (publish/unpublish, article
 * PATCH/DELETE): drops the cached feed documents at once, then, after the response, builds
 * the collection and its pages again into the cache (readers in this data centre never wait
 * for a rebuild), and a moment later drops and rebuilds them once more, in case a read that
 * began before the write stored its older copy in between.
 */
export async function purgeFeedsAfterWrite(c: Context<AppEnv>, input: PurgeInput): Promise<void> {
  // Tests check the immediate purge; work after the response would outlive their requests.
  const later = deferrer(c);
  const db = createDb(c.env.DB);
  await purgeQuietly(db, originOf(c), input);
  const slug = input.article ? (await feedKeysOf(db, input.article))?.slug : undefined;
  if (later && slug) {
    const refresh = () => refreshArticleFeeds(c, slug).catch(() => undefined);
    later.waitUntil(
      refresh()
        .then(() => new Promise((r) => setTimeout(r, 1500)))
        .then(() => purgeQuietly(db, originOf(c), input))
        .then(refresh),
    );
  }
}

/** Builds an article's collection and every page into the edge cache. */
async function refreshArticleFeeds(c: Context<AppEnv>, slug: string) {
  const cache = edgeCache();
  if (!cache) return;
  const db = publicDb(c, true);
  const base = `${originOf(c)}/annotations/${encodeURIComponent(slug)}`;
  const first = await publishedPage(db, slug, 1);
  if (!first) return;
  const ctx: FeedContext = { host: originOf(c), article: first.article };
  const docs: [string, unknown][] = [
    [base, annotationCollection(ctx, first.items, first.total)],
    [`${base}?page=1`, annotationPage(ctx, first.items, 1, first.total)],
  ];
  for (let n = 2; n <= pageCount(first.total); n++) {
    const page = await publishedPage(db, slug, n);
    if (page) docs.push([`${base}?page=${n}`, annotationPage(ctx, page.items, n, page.total)]);
  }
  await Promise.all(docs.map(([key, doc]) => storeFeed(cache, key, JSON.stringify(doc))));
}

/** Puts a feed document into the cache under its canonical URL. */
async function storeFeed(cache: Cache, key: string, body: string, etag?: string): Promise<void> {
  const stored = feedHeaders(etag ?? (await strongEtag(body)), 'miss');
  stored.delete(CACHE_STATUS_HEADER);
  await cache.put(key, new Response(body, { headers: stored }));
}

/** The context's waitUntil, except in tests (which check the cache right after a request). */
function deferrer(c: Context<AppEnv>): Deferrer | null {
  if (c.env.ENVIRONMENT === 'test') return null;
  try {
    return c.executionCtx;
  } catch {
    return null;
  }
}

const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': `ETag, ${CACHE_STATUS_HEADER}`,
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** Public data is readable from any origin, errors included; preflights are answered here. */
export function publicCors(): MiddlewareHandler<AppEnv> {
  return async function publicCorsMiddleware(c, next) {
    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          ...CORS_HEADERS,
          'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
          'Access-Control-Allow-Headers': c.req.header('Access-Control-Request-Headers') ?? 'Accept, If-None-Match',
          'Access-Control-Max-Age': '86400',
          'Cache-Control': 'public, max-age=86400',
        },
      });
    }
    await next();
    for (const [k, v] of Object.entries(CORS_HEADERS)) c.res.headers.set(k, v);
  };
}

function feedHeaders(etag: string, cache: 'hit' | 'miss'): Headers {
  return new Headers({ 'Content-Type': ANNO_MEDIA_TYPE, ETag: etag, 'Cache-Control': PUBLIC_CACHE_CONTROL, [CACHE_STATUS_HEADER]: cache, ...CORS_HEADERS });
}

function notModified(etag: string, cache: 'hit' | 'miss') {
  const h = feedHeaders(etag, cache);
  h.delete('Content-Type');
  return new Response(null, { status: 304, headers: h });
}

/**
 * Answers a feed document from the edge cache under `key` (its canonical URL), or builds
 * it, stores it and answers it. `build` returns null for "no such thing" (404).
 */
export async function serveFeed(c: Context<AppEnv>, key: string, build: () => Promise<unknown | null>, missing: string): Promise<Response> {
  const cache = edgeCache();
  const ifNoneMatch = c.req.header('If-None-Match');
  const hit = cache ? await cache.match(key) : undefined;
  if (hit) {
    const etag = hit.headers.get('ETag') ?? '';
    if (etagMatches(ifNoneMatch, etag)) {
      await hit.body?.cancel();
      return notModified(etag, 'hit');
    }
    return new Response(hit.body, { status: 200, headers: feedHeaders(etag, 'hit') });
  }
  const doc = await build();
  if (doc === null) return problemResponse(new ApiError(404, 'not-found', missing), c);
  const body = JSON.stringify(doc);
  const etag = await strongEtag(body);
  if (cache) {
    // Stored after the response where the runtime allows. A copy built from a read that
    // raced a write can land after that write's purge: the write's second purge, a moment
    // later, drops it (purgeFeedsAfterWrite).
    const store = storeFeed(cache, key, body, etag);
    const later = deferrer(c);
    if (later) later.waitUntil(store.catch(() => undefined));
    else await store;
  }
  if (etagMatches(ifNoneMatch, etag)) return notModified(etag, 'miss');
  return new Response(body, { status: 200, headers: feedHeaders(etag, 'miss') });
}

export function parsePage(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  if (!/^[1-9]\d{0,5}$/.test(raw)) {
    throw new ApiError(422, 'validation', 'page must be a positive whole number.', { errors: [{ field: 'page', message: 'is not a positive whole number' }] });
  }
  return Number(raw);
}

/** The collection (or page `n`) of an article's feed, through the cache. */
export function serveCollection(c: Context<AppEnv>, slug: string, n: number | null) {
  const base = `${originOf(c)}/annotations/${encodeURIComponent(slug)}`;
  const key = n === null ? base : `${base}?page=${n}`;
  return serveFeed(
    c,
    key,
    async () => {
      const found = await publishedPage(publicDb(c, true), slug, n ?? 1);
      if (!found) return null;
      const ctx: FeedContext = { host: originOf(c), article: found.article };
      if (n === null) return annotationCollection(ctx, found.items, found.total);
      if (n > pageCount(found.total)) return null;
      return annotationPage(ctx, found.items, n, found.total);
    },
    n === null ? `No article with slug ${slug}.` : `No page ${n} of the annotations of ${slug}.`,
  );
}
