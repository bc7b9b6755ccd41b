import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { DomainError } from '../domain/errors';
import { BEST_RATING, INK, RATING_CODES, RATINGS, WORST_RATING } from '../domain/ratings';
import { ANNO_CONTEXT, annotationOf, articlesWithPublicClaims, countPublicClaims, findArticleBySlug, findArticleByUrl, publicClaim, publicOrganisation, type Organisation } from '../services/public-feed';
import { PUBLIC_CACHE_CONTROL } from '../services/public-cache';
import { SECURITY_HEADERS } from '../middleware/security-headers';
import { originOf, parsePage, publicCors, publicDb, serveCollection, serveFeed } from './feed-http';
import { claimInContext, claimReview, jsonForScript, shortClaim } from '../services/public-claim-review';
import { ArticlePage } from '../../web/views/public/article-page';
import { ClaimPage } from '../../web/views/public/claim-page';
import { HomePage, MissingPage, RatingsPage } from '../../web/views/public/misc';
import { ChecksPage } from '../../web/views/public/checks-page';
import { parseSearch } from '../domain/search-query';
import { publishedChecks } from '../services/public-library';

/**
 * A public HTML page. Its images may come from our origin, and from the newsroom's logo's
 * origin when it has one (Admin → Settings); everything else as the default policy says.
 */
function htmlPage(c: Context<AppEnv>, org: Organisation, html: string | Promise<string>, status: 200 | 404 | 410 | 422 = 200) {
  c.header('Cache-Control', status === 200 ? PUBLIC_CACHE_CONTROL : 'public, max-age=60');
  // The default policy, with the logo's origin added to img-src (an unparsable URL adds nothing).
  const logo = URL.canParse(org.logoUrl ?? '') ? ` ${new URL(org.logoUrl!).origin}` : '';
  if (logo) c.header('Content-Security-Policy', SECURITY_HEADERS['Content-Security-Policy'].replace("img-src 'self' data:", `img-src 'self' data:${logo}`));
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
      return { '@context': ANNO_CONTEXT, ...annotationOf({ host: originOf(c), article: found.article, org: found.org }, found.claim) };
    },
    `No published claim ${claimId} in ${slug}.`,
  );
});

publicRoutes.get('/claims/:id', async (c) => {
  const host = originOf(c);
  const db = publicDb(c, false);
  const found = await publicClaim(db, c.req.param('id'));
  if (found.state !== 'public') {
    const org = await publicOrganisation(db);
    return found.state === 'missing'
      ? htmlPage(c, org, <MissingPage status={404} what="fact-check" org={org} />, 404)
      : htmlPage(c, org, <MissingPage status={410} what="fact-check" org={org} />, 410);
  }
  const { article, claim, org } = found;
  const statement = shortClaim(article.text, claim);
  const review = claimReview({ host, org }, article, claim, statement);
  return htmlPage(c, org, <ClaimPage host={host} org={org} article={article} claim={claim} statement={statement} claimReviewJson={jsonForScript(review)} context={claimInContext(article.text, claim)} />);
});

/** An article's page: only once one of its claims is published; before, exactly like an unknown one. */
publicRoutes.get('/articles/:slug', async (c) => {
  const db = publicDb(c, false);
  const [article, org] = await Promise.all([findArticleBySlug(db, c.req.param('slug')), publicOrganisation(db)]);
  if (!article) return htmlPage(c, org, <MissingPage status={404} what="article" org={org} />, 404);
  const count = await countPublicClaims(db, article.id);
  return htmlPage(c, org, <ArticlePage host={originOf(c)} org={org} article={article} publicCount={count} />);
});

// The public library: every published check, newest first; readers search it with `q`.
publicRoutes.get('/checks', async (c) => {
  const db = publicDb(c, false);
  const q = (c.req.query('q') ?? '').trim();
  const parsed = q ? parseSearch(q) : null;
  const org = await publicOrganisation(db);
  if (parsed && !parsed.ok) return htmlPage(c, org, <ChecksPage host={originOf(c)} org={org} q={q} error={parsed.message} items={[]} nextCursor={null} />, 422);
  const page = await publishedChecks(db, { q: parsed?.ok ? parsed.query : undefined, limit: 30, cursor: c.req.query('cursor') });
  return htmlPage(c, org, <ChecksPage host={originOf(c)} org={org} q={q} items={page.items} nextCursor={page.nextCursor} />);
});

publicRoutes.get('/ratings', async (c) => {
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
  return c.html(<RatingsPage host={host} org={await publicOrganisation(publicDb(c, false))} />);
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
  const [checked, org] = await Promise.all([articlesWithPublicClaims(db), publicOrganisation(db)]);
  return htmlPage(c, org, <HomePage articles={checked} org={org} />);
});
