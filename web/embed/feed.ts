/**
 * Reads the W3C Web Annotation feed: an AnnotationCollection whose `first` page (embedded
 * or by IRI) links on through `next`. Only pages on the script's own origin are fetched.
 */
import type { QuoteTarget } from '../../src/domain/text-match';

export interface Claim {
  /** The annotation's id (its IRI). */
  id: string;
  target: QuoteTarget;
  /** The rating's label (the `classifying` body). */
  label: string;
  /** Highlight background and underline colours, from the annotation's stylesheet (W3C §4.4), in that order. */
  colours: string[];
  summary: string;
  /** The figures in words: "Claimed: 12 years · Actually: 10 years" (the `describing` TextualBody). */
  figures: string;
  /** Who checked it: the annotation's creator's name. */
  credit: string;
  /** Set when the article changed since the check (the feed's `commenting` body). */
  notice?: string;
  /** The public fact-check page (http/https only), if any. */
  page: string;
  sources: { href: string; label: string }[];
}

type Json = Record<string, any>;

const list = (v: unknown): any[] => (Array.isArray(v) ? v : v == null ? [] : [v]);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The URL when it is absolute http(s), else '' (so never javascript:, data: and the like). */
export function safeHref(v: unknown): string {
  const u = str(v);
  return /^https?:\/\/[^\s]/i.test(u) ? u : '';
}

/** One Annotation → a Claim, or null when it has no usable quote. */
export function toClaim(a: Json): Claim | null {
  let target: QuoteTarget | null = null;
  let start: number | undefined;
  let end: number | undefined;
  for (const t of list(a.target)) {
    for (const s of list(t && t.selector)) {
      if (s && s.type === 'TextQuoteSelector' && str(s.exact)) target = { exact: s.exact, prefix: str(s.prefix), suffix: str(s.suffix) };
      if (s && s.type === 'TextPositionSelector' && typeof s.start == 'number' && s.start >= 0) {
        start = s.start;
        end = s.end;
      }
    }
  }
  if (!target) return null;
  if (start !== undefined) Object.assign(target, { start, end });
  // Everything shown is written by the server, ready to show: colours (only #hex taken from
  // the stylesheet, so nothing else of it reaches a style), label, figures, credit.
  const claim: Claim = {
    id: str(a.id),
    target,
    label: '',
    colours: str(a.stylesheet && a.stylesheet.value).match(/#[\da-f]{3,8}\b/gi) || [],
    summary: '',
    figures: '',
    credit: str(a.creator && a.creator.name),
    page: '',
    sources: [],
  };
  for (const b of list(a.body)) {
    if (!b) continue; // strings and numbers fall through harmlessly: no purpose, no link
    const p = b.purpose;
    const v = str(b.value);
    // Links: a SpecificResource's `source` (its IRI or an object with one), else the body's `id`.
    const href = safeHref(b.source && (b.source.id || b.source)) || safeHref(b.id);
    if (p === 'assessing') claim.summary = v;
    // The rating: a SpecificResource over HOST/ratings#CODE with its label (a TextualBody's value before).
    else if (p === 'classifying') claim.label = str(b.label) || v;
    // `describing`: the figures in words (a TextualBody), or the fact-check page (a link).
    else if (p === 'describing') v ? (claim.figures = v) : (claim.page = href);
    // "The article has changed since this check (date).": ready to show, from the server.
    else if (p === 'commenting') claim.notice = v;
    else if (p === 'linking' && href) claim.sources.push({ href, label: str(b.label) || href });
  }
  return claim;
}

/**
 * Fetches the collection at `url` and every page after it. Resolves to the claims, or to
 * null when the server answers 404 (no such article); rejects on other failures.
 */
export async function fetchClaims(url: string): Promise<Claim[] | null> {
  const origin = new URL(url).origin;
  const get = async (u: string): Promise<Json | null> => {
    if (new URL(u, url).origin !== origin) throw new Error('origin');
    // A simple CORS GET: no credentials are sent to another origin, no preflight.
    const res = await fetch(new URL(u, url).href);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error('HTTP ' + res.status);
    return res.json();
  };
  const col = await get(url);
  if (!col) return null;
  const claims: Claim[] = [];
  // Pages come embedded or by IRI; an IRI already fetched ends the walk (no cycles).
  const seen = new Set<unknown>();
  for (let page: unknown = col.first; page && !seen.has(page); ) {
    seen.add(page);
    const p: Json = (typeof page === 'string' ? await get(page) : page) || {};
    for (const item of list(p.items)) {
      const c = item && toClaim(item);
      if (c) claims.push(c);
    }
    page = p.next;
  }
  return claims;
}
