/**
 * A page's metadata from what the reader collected: JSON-LD first (a `NewsArticle`, `Article`
 * or another article type, at the top level, in an array or in an `@graph`, with `@id`
 * references resolved), then OpenGraph and `article:*` meta, other common meta names, then
 * `<title>`; the canonical URL from `<link rel=canonical>`, else `og:url`, else the fetched
 * URL. Pure: unit-tested in Node.
 */
import { isHttpUrl } from '../domain/urls';

export interface RawMetadata {
  /** Text of each `<script type="application/ld+json">`. */
  jsonLd: string[];
  /** `<meta>` as [property or name (lower case), content]. */
  meta: [string, string][];
  title: string | null;
  canonical: string | null;
  lang: string | null;
}

export interface PageMetadata {
  title: string | null;
  publisher: string | null;
  author: string | null;
  /** A partial ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), as the page states it. */
  publishedAt: string | null;
  /** Absolute http(s) URL. */
  canonicalUrl: string;
  lang: string | null;
  /** JSON-LD `isAccessibleForFree` when stated. */
  accessibleForFree: boolean | null;
  /** Where each field came from, for the import's answer. */
  from: { title?: string; publisher?: string; author?: string; publishedAt?: string };
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v == null ? [] : [v]);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.replace(/\s+/g, ' ').trim() : null);

/** JSON-LD as publishers write it: tolerates trailing commas, HTML comments and CDATA wrappers. */
function parseJsonLd(text: string): unknown {
  const cleaned = text.replace(/^\s*(<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '').replace(/(-->|\/\/\s*\]\]>|\]\]>)\s*$/, '');
  for (const attempt of [cleaned, cleaned.replace(/,\s*([}\]])/g, '$1')]) {
    try {
      return JSON.parse(attempt);
    } catch {
      // try the next spelling
    }
  }
  return null;
}

const ARTICLE_TYPE = /^(?:[A-Za-z]*NewsArticle|Article|BlogPosting|LiveBlogPosting|Report|SatiricalArticle|TechArticle|ScholarlyArticle)$/;
const typesOf = (n: Json) => list(n['@type']).map((t) => String(t).replace(/^https?:\/\/schema\.org\//, ''));

/** Every object node of the JSON-LD documents, `@graph` members included. */
function nodesOf(docs: unknown[]): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4) return;
    for (const item of list(v)) {
      if (Array.isArray(item)) visit(item, depth + 1); // a document that is an array of nodes
      if (!isObj(item)) continue;
      out.push(item);
      if (item['@graph']) visit(item['@graph'], depth + 1);
    }
  };
  visit(docs, 0);
  return out;
}

/** A partial ISO date from an ISO date-time (the publisher's local date) or another date spelling. */
export function partialDate(value: string | null): string | null {
  if (!value) return null;
  const iso = value.trim().match(/^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?(?![\d])/);
  if (iso) return iso[0];
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  // "January 1, 10000" parses, and its ISO form is "+010000-01-01": not a date we can store.
  const day = new Date(t).toISOString().slice(0, 10);
  return /^\d{4}-\d\d-\d\d$/.test(day) ? day : null;
}

/**
 * The longest headline, publisher and author an article may have: the API's own limits
 * (CreateArticle), so an import stores nothing a PATCH of the same article would refuse.
 */
export const METADATA_MAX = { title: 300, publisher: 200, author: 200 } as const;
/** The longest URL we store (httpUrl in the API). */
const MAX_URL = 2048;

