import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { replicaDb } from '../db';
import { DomainError } from '../domain/errors';
import { waitUntilOf } from '../middleware/after-write';
import { problemResponse } from '../problem';
import { COLLECTION, dropStaleFeedPages, rendererOf, renderFeedPage, storedFeedPage, storeFeedPage } from '../services/feed-pages';
import { CORS_HEADERS, WRITE_BEHIND_MS, edgeCache, etagMatches, feedHeaders, feedKindOf, feedPageUrl, storeFeed, strongEtag, type FeedKind, type FeedSource } from '../services/public-cache';

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

function notModified(etag: string, cache: FeedSource, kind?: FeedKind) {
  const h = feedHeaders(etag, cache, kind);
  h.delete('Content-Type');
  return new Response(null, { status: 304, headers: h });
}

/**
 * Runs `work` after the response: WRITE_BEHIND_MS later, under waitUntil, where the runtime
 * has one; else (tests) at once, awaited before the response.
 */
async function afterResponse(c: Context<AppEnv>, work: () => Promise<unknown>): Promise<void> {
  const later = waitUntilOf(c);
  if (later) later(new Promise((r) => setTimeout(r, WRITE_BEHIND_MS)).then(work));
  else await work();
}

/** A document `serveFeed`'s builder already has as text, with its ETag (a stored feed page, or one just rendered). */
export class SerialisedDocument {
  constructor(
    readonly body: string,
    readonly etag: string,
    readonly source: Exclude<FeedSource, 'hit'>,
  ) {}
}

/**
 * Answers a feed document from the edge cache under `key` (its canonical URL), or builds
 * it, stores it and answers it. `build` returns the document, or a `SerialisedDocument`, or
 * null for "no such thing" (404). `kindOf` gives a document's media type and extra headers
 * (the annotation feed's by default).
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
  const ready = doc instanceof SerialisedDocument ? doc : null;
  const body = ready ? ready.body : JSON.stringify(doc);
  const etag = ready ? ready.etag : await strongEtag(body);
  const source = ready ? ready.source : 'miss';
  const kind = ready ? undefined : kindOf?.(doc);
  // A copy built from a read that raced a write can land after that write's purge: the
  // write's second purge, 1.5 s later, drops it (the purgeFeeds reaction, services/after-write).
  if (cache) await afterResponse(c, () => storeFeed(cache, key, body, etag, kind).catch(() => undefined));
  if (etagMatches(ifNoneMatch, etag)) return notModified(etag, source, kind);
  return new Response(body, { status: 200, headers: feedHeaders(etag, source, kind) });
}

export function parsePage(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  if (!/^[1-9]\d{0,5}$/.test(raw)) {
    throw new DomainError('validation', 'page must be a positive whole number.', { errors: [{ field: 'page', message: 'is not a positive whole number' }] });
  }
  return Number(raw);
}

/**
 * The collection (or page `n`) of an article's feed: from the edge cache, else the page kept
 * in D1 if it is current (one read), else rendered from D1 and kept (services/feed-pages).
 */
export function serveCollection(c: Context<AppEnv>, slug: string, n: number | null) {
  const origin = originOf(c);
  return serveFeed(
    c,
    feedPageUrl(origin, slug, n),
    async () => {
      const db = publicDb(c, true);
      const key = { origin, slug, page: n ?? COLLECTION, renderer: rendererOf(c.env) };
      const stored = await storedFeedPage(db, key);
      if (stored) return new SerialisedDocument(stored.body, stored.etag, 'stored');
      const page = await renderFeedPage(db, key);
      const warn = (what: string) => (error: unknown) => console.warn(JSON.stringify({ level: 'warn', message: what, error: String(error) }));
      if (!page) {
        // Nothing readers may see (the article went private, or no such page): the pages kept
        // from before are never served again; out they go, not to hold withdrawn checks.
        await afterResponse(c, () => dropStaleFeedPages(db, slug).catch(warn('stale feed pages not dropped')));
        return null;
      }
      // Kept after the response; a failure only costs the next read a render.
      await afterResponse(c, () => storeFeedPage(db, page).catch(warn('feed page not kept')));
      return new SerialisedDocument(page.body, page.etag, 'miss');
    },
    n === null ? `No article with slug ${slug}.` : `No page ${n} of the annotations of ${slug}.`,
  );
}
