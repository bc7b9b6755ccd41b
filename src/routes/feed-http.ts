import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { replicaDb } from '../db';
import { DomainError } from '../domain/errors';
import { waitUntilOf } from '../middleware/after-write';
import { problemResponse } from '../problem';
import { annotationCollection, annotationPage, pageCount, publishedPage, type FeedContext } from '../services/public-feed';
import { CORS_HEADERS, edgeCache, etagMatches, feedHeaders, feedKindOf, storeFeed, strongEtag, type FeedKind } from '../services/public-cache';

/*
 * The HTTP side of the public feed: CORS, ETags, the edge cache (read-through on GET). The
 * documents themselves come from services/public-feed; the purge after writes is an
 * after-write reaction (services/after-write).
 */

export const originOf = (c: Context<AppEnv>) => new URL(c.req.url).origin;

/** A db for public reads (see `replicaDb`): `fresh` for what goes into the edge cache. */
export const publicDb = (c: Context<AppEnv>, fresh: boolean) => replicaDb(c.env.DB, fresh);

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

function notModified(etag: string, cache: 'hit' | 'miss', kind?: FeedKind) {
  const h = feedHeaders(etag, cache, kind);
  h.delete('Content-Type');
  return new Response(null, { status: 304, headers: h });
}

/**
 * Answers a feed document from the edge cache under `key` (its canonical URL), or builds
 * it, stores it and answers it. `build` returns null for "no such thing" (404). `kindOf` gives
 * a document's media type and extra headers (the annotation feed's by default).
 */
export async function serveFeed(c: Context<AppEnv>, key: string, build: () => Promise<unknown | null>, missing: string, kindOf?: (doc: unknown) => FeedKind): Promise<Response> {
  const cache = edgeCache();
  const ifNoneMatch = c.req.header('If-None-Match');
  const hit = cache ? await cache.match(key) : undefined;
  if (hit) {
    const etag = hit.headers.get('ETag') ?? '';
    const kind = feedKindOf(hit);
    if (etagMatches(ifNoneMatch, etag)) {
      await hit.body?.cancel();
      return notModified(etag, 'hit', kind);
    }
    return new Response(hit.body, { status: 200, headers: feedHeaders(etag, 'hit', kind) });
  }
  const doc = await build();
  if (doc === null) return problemResponse(new DomainError('not-found', missing), c);
  const body = JSON.stringify(doc);
  const etag = await strongEtag(body);
  const kind = kindOf?.(doc);
  if (cache) {
    // Stored after the response where the runtime allows. A copy built from a read that
    // raced a write can land after that write's purge: the write's second purge, a moment
    // later, drops it (the purgeFeeds reaction, services/after-write).
    const store = storeFeed(cache, key, body, etag, kind);
    const later = waitUntilOf(c);
    if (later) later(store.catch(() => undefined));
    else await store;
  }
  if (etagMatches(ifNoneMatch, etag)) return notModified(etag, 'miss', kind);
  return new Response(body, { status: 200, headers: feedHeaders(etag, 'miss', kind) });
}

export function parsePage(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  if (!/^[1-9]\d{0,5}$/.test(raw)) {
    throw new DomainError('validation', 'page must be a positive whole number.', { errors: [{ field: 'page', message: 'is not a positive whole number' }] });
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
      const ctx: FeedContext = { host: originOf(c), article: found.article, org: found.org };
      if (n === null) return annotationCollection(ctx, found.items, found.total);
      if (n > pageCount(found.total)) return null;
      return annotationPage(ctx, found.items, n, found.total);
    },
    n === null ? `No article with slug ${slug}.` : `No page ${n} of the annotations of ${slug}.`,
  );
}