/** `s` cut to `max` UTF-16 units (never inside a character), at a word where there is one, ending in "…". */
export function clip(s: string | null, max: number): string | null {
  if (s === null || s.length <= max) return s;
  let cut = s.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function pageMetadata(raw: RawMetadata, fetchedUrl: string): PageMetadata {
  const nodes = nodesOf(raw.jsonLd.map(parseJsonLd));
  const byId = new Map<string, Json>();
  for (const n of nodes) if (typeof n['@id'] === 'string') byId.set(n['@id'], n);
  const deref = (v: unknown): unknown => (isObj(v) && typeof v['@id'] === 'string' && Object.keys(v).length === 1 ? (byId.get(v['@id']) ?? v) : v);
  const names = (v: unknown): string[] =>
    list(v)
      .map(deref)
      .map((x) => (isObj(x) ? str(x.name) : str(x)))
      .filter((x): x is string => !!x && !isHttpUrl(x));
  // The article node: a news article type before a generic one, one with a headline first.
  const articles = nodes.filter((n) => typesOf(n).some((t) => ARTICLE_TYPE.test(t)));
  articles.sort((a, b) => Number(!!str(b.headline)) - Number(!!str(a.headline)) || Number(typesOf(b).some((t) => /NewsArticle$/.test(t))) - Number(typesOf(a).some((t) => /NewsArticle$/.test(t))));
  const ld = articles[0];
  const meta = (...keys: string[]) => {
    for (const k of keys) {
      const hit = raw.meta.find(([name, content]) => name === k && content.trim());
      if (hit) return hit[1].replace(/\s+/g, ' ').trim();
    }
    return null;
  };
  const from: PageMetadata['from'] = {};
  const pick = <T>(field: keyof PageMetadata['from'], candidates: [string, T | null | undefined][]): T | null => {
    for (const [source, value] of candidates) {
      if (value !== null && value !== undefined && value !== '') {
        from[field] = source;
        return value;
      }
    }
    return null;
  };

  const siteName = meta('og:site_name', 'application-name');
  const publisher = pick('publisher', [
    ['json-ld', ld ? names(ld.publisher)[0] : null],
    ['og:site_name', siteName],
    ['url', hostName(fetchedUrl)],
  ]);
  // <title> usually ends with the site's name: "Headline – Site", "Headline | Site".
  const docTitle = raw.title ? stripSiteName(raw.title, [siteName, publisher]) : null;
  const title = pick('title', [
    ['json-ld', ld ? (str(ld.headline) ?? str(ld.name)) : null],
    ['og:title', meta('og:title', 'twitter:title')],
    ['title', docTitle],
  ]);
  const authorNames = ld ? names(ld.author) : [];
  const author = pick('author', [
    ['json-ld', authorNames.length ? authorNames.join(', ') : null],
    ['meta', [meta('author'), meta('article:author'), meta('parsely-author'), meta('sailthru.author'), meta('dc.creator')].find((a) => a && !isHttpUrl(a)) ?? null],
  ]);
  const publishedAt = pick('publishedAt', [
    ['json-ld', ld ? (partialDate(str(ld.datePublished)) ?? partialDate(str(ld.dateCreated))) : null],
    ['meta', partialDate(meta('article:published_time', 'og:article:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'dc.date.issued', 'dc.date', 'parsely-pub-date', 'sailthru.date'))],
  ]);
  const canonical = [raw.canonical, meta('og:url')].map((u) => absolute(u, fetchedUrl)).find(Boolean) ?? fetchedUrl;
  const free = ld ? ld.isAccessibleForFree : undefined;
  return {
    title: clip(title, METADATA_MAX.title),
    publisher: clip(publisher, METADATA_MAX.publisher),
    author: clip(author, METADATA_MAX.author),
    publishedAt,
    canonicalUrl: canonical,
    lang: raw.lang,
    accessibleForFree: free === undefined ? null : !(free === false || String(free).toLowerCase() === 'false'),
    from,
  };
}

function hostName(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

function absolute(u: string | null, base: string): string | null {
  if (!u) return null;
  try {
    const abs = new URL(u.trim(), base).href;
    return isHttpUrl(abs) && abs.length <= MAX_URL ? abs : null;
  } catch {
    return null;
  }
}

function stripSiteName(title: string, sites: (string | null)[]): string {
  for (const site of sites) {
    if (!site) continue;
    for (const sep of [' - ', ' – ', ' — ', ' | ', ' · ', ' :: ']) {
      if (title.endsWith(sep + site)) return title.slice(0, -(sep + site).length).trim();
    }
  }
  return title;
}
