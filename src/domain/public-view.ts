/**
 * Which audited changes alter what readers see (the public feed, the public pages, the
 * ClaimReview data feed): the one list the cache purges, the stored feed pages' stamps and
 * the reactions read (src/services/after-write.ts, src/services/feed-pages.ts).
 */

/**
 * Audit actions that change an article's public view whatever the claim's state: a claim
 * becoming public or private, the article's metadata, the article gone. The edge-cache purge
 * reacts to these (and to any event on a claim that is or was public, by its before/after);
 * the stored pages' stamp counts them too, besides every article-level event and every event
 * on a claim published now or once, or deleted (`feedStamp` in src/services/public-feed.ts).
 */
export const FEED_CHANGES: ReadonlySet<string> = new Set(['claim.publish', 'claim.unpublish', 'article.update', 'article.delete', 'article.revise', 'claim.text-change']);

/**
 * Entity types whose changes show in every article's feed: the settings hold the newsroom's
 * name, each annotation's `creator`.
 */
export const SITE_WIDE_FEED_ENTITIES: readonly string[] = ['settings'];
