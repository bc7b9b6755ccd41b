/**
 * schema.org ClaimReview for a public fact-check page, and a checker for Google's rules
 * (Search Central, "Fact check (ClaimReview) structured data"):
 * - required: `claimReviewed`, `reviewRating`, `url`; `reviewRating.alternateName` required;
 * - `claimReviewed` a short summary of the claim, under 75 characters;
 * - `url` on the same domain as (or a subdomain of) the page carrying the markup;
 * - `ratingValue` between `worstRating` and `bestRating` when numeric ratings are given
 *   (and the three given together);
 * - recommended: `author` (Organization or Person with a name), `datePublished`,
 *   `itemReviewed` a `Claim` with `author`, `datePublished` and `appearance` /
 *   `firstAppearance` (a CreativeWork with a url);
 * - dates are full ISO 8601 dates or date-times: a claim whose day is not known gets no
 *   `datePublished`, and its month or year is said in the appearance's `description`.
 */
import { BEST_RATING, RATINGS, WORST_RATING, ratingFor } from '../domain/ratings';
import { STATEMENT_MAX, sentenceBounds, suggestStatement } from '../domain/statement';
import { codePointLength, utf16Index } from '../domain/text';
import type { Organisation, PublicArticle, PublicClaim } from './public-feed';

/**
 * `claimReviewed` and the page's headline: the checker's statement when there is one, else a
 * statement suggested from the article (src/domain/statement.ts: the sentence, or whole
 * clauses or words of it around the quote, under 75 characters, quotation marks balanced).
 */
export function shortClaim(text: string, claim: Pick<PublicClaim, 'quote' | 'start' | 'end'> & { statement?: string | null }): string {
  return claim.statement?.trim() || suggestStatement(text, claim.start, claim.end, claim.quote, STATEMENT_MAX);
}

/**
 * The claim inside its sentence, for the fact-check page: the text before and after the
 * quote within the sentence (at most `room` characters each side, cut at a word with an
 * ellipsis). Falls back to the stored prefix/suffix when the offsets do not fit the text.
 */
export function claimInContext(text: string, claim: Pick<PublicClaim, 'quote' | 'start' | 'end' | 'prefix' | 'suffix'>, room = 240) {
  const s = utf16Index(text, claim.start);
  const e = s + utf16Index(text.slice(s), claim.end - claim.start);
  if (text.slice(s, e) !== claim.quote) return { before: claim.prefix ? `…${claim.prefix}` : '', quote: claim.quote, after: claim.suffix ? `${claim.suffix}…` : '' };
  const [a, b] = sentenceBounds(text, s, e);
  let before = text.slice(a, s).replace(/^\s+/, '');
  let after = text.slice(e, b).replace(/\s+$/, '');
  if (before.length > room) before = '…' + before.slice(before.length - room).replace(/^\S*\s/, '');
  if (after.length > room) after = after.slice(0, room).replace(/\s\S*$/, '') + '…';
  return { before, quote: claim.quote, after };
}

export interface ReviewContext {
  /** Origin of this deployment (no trailing slash). */
  host: string;
  /** The fact-checking newsroom (Admin → Settings): the review's author. */
  org: Pick<Organisation, 'name' | 'url' | 'logoUrl'>;
}

/** Only the date of an ISO timestamp (schema.org accepts dates and date-times). */
const isoDate = (t: string) => (/^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : t);

/**
 * `datePublished` for a partial ISO date, only when the day is known: consumers of
 * ClaimReview read "2017-08" as a malformed date, not as a month. A month or a year alone
 * goes into the text instead (see `publishedInWords`).
 */
function fullDate(partial: string): { datePublished: string } | Record<string, never> {
  return /^\d{4}-\d{2}-\d{2}/.test(partial) ? { datePublished: partial.slice(0, 10) } : {};
}

/** "Published in August 2017." for a month-only or year-only date; null for a full one. */
export function publishedInWords(partial: string): string | null {
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(partial);
  if (!m) return null;
  const when = m[2] ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }) : m[1];
  return `Published in ${when}.`;
}

/** The schema.org ClaimReview of one published claim, for its page at `${host}/claims/{id}`. */
export function claimReview(ctx: ReviewContext, article: PublicArticle, claim: PublicClaim, statement = shortClaim(article.text, claim)) {
  const rating = ratingFor(claim.verdict.rating);
  const numbered = rating.value !== null && Object.prototype.hasOwnProperty.call(RATINGS, claim.verdict.rating);
  const claimAuthor = article.author ? { '@type': 'Person', name: article.author } : { '@type': 'Organization', name: article.publisher };
  const inWords = publishedInWords(article.publishedAt);
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: `${ctx.host}/claims/${encodeURIComponent(claim.id)}`,
    claimReviewed: statement,
    datePublished: isoDate(claim.publishedAt),
    author: { '@type': 'Organization', name: ctx.org.name, url: ctx.org.url ?? `${ctx.host}/`, ...(ctx.org.logoUrl ? { logo: ctx.org.logoUrl } : {}) },
    reviewRating: {
      '@type': 'Rating',
      alternateName: rating.label,
      ...(numbered ? { ratingValue: rating.value, bestRating: BEST_RATING, worstRating: WORST_RATING } : {}),
    },
    reviewBody: claim.verdict.summary,
    itemReviewed: {
      '@type': 'Claim',
      author: claimAuthor,
      ...fullDate(article.publishedAt),
      appearance: {
        '@type': 'CreativeWork',
        url: article.url,
        headline: article.title,
        ...fullDate(article.publishedAt),
        ...(inWords ? { description: inWords } : {}),
        publisher: { '@type': 'Organization', name: article.publisher },
        ...(article.author ? { author: { '@type': 'Person', name: article.author } } : {}),
      },
    },
  };
}

