/**
 * The public feed's edge cache: responses kept in the Workers Cache API (`caches.default`)
 * under their canonical URL, and dropped when what they show changes (a claim published or
 * unpublished, the article's metadata edited, the article deleted).
 *
 * The Cache API is per data centre: a purge here drops the copies of the data centre that
 * ran the write. Elsewhere a copy lives at most `max-age` (60 s), and may be served once more
 * while it revalidates (`stale-while-revalidate`, another 60 s): two minutes bound how stale
 * a reader far away, or a browser's cache, can be after a withdrawal (docs/public-outputs.md,
 * "Caching").
 */
import type { Db } from '../db';
import { ANNO_MEDIA_TYPE, feedKeysOf, pageCount, PAGE_SIZE } from './public-feed';

/** For every public output that a publication or withdrawal changes: feeds and pages. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=60';
/**
 * Response header telling where the feed came from: the edge cache (`hit`), the page kept in
 * D1 since the last change (`stored`, src/services/feed-pages.ts), or built from D1 (`miss`).
 */
export const CACHE_STATUS_HEADER = 'X-Factmark-Cache';

/**
 * How long after answering a feed document its copies are written (the edge cache, the
 * stored page). Begun at once, the write of a large document competes with sending it:
 * under Miniflare, putting a 120 KB page into the edge cache while answering it added about
 * 12 ms (of 20) to the answer; begun a moment later it costs nothing, and until it lands a
 * read in this data centre costs one stored-page read (BENCHMARKS.md, "Public feed").
 */
export const WRITE_BEHIND_MS = 50;

/** caches.default where the runtime has it (workerd), else null (plain Node). */
export function edgeCache(): Cache | null {
  const c = (globalThis as { caches?: CacheStorage & { default?: Cache } }).caches;
  return c?.default ?? null;
}

/** A strong ETag: the first 16 bytes of the body's SHA-256, base64url. */
export async function strongEtag(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
  let bin = '';
  for (const b of digest.subarray(0, 16)) bin += String.fromCharCode(b);
  return `"${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}"`;
}

/** Whether an If-None-Match header names this ETag (or is `*`). */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}

/** The canonical URL of an article's feed collection (`page` null) or of one of its pages: its edge cache key. */
export function feedPageUrl(origin: string, slug: string, page: number | null): string {
  const base = `${origin}/annotations/${encodeURIComponent(slug)}`;
  return page === null ? base : `${base}?page=${page}`;
}

/** The cache URLs of one article's feed: the collection, its pages and its annotations. */
export function feedCacheUrls(origin: string, slug: string, pages: number, claimIds: Iterable<string>): string[] {
  const base = feedPageUrl(origin, slug, null);
  const urls = [base];
  for (let n = 1; n <= pages; n++) urls.push(feedPageUrl(origin, slug, n));
  for (const id of claimIds) urls.push(`${base}/${encodeURIComponent(id)}`);
  return urls;
}

export interface PurgeInput {
  /** The article's id or slug as it is now (after the write), if it still exists. */
  article?: string;
  /** Slugs the article had (before a rename or a delete). */
  slugs?: string[];
  /** Claims whose single-annotation documents must go (published or unpublished just now). */
  claimIds?: string[];
}

/**
 * Drops every cached feed document of an article on this origin. Call it after the write
 * has committed. Pages up to one past today's last are dropped, so a page that an
 * unpublish just emptied goes too.
 *
 * @example await purgeArticleFeeds(db, 'https://factmark.example', { article: claim.articleId, claimIds: [claim.id] })
 */
export async function purgeArticleFeeds(db: Db, origin: string, input: PurgeInput): Promise<number> {
  const cache = edgeCache();
  if (!cache) return 0;
  const slugs = new Set(input.slugs ?? []);
  const claimIds = new Set(input.claimIds ?? []);
  let pages = 1;
  if (input.article) {
    const keys = await feedKeysOf(db, input.article);
    if (keys) {
      slugs.add(keys.slug);
      keys.claimIds.forEach((id) => claimIds.add(id));
      pages = pageCount(keys.claimIds.length + PAGE_SIZE);
    }
  }
  const urls = [...slugs].flatMap((slug) => feedCacheUrls(origin, slug, pages, claimIds));
  const dropped = await Promise.all(urls.map((u) => cache.delete(u)));
  return dropped.filter(Boolean).length;
}

/** Purges, logging instead of failing: the write it follows has already committed. */
export async function purgeQuietly(db: Db, origin: string, input: PurgeInput): Promise<void> {
  try {
    await purgeArticleFeeds(db, origin, input);
  } catch (error) {
    // Copies expire after max-age (60 s) anyway.
    console.warn(JSON.stringify({ level: 'warn', message: 'feed cache purge failed', error: String(error) }));
  }
}

/** Headers every public feed response carries, cached or not (public data, any origin may read). */
export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': `ETag, Link, ${CACHE_STATUS_HEADER}`,
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** What a cached public document is and says besides its body: its media type, and headers such as `Link`. */
export interface FeedKind {
  mediaType: string;
  headers?: Record<string, string>;
}

export const ANNOTATION_FEED: FeedKind = { mediaType: ANNO_MEDIA_TYPE };

export type FeedSource = 'hit' | 'stored' | 'miss';

export function feedHeaders(etag: string, cache: FeedSource, kind: FeedKind = ANNOTATION_FEED): Headers {
  return new Headers({ 'Content-Type': kind.mediaType, ETag: etag, 'Cache-Control': PUBLIC_CACHE_CONTROL, [CACHE_STATUS_HEADER]: cache, ...CORS_HEADERS, ...kind.headers });
}

/** The kind of a document stored by `storeFeed`, read back from the cached response. */
export function feedKindOf(stored: Response): FeedKind {
  const link = stored.headers.get('Link');
  return { mediaType: stored.headers.get('Content-Type') ?? ANNO_MEDIA_TYPE, ...(link ? { headers: { Link: link } } : {}) };
}

/** Puts a feed document into the cache under its canonical URL. */
export async function storeFeed(cache: Cache, key: string, body: string, etag?: string, kind?: FeedKind): Promise<void> {
  const stored = feedHeaders(etag ?? (await strongEtag(body)), 'miss', kind);
  stored.delete(CACHE_STATUS_HEADER);
  await cache.put(key, new Response(body, { headers: stored }));
}
