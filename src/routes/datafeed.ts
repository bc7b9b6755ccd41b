import { Hono } from 'hono/tiny';
import type { AppEnv } from '../env';
import { DATAFEED_MEDIA_TYPE, DATAFEED_PATH, dataFeedDocument, dataFeedPage, dataFeedPageCount, dataFeedUrl } from '../services/claimreview-feed';
import { originOf, parsePage, publicCors, publicDb, serveFeed } from './feed-http';
import { publicOrganisation } from '../services/public-feed';

/**
 * `/feeds/claimreview.json[?page=N]`: the ClaimReview DataFeed, public, CORS-enabled, in the
 * edge cache under its URL with a strong ETag (the annotation feed's `serveFeed`), dropped from
 * it when a check is published or withdrawn (the `purgeClaimReviewFeed` reaction). Pages link
 * to each other with `Link: <…>; rel="next"`.
 */
export const dataFeedRoutes = new Hono<AppEnv>();

dataFeedRoutes.use(DATAFEED_PATH, publicCors());

dataFeedRoutes.get(DATAFEED_PATH, (c) => {
  const n = parsePage(c.req.query('page')) ?? 1;
  const host = originOf(c);
  let pages = 1;
  return serveFeed(
    c,
    dataFeedUrl(host, n),
    async () => {
      const db = publicDb(c, true);
      const [{ rows, total }, org] = await Promise.all([dataFeedPage(db, n), publicOrganisation(db)]);
      pages = dataFeedPageCount(total);
      return n > pages ? null : dataFeedDocument({ host, org }, rows, n);
    },
    `No page ${n} of the ClaimReview feed.`,
    () => {
      const link = (page: number, rel: string) => `<${dataFeedUrl(host, page)}>; rel="${rel}"`;
      const links = [link(1, 'first'), ...(n > 1 ? [link(n - 1, 'prev')] : []), ...(n < pages ? [link(n + 1, 'next')] : []), link(pages, 'last')];
      return { mediaType: DATAFEED_MEDIA_TYPE, headers: { Link: links.join(', ') } };
    },
  );
});
