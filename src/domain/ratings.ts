/**
 * The verdict scale: every rating's code, label, colours and ClaimReview value. The one
 * place it is written; the Worker (feed, pages, ClaimReview, request schemas, the database
 * CHECK), the reviewer UI and the reader embed all import it. Dependency-free and DOM-free,
 * and small: the embed bundles what it uses of it (keep it that way, the embed has a budget).
 *
 * `bg` is the highlight / badge background and `ink` the text drawn on it: every pair
 * passes WCAG AA (≥ 4.5:1; checked in test/unit/domain/ratings.test.ts). `accent` is the
 * stronger tone used for underlines and borders (≥ 3:1 against white, a non-text contrast).
 * `value` is schema.org ClaimReview's ratingValue (bestRating 5, worstRating 1); the scale
 * has six numbered ratings on five steps, so `misleading` and `mostly-false` share 2, and
 * `unverifiable` has none (ClaimReview gets alternateName only).
 *
 * @example
 * const r = RATINGS['mostly-false']; // { label: 'Mostly false', bg: '#ffd0c8', ... }
 */
export interface RatingInfo {
  label: string;
  bg: string;
  accent: string;
  value: number | null;
}

export const INK = '#1a1a1a';

export const RATING_CODES = ['true', 'mostly-true', 'half-true', 'misleading', 'mostly-false', 'false', 'unverifiable'] as const;
export type RatingCode = (typeof RATING_CODES)[number];

export const RATINGS: Record<RatingCode, RatingInfo> = {
  true: { label: 'True', bg: '#c6efce', accent: '#1b7a3a', value: 5 },
  'mostly-true': { label: 'Mostly true', bg: '#e2f3c1', accent: '#4b7a0c', value: 4 },
  'half-true': { label: 'Half true', bg: '#fff0a8', accent: '#8a6100', value: 3 },
  misleading: { label: 'Misleading', bg: '#ffddb5', accent: '#b84a00', value: 2 },
  'mostly-false': { label: 'Mostly false', bg: '#ffd0c8', accent: '#c4291c', value: 2 },
  false: { label: 'False', bg: '#f9c0cf', accent: '#a3123a', value: 1 },
  unverifiable: { label: 'Unverifiable', bg: '#e3e5ea', accent: '#4b5563', value: null },
};

/** The rating for a code, or `unverifiable`'s look for an unknown code. */
export function ratingFor(code: string | undefined | null): RatingInfo {
  return RATINGS[RATING_CODES.includes(code as RatingCode) ? (code as RatingCode) : 'unverifiable'];
}

/** ClaimReview's bounds of `ratingValue` for the numbered ratings. */
export const BEST_RATING = 5;
export const WORST_RATING = 1;

/** The class that styles a rating's highlight (an annotation's `styleClass`). */
export const ratingClass = (code: string) => `factmark-${code}`;

/**
 * A rating's highlight as CSS (W3C Web Annotation §4.4 Styles: the annotation's stylesheet):
 * the verdict colour as background, its darker tone as underline. Readers, the embed among
 * them, take the two colours from it in this order.
 *
 * @example ratingStylesheet('true') // '.factmark-true{background-color:#c6efce;text-decoration:underline 2px #1b7a3a}'
 */
export function ratingStylesheet(code: string): string {
  const r = ratingFor(code);
  return `.${ratingClass(code)}{background-color:${r.bg};text-decoration:underline 2px ${r.accent}}`;
}
