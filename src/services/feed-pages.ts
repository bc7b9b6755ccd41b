/**
 * The public feed's pages, rendered once per change and kept in D1 (table `feed_pages`), so
 * that a read the edge cache cannot answer (another data centre, a purge, an expired copy)
 * costs one indexed read of a stored body instead of a page of joins, a hundred annotations
 * built, serialised and hashed (BENCHMARKS.md, "Public feed on a cache miss").
 *
 * Never stale: a stored page carries the stamp of the state it was rendered from (the id of
 * the newest audit event that changed what readers see of the article: `feedStamp` in
 * ./public-feed) and is served only when that stamp is still the current one, computed in the
 * same statement that reads the page. Every audited write commits its event with the change,
 * so a publish, an unpublish, an edit of a published claim, a change of the article's
 * metadata or of the settings makes every page rendered before it unservable in the same
 * transaction; nothing depends on a reaction having run. A page is served only by the
 * deployment that rendered it (`renderer`), so new code never serves an old rendering.
 *
 * Races: a render reads the page and its stamp in one D1 batch (one transaction), and its
 * write is conditional: it replaces a stored page only when its stamp is newer (or, at the
 * same stamp, when another deployment rendered that one). A slow render of an older state
 * never overwrites a newer one, and if it lands first it is never served.
 *
 * Drafts: only what `publishedPage` reads is rendered; an article that is not public renders
 * to nothing and its stored pages are deleted by the next refresh.
 *
 * Who writes: the first read after a change renders and stores (so an empty table fills
 * itself), and the `renderFeedPages` reaction (./after-write) renders an article's pages
 * after a write that changed them, after the response, so readers rarely pay for a render.
 */
import { and, eq, gt, inArray, lt, lte, ne, or, sql } from 'drizzle-orm';
import { articles, feedPages } from '../../schema/tables';
import { replicaDb, type Db } from '../db';
import type { Env } from '../env';
import { annotationCollection, annotationPage, feedContextOf, feedStamp, pageCount, publishedPage } from './public-feed';
import { edgeCache, feedPageUrl, storeFeed, strongEtag } from './public-cache';

/** The page number under which the collection document is kept (feed pages count from 1). */
export const COLLECTION = 0;

/**
 * Packed bodies above this are served but not kept (D1 allows 2,000,000 bytes per row; a page
 * of 100 annotations is ~120 KB of JSON in the benchmark, ~16 KB packed).
 */
export const MAX_STORED_BYTES = 1_500_000;

/** Which page of which article's feed, as seen from which origin, rendered by which deployment. */
export interface FeedPageKey {
  origin: string;
  slug: string;
  /** COLLECTION (0) or a page number from 1. */
  page: number;
  renderer: string;
}

export interface RenderedFeedPage {
  articleId: string;
  origin: string;
  page: number;
  stamp: number;
  renderer: string;
  body: string;
  etag: string;
}

/**
 * This deployment's identity (the Worker version id, from the version metadata binding);
 * `local` where there is none (miniflare without the binding).
 */
export function rendererOf(env: Pick<Env, 'CF_VERSION_METADATA'>): string {
  return env.CF_VERSION_METADATA?.id || 'local';
}