/**
 * Every way `review` breaks Google's ClaimReview rules for a page at `pageUrl`; empty when it
 * meets them. Checks the required properties and the recommended ones this project promises
 * (author, datePublished, itemReviewed as a Claim with author, datePublished, appearance).
 *
 * @example claimReviewProblems(JSON.parse(ldJson), 'https://factmark.example/claims/clm_1') // []
 */
export function claimReviewProblems(review: unknown, pageUrl: string): string[] {
  const problems: string[] = [];
  const r = review as Record<string, any>;
  const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
  // A full date (or date-time): "2017-08" is not one, for consumers of ClaimReview.
  const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v);
  const typeIs = (v: any, ...types: string[]) => isObj(v) && types.some((t) => v['@type'] === t || (Array.isArray(v['@type']) && v['@type'].includes(t)));
  if (!isObj(r)) return ['the ClaimReview is not an object'];
  const ctx = r['@context'];
  if (!(typeof ctx === 'string' && /^https?:\/\/schema\.org\/?$/.test(ctx))) problems.push('@context must be https://schema.org');
  if (!typeIs(r, 'ClaimReview')) problems.push('@type must be ClaimReview');
  // claimReviewed
  if (!nonEmpty(r.claimReviewed)) problems.push('claimReviewed is required (a short summary of the claim)');
  else if (codePointLength(r.claimReviewed) > STATEMENT_MAX) problems.push(`claimReviewed must be under 75 characters (it has ${codePointLength(r.claimReviewed)})`);
  // url on the page's own domain
  if (!nonEmpty(r.url)) problems.push('url is required');
  else {
    try {
      const u = new URL(r.url);
      const page = new URL(pageUrl);
      if (u.hostname !== page.hostname && !u.hostname.endsWith('.' + page.hostname)) problems.push(`url must be on the page's domain ${page.hostname} (it is on ${u.hostname})`);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') problems.push('url must be http(s)');
    } catch {
      problems.push('url is not an absolute URL');
    }
  }
  // reviewRating
  const rr = r.reviewRating;
  if (!typeIs(rr, 'Rating')) problems.push('reviewRating is required, a Rating');
  else {
    if (!nonEmpty(rr.alternateName)) problems.push('reviewRating.alternateName is required (the rating in words)');
    const numeric = ['ratingValue', 'bestRating', 'worstRating'].filter((k) => rr[k] !== undefined);
    if (numeric.length && numeric.length < 3) problems.push('reviewRating: ratingValue, bestRating and worstRating go together');
    if (numeric.length === 3) {
      const [v, best, worst] = [Number(rr.ratingValue), Number(rr.bestRating), Number(rr.worstRating)];
      if (![v, best, worst].every(Number.isFinite)) problems.push('reviewRating: ratingValue, bestRating and worstRating must be numbers');
      else if (!(worst < best && v >= worst && v <= best)) problems.push(`reviewRating.ratingValue ${v} must lie between worstRating ${worst} and bestRating ${best}`);
    }
  }
  // author of the review
  if (!(typeIs(r.author, 'Organization', 'Person') && nonEmpty(r.author.name))) problems.push('author must be an Organization or Person with a name');
  if (!isDate(r.datePublished)) problems.push('datePublished must be a full ISO 8601 date (YYYY-MM-DD)');
  // the claim reviewed
  const item = r.itemReviewed;
  if (!typeIs(item, 'Claim')) problems.push('itemReviewed must be a Claim');
  else {
    if (!(typeIs(item.author, 'Organization', 'Person') && nonEmpty(item.author.name))) problems.push('itemReviewed.author must be an Organization or Person with a name');
    // Recommended, and left out when only the month or year of the claim is known.
    if (item.datePublished !== undefined && !isDate(item.datePublished)) problems.push('itemReviewed.datePublished must be a full ISO 8601 date (YYYY-MM-DD)');
    const appearances = [item.appearance, item.firstAppearance].flat().filter((a) => a !== undefined);
    if (!appearances.length) problems.push('itemReviewed.appearance (or firstAppearance) is required');
    for (const a of appearances) {
      const url = typeof a === 'string' ? a : isObj(a) ? a.url : undefined;
      if (!(typeof a === 'string' || typeIs(a, 'CreativeWork', 'Article', 'NewsArticle', 'WebPage'))) problems.push('itemReviewed.appearance must be a CreativeWork');
      try {
        if (!/^https?:$/.test(new URL(url).protocol)) throw new Error();
      } catch {
        problems.push('itemReviewed.appearance must carry an http(s) url');
      }
    }
  }
  return problems;
}

/** JSON for a `<script type="application/ld+json">`: nothing in it can end the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
