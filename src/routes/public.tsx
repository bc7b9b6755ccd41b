import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { DomainError } from '../domain/errors';
import { BEST_RATING, INK, RATING_CODES, RATINGS, WORST_RATING } from '../domain/ratings';
import { ANNO_CONTEXT, annotationOf, articlesWithPublicClaims, countPublicClaims, findArticleBySlug, findArticleByUrl, publicClaim, someArticles } from '../services/public-feed';
import { PUBLIC_CACHE_CONTROL } from '../services/public-cache';
import { originOf, parsePage, publicCors, publicDb, serveCollection, serveFeed } from './feed-http';
import { claimInContext, claimReview, jsonForScript, shortClaim } from '../services/public-claim-review';
import { ArticlePage } from '../../web/views/public/article-page';
import { ClaimPage } from '../../web/views/public/claim-page';
import { HomePage, MissingPage, RatingsPage } from '../../web/views/public/misc';

/** The organisation named as author of the fact-checks and creator of the annotations. */
export const ORGANISATION = 'Factmark';

function htmlPage(c: Context<AppEnv>, html: string | Promise<string>, status: 200 | 404 | 410 = 200) {
  c.header('Cache-Control', status === 200 ? PUBLIC_CACHE_CONTROL : 'public, max-age=60');
  return c.html(html, status);
}

/** Public, anonymous outputs: the W3C annotation feed, fact-check pages, article pages. */
export const publicRoutes = new Hono<AppEnv>();

publicRoutes.use('/annotations', publicCors());
publicRoutes.use('/annotations/*', publicCors());
publicRoutes.use('/ratings', publicCors());

publicRoutes.get('/annotations', async (c) => {
  const url = c.req.query('url');
  if (!url) throw new DomainError('validation', 'Name the page: /annotations?url=<canonical URL>, or use /annotations/{slug}.', { errors: [{ field: 'url', message: 'is required' }] });
  const found = await findArticleByUrl(publicDb(c, false), url);
  if (!found) throw new DomainError('not-found', 'No article has this canonical URL.');
  return serveCollection(c, found.slug, parsePage(c.req.query('page')));
});

publicRoutes.get('/annotations/:slug', (c) => serveCollection(c, c.req.param('slug'), parsePage(c.req.query('page'))));

publicRoutes.get('/annotations/:slug/:claimId', (c) => {
  const { slug, claimId } = c.req.param();
  const key = `${originOf(c)}/annotations/${encodeURIComponent(slug)}/${encodeURIComponent(claimId)}`;
  return serveFeed(
    c,
    key,
    async () => {
      const found = await publicClaim(publicDb(c, true), claimId);
      if (found.state !== 'public' || found.article.slug !== slug) return null;
      return { '@context': ANNO_CONTEXT, ...annotationOf({ host: originOf(c), article: found.article }, found.claim) };
    },
    `No published claim ${claimId} in ${slug}.`,
  );
});

publicRoutes.get('/claims/:id', async (c) => {
  const host = originOf(c);
  const found = await publicClaim(publicDb(c, false), c.req.param('id'));
  if (found.state === 'missing') return htmlPage(c, <MissingPage status={404} what="fact-check" />, 404);
  if (found.state === 'withdrawn') return htmlPage(c, <MissingPage status={410} what="fact-check" />, 410);
  const { article, claim } = found;
  const review = claimReview({ host, organisation: ORGANISATION }, article, claim);
  return htmlPage(c, <ClaimPage host={host} article={article} claim={claim} statement={shortClaim(article.text, claim)} claimReviewJson={jsonForScript(review)} context={claimInContext(article.text, claim)} />);
});

publicRoutes.get('/articles/:slug', async (c) => {
  const db = publicDb(c, false);
  const article = await findArticleBySlug(db, c.req.param('slug'));
  if (!article) return htmlPage(c, <MissingPage status={404} what="article" />, 404);
  const count = await countPublicClaims(db, article.id);
  return htmlPage(c, <ArticlePage host={originOf(c)} article={article} publicCount={count} />);
});

publicRoutes.get('/ratings', (c) => {
  const host = originOf(c);
  const wantsJson = c.req.query('format') === 'json' || /application\/(ld\+)?json/.test(c.req.header('Accept') ?? '');
  c.header('Vary', 'Accept');
  c.header('Cache-Control', 'public, max-age=3600');
  if (wantsJson) {
    return c.json({
      id: `${host}/ratings`,
      bestRating: BEST_RATING,
      worstRating: WORST_RATING,
      ratings: RATING_CODES.map((code) => ({ id: `${host}/ratings#${code}`, code, label: RATINGS[code].label, ratingValue: RATINGS[code].value, colour: RATINGS[code].bg, accent: RATINGS[code].accent })),
    });
  }
  return c.html(<RatingsPage host={host} />);
});

/** Verdict colours as CSS, generated from the one scale the embed uses too. */
publicRoutes.get('/ratings.css', (c) => {
  const css = RATING_CODES.map((code) => {
    const r = RATINGS[code];
    return `.rating-${code}{--rating-bg:${r.bg};--rating-accent:${r.accent};--rating-ink:${INK}}`;
  }).join('\n');
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', 'public, max-age=3600');
  return c.body(css + '\n');
});

publicRoutes.get('/', async (c) => {
  const db = publicDb(c, false);
  const checked = await articlesWithPublicClaims(db);
  return htmlPage(c, <HomePage articles={checked.length ? checked : await someArticles(db)} />);
});