/** The document as kept: gzip, then base64 (an eighth of the text's size to keep and to read back). */
export async function packBody(body: string): Promise<string> {
  const zipped = new Uint8Array(await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
  let bin = '';
  for (let i = 0; i < zipped.length; i += 0x8000) bin += String.fromCharCode(...zipped.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** The document from what `packBody` kept. */
export async function unpackBody(packed: string): Promise<string> {
  const bin = atob(packed);
  const zipped = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) zipped[i] = bin.charCodeAt(i);
  return new Response(new Blob([zipped]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
}

/** The stored page for `key` if it is current (its stamp is the article's stamp now), in one statement; else null. */
export async function storedFeedPage(db: Db, key: FeedPageKey): Promise<{ body: string; etag: string } | null> {
  const row = await storedFeedPageQuery(db, key).get();
  return row ? { body: await unpackBody(row.body), etag: row.etag } : null;
}

/** The statement of `storedFeedPage` (its query plan is tested: indexes only). */
export function storedFeedPageQuery(db: Db, key: FeedPageKey) {
  return db
    .select({ body: feedPages.body, etag: feedPages.etag })
    .from(feedPages)
    .innerJoin(articles, eq(articles.id, feedPages.articleId))
    .where(
      and(
        eq(articles.slug, key.slug),
        eq(feedPages.origin, key.origin),
        eq(feedPages.page, key.page),
        eq(feedPages.renderer, key.renderer),
        eq(feedPages.stamp, feedStamp(sql.raw('"articles"."id"'))),
      ),
    );
}

async function rendered(key: Omit<FeedPageKey, 'slug'>, articleId: string, stamp: number, doc: unknown): Promise<RenderedFeedPage> {
  const body = JSON.stringify(doc);
  return { articleId, origin: key.origin, page: key.page, stamp, renderer: key.renderer, body, etag: await strongEtag(body) };
}

/**
 * Renders one page from D1 (read `db` from the primary: what is stored must not be older
 * than a write that has been answered). Null when readers may not see it: no such public
 * article, or a page past the last.
 */
export async function renderFeedPage(db: Db, key: FeedPageKey): Promise<RenderedFeedPage | null> {
  const n = key.page === COLLECTION ? 1 : key.page;
  const found = await publishedPage(db, key.slug, n);
  if (!found) return null;
  const ctx = feedContextOf(key.origin, found);
  if (key.page === COLLECTION) return rendered(key, found.article.id, found.stamp, annotationCollection(ctx, found.items, found.total));
  if (n > pageCount(found.total)) return null;
  return rendered(key, found.article.id, found.stamp, annotationPage(ctx, found.items, n, found.total));
}

/**
 * Keeps a rendered page unless a page of a newer stamp is already kept. Returns whether it
 * was written.
 */
export async function storeFeedPage(db: Db, page: RenderedFeedPage): Promise<boolean> {
  const body = await packBody(page.body);
  if (body.length > MAX_STORED_BYTES) return false;
  const rows = await db
    .insert(feedPages)
    .values({ articleId: page.articleId, origin: page.origin, page: page.page, stamp: page.stamp, renderer: page.renderer, etag: page.etag, body })
    .onConflictDoUpdate({
      target: [feedPages.articleId, feedPages.origin, feedPages.page],
      set: { stamp: page.stamp, renderer: page.renderer, etag: page.etag, body, renderedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` },
      setWhere: or(lt(feedPages.stamp, page.stamp), and(eq(feedPages.stamp, page.stamp), ne(feedPages.renderer, page.renderer))),
    })
    .returning({ page: feedPages.page });
  return rows.length > 0;
}

/**
 * Renders every page of an article's feed for `origin` and keeps them; then deletes what
 * they replace for good (pages of an older stamp, for any origin, and pages past the last).
 * An article readers may not see loses its stored pages. Returns the rendered pages (to put
 * in the edge cache), the collection first.
 */
export async function refreshFeedPages(db: Db, origin: string, slug: string, renderer: string): Promise<RenderedFeedPage[]> {
  const first = await publishedPage(db, slug, 1);
  if (!first) {
    await db.delete(feedPages).where(eq(feedPages.articleId, sql`(SELECT id FROM articles WHERE slug = ${slug})`));
    return [];
  }
  const ctx = feedContextOf(origin, first);
  const key = { origin, renderer };
  const out = [
    await rendered({ ...key, page: COLLECTION }, first.article.id, first.stamp, annotationCollection(ctx, first.items, first.total)),
    await rendered({ ...key, page: 1 }, first.article.id, first.stamp, annotationPage(ctx, first.items, 1, first.total)),
  ];
  for (let n = 2; n <= pageCount(first.total); n++) {
    const page = await renderFeedPage(db, { ...key, slug, page: n });
    if (page) out.push(page);
  }
  await Promise.all(out.map((p) => storeFeedPage(db, p)));
  // Gone for good: pages of an older state (for any origin), and pages past the last as of this
  // state (a render of a newer state may have kept more pages: those stay).
  const oldest = Math.min(...out.map((p) => p.stamp));
  await db
    .delete(feedPages)
    .where(and(eq(feedPages.articleId, first.article.id), or(lt(feedPages.stamp, oldest), and(gt(feedPages.page, pageCount(first.total)), lte(feedPages.stamp, first.stamp)))));
  return out;
}

/**
 * Renders an article's pages into D1 and into this data centre's edge cache, reading from
 * the primary (what is kept must not be older than the write being answered).
 */
export async function refreshArticleFeeds(env: Pick<Env, 'DB' | 'CF_VERSION_METADATA'>, origin: string, slug: string): Promise<void> {
  const pages = await refreshFeedPages(replicaDb(env.DB, true), origin, slug, rendererOf(env));
  const cache = edgeCache();
  if (!cache) return;
  await Promise.all(pages.map((p) => storeFeed(cache, feedPageUrl(origin, slug, p.page === COLLECTION ? null : p.page), p.body, p.etag)));
}

/**
 * Whether an article has stored pages for `origin` that are behind its current stamp (or
 * another deployment's): what a reaction checks before rendering again.
 */
export async function feedPagesBehind(db: Db, articleId: string, origin: string, renderer: string): Promise<boolean> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(feedPages)
    .where(and(eq(feedPages.articleId, articleId), eq(feedPages.origin, origin), or(ne(feedPages.renderer, renderer), ne(feedPages.stamp, feedStamp(sql`${articleId}`)))))
    .get();
  return (row?.n ?? 0) > 0;
}

/**
 * Drops an article's stored pages that can never be served again (rendered before its
 * current stamp): what a read that found nothing to show calls, so that the pages of an
 * article gone private do not keep its withdrawn checks. Pages of the current state stay.
 */
export async function dropStaleFeedPages(db: Db, slug: string): Promise<void> {
  const article = db.select({ id: articles.id }).from(articles).where(eq(articles.slug, slug));
  // A read first: most such requests (an unknown slug, a page past the last) have nothing to drop.
  if (!(await db.select({ page: feedPages.page }).from(feedPages).where(inArray(feedPages.articleId, article)).limit(1).get())) return;
  await db.delete(feedPages).where(and(inArray(feedPages.articleId, article), lt(feedPages.stamp, feedStamp(sql.raw('"feed_pages"."article_id"')))));
}

/** Drops every stored page rendered before `stamp` (a site-wide change: the settings). */
export async function dropFeedPagesBefore(db: Db, stamp: number): Promise<void> {
  await db.delete(feedPages).where(lt(feedPages.stamp, stamp));
}
