/**
 * `/feeds/claimreview.json`: every published fact-check as a schema.org `DataFeed`, the format
 * Google's Fact Check tools and Data Commons ingest (`dataFeedElement` of `DataFeedItem`s, each
 * with the `ClaimReview` in `item`). Each ClaimReview is the very object the public page at
 * `/claims/{id}` carries (`claimReview()`), so it passes the same rules.
 */
import { desc, eq, isNotNull, sql } from 'drizzle-orm';
import { articles, claims, verdicts } from '../../schema/tables';
import type { Db } from '../db';
import { edgeCache } from './public-cache';
import { claimReview, type ReviewContext } from './public-claim-review';
import { claimColumns, publicClaimOf, type PublicArticle, type PublicClaim } from './public-feed';

/** ClaimReviews per page of the feed. */
export const DATAFEED_PAGE_SIZE = 100;
export const DATAFEED_PATH = '/feeds/claimreview.json';
export const DATAFEED_MEDIA_TYPE = 'application/ld+json';

/**
 * Code points of article text read on each side of a claim: `claimReviewed` is under 75
 * characters, so its sentence (or the words that fit around the quote) lies well inside.
 */
const TEXT_WINDOW = 400;

const feedColumns = {
  ...claimColumns,
  aId: sql<string>`${articles.id}`.as('a_id'),
  aSlug: articles.slug,
  aUrl: sql<string>`${articles.url}`.as('a_url'),
  aTitle: articles.title,
  aPublisher: articles.publisher,
  aAuthor: articles.author,
  aPublishedAt: sql<string>`${articles.publishedAt}`.as('a_published_at'),
  windowStart: sql<number>`max(0, ${claims.start} - ${TEXT_WINDOW})`.as('window_start'),
  window: sql<string>`substr(${articles.text}, max(0, ${claims.start} - ${TEXT_WINDOW}) + 1, ${claims.end} - ${claims.start} + ${2 * TEXT_WINDOW})`.as('text_window'),
};

type FeedRow = { [K in keyof typeof feedColumns]: unknown } & Record<string, unknown>;

/** The article and claim `claimReview()` takes, with the text cut to the window around the claim. */
function reviewInputs(r: FeedRow): { article: PublicArticle; claim: PublicClaim } {
  const shift = r.windowStart as number;
  const article = {
    id: r.aId, slug: r.aSlug, url: r.aUrl, title: r.aTitle, publisher: r.aPublisher, author: r.aAuthor, publishedAt: r.aPublishedAt, text: r.window,
  } as PublicArticle;
  const whole = publicClaimOf(r);
  const claim: PublicClaim = { ...whole, start: whole.start - shift, end: whole.end - shift };
  return { article, claim };
}

/** Page `n` (1-based) of the published claims, newest publication first, and how many there are. */
export async function dataFeedPage(db: Db, n: number) {
  const [rows, counts] = await db.batch([
    db
      .select(feedColumns)
      .from(claims)
      .innerJoin(verdicts, eq(verdicts.id, claims.publishedVerdictId))
      .innerJoin(articles, eq(articles.id, claims.articleId))
      .where(isNotNull(claims.publishedVerdictId))
      .orderBy(desc(claims.publishedAt), desc(claims.id))
      .limit(DATAFEED_PAGE_SIZE)
      .offset((n - 1) * DATAFEED_PAGE_SIZE),
    db.select({ n: sql<number>`count(*)` }).from(claims).where(isNotNull(claims.publishedVerdictId)),
  ]);
  return { rows: rows as FeedRow[], total: counts[0]?.n ?? 0 };
}

export function dataFeedPageCount(total: number) {
  return Math.max(1, Math.ceil(total / DATAFEED_PAGE_SIZE));
}

export const dataFeedUrl = (host: string, n: number) => `${host}${DATAFEED_PATH}${n > 1 ? `?page=${n}` : ''}`;

/** The DataFeed document of one page. */
export function dataFeedDocument(ctx: ReviewContext, rows: FeedRow[], n: number) {
  const items = rows.map((r) => {
    const { article, claim } = reviewInputs(r);
    const review = claimReview(ctx, article, claim);
    return { '@type': 'DataFeedItem', dateCreated: claim.publishedAt, url: review.url, item: [review] };
  });
  return {
    '@context': 'https://schema.org',
    '@type': 'DataFeed',
    '@id': dataFeedUrl(ctx.host, n),
    name: `${ctx.org.name} fact-checks (ClaimReview)`,
    url: dataFeedUrl(ctx.host, 1),
    ...(items.length ? { dateModified: items[0].dateCreated } : {}),
    publisher: { '@type': 'Organization', name: ctx.org.name, url: ctx.org.url ?? `${ctx.host}/` },
    dataFeedElement: items,
  };
}


/**
 * Drops every cached page of the feed on this origin (one past today's last, so a page that a
 * withdrawal emptied goes too). Call it after a publication or withdrawal has committed.
 */
export async function purgeDataFeed(db: Db, origin: string): Promise<void> {
  const cache = edgeCache();
  if (!cache) return;
  const row = await db.select({ n: sql<number>`count(*)` }).from(claims).where(isNotNull(claims.publishedVerdictId)).get();
  const pages = dataFeedPageCount(row?.n ?? 0) + 1;
  await Promise.all(Array.from({ length: pages }, (_, i) => cache.delete(dataFeedUrl(origin, i + 1))));
}
