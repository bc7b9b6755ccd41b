/**
 * What readers may see: an article's published claims, each with the verdict an editor
 * published (never a newer proposal) and its sources, as W3C Web Annotations.
 * Plain functions over the db; nothing here knows HTTP.
 */
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { articles, claims, settings, sources, verdicts } from '../../schema/tables';
import { insertionOrder, type Db } from '../db';
import { readersSeeTextChange, textChangeNotice, type TextChange } from '../domain/living';
import { RATINGS, ratingClass, ratingFor, ratingStylesheet } from '../domain/ratings';
import type { Anchor } from '../domain/text';
import { formatCorrection, formatValue } from '../domain/value-format';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { FEED_CHANGES, SITE_WIDE_FEED_ENTITIES } from '../domain/public-view';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const ANNO_MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
/** Annotations per AnnotationPage. */
export const PAGE_SIZE = 100;

export type PublicArticle = typeof articles.$inferSelect;

export interface PublicSource {
  url: string;
  title: string;
  publisher: string | null;
  type: string;
  accessedAt: string | null;
  archivedUrl: string | null;
}

/** A published claim as readers see it: its anchor in the article text, and more. */
export interface PublicClaim extends Anchor {
  id: string;
  /** These six as they stood at publication (the verdict's snapshot), not as edited since. */
  kind: string;
  subject: string | null;
  speaker: string | null;
  statement: string | null;
  value: unknown;
  approximate: boolean;
  bound: string | null;
  publishedAt: string;
  verdict: {
    id: string;
    rating: string;
    summary: string;
    explanation: string;
    createdAt: string;
    /** The figure that is right, when the verdict gives one. */
    correctValue: unknown;
    correctApproximate: boolean;
    correctBound: string | null;
  };
  sources: PublicSource[];
  /** Set when the article's text changed this claim's words since (docs/import.md). */
  textChange: TextChange | null;
}

/** The newsroom as readers see it credited (src/services/settings.ts). */
export type Organisation = Pick<Settings, 'name' | 'url' | 'logoUrl' | 'correctionsContact'>;

/** A published claim's columns with its published verdict's (join `verdicts` on `published_verdict_id`). */
export const claimColumns = {
  id: claims.id,
  quote: claims.quote,
  prefix: claims.prefix,
  suffix: claims.suffix,
  start: claims.start,
  end: claims.end,
  kind: claims.kind,
  // As they stood at publication (snapshotted on the verdict), not as edited since.
  subject: sql<string | null>`${verdicts.claimSubject}`.as('v_claim_subject'),
  speaker: sql<string | null>`${verdicts.claimSpeaker}`.as('v_claim_speaker'),
  snapshot: sql<string | null>`${verdicts.claimSnapshot}`.as('v_claim_snapshot'),
  // The live fields, for verdicts published before snapshots existed.
  liveStatement: sql<string | null>`${claims.statement}`.as('c_statement'),
  liveValue: sql<string>`${claims.value}`.as('c_value'),
  liveApproximate: sql<number>`${claims.approximate}`.as('c_approximate'),
  liveBound: sql<string | null>`${claims.bound}`.as('c_bound'),
  publishedAt: claims.publishedAt,
  textChange: claims.textChange,
  // Aliased: D1's batch answers rows keyed by column name, and claims.id would shadow verdicts.id.
  vId: sql<string>`${verdicts.id}`.as('v_id'),
  vRating: sql<string>`${verdicts.rating}`.as('v_rating'),
  vSummary: sql<string>`${verdicts.summary}`.as('v_summary'),
  vExplanation: sql<string>`${verdicts.explanation}`.as('v_explanation'),
  vCreatedAt: sql<string>`${verdicts.createdAt}`.as('v_created_at'),
  vCorrectValue: sql<string | null>`${verdicts.correctValue}`.as('v_correct_value'),
  vCorrectApproximate: sql<number>`${verdicts.correctApproximate}`.as('v_correct_approximate'),
  vCorrectBound: sql<string | null>`${verdicts.correctBound}`.as('v_correct_bound'),
};

const settingsColumns = { name: settings.name, url: settings.url, logoUrl: settings.logoUrl, correctionsContact: settings.correctionsContact };

/** The settings row of a batch, or the defaults. */
const orgOf = (rows: Organisation[]): Organisation => rows[0] ?? DEFAULT_SETTINGS;

const json = (raw: unknown): unknown => {
  if (typeof raw !== 'string') return raw ?? null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
};

const sourceColumns = {
  claimId: sources.claimId,
  url: sources.url,
  title: sources.title,
  publisher: sources.publisher,
  type: sources.type,
  accessedAt: sources.accessedAt,
  archivedUrl: sources.archivedUrl,
};

type ClaimJoin = Record<keyof typeof claimColumns, unknown> & { subject: string | null; speaker: string | null };
type SourceJoin = Record<keyof typeof sourceColumns, unknown> & { publisher: string | null; accessedAt: string | null; archivedUrl: string | null };

function assemble(rows: ClaimJoin[], srcs: SourceJoin[]): PublicClaim[] {
  const byClaim = new Map<string, PublicSource[]>();
  for (const s of srcs) {
    const list = byClaim.get(s.claimId as string) ?? [];
    list.push({ url: s.url as string, title: s.title as string, publisher: s.publisher, type: s.type as string, accessedAt: s.accessedAt, archivedUrl: s.archivedUrl });
    byClaim.set(s.claimId as string, list);
  }
  return rows.map((r) => publicClaimOf(r, byClaim.get(r.id as string) ?? []));
}

/** One row of `claimColumns` as readers see the claim (with its sources, when read). */
export function publicClaimOf(r: Record<keyof typeof claimColumns, unknown>, claimSources: PublicSource[] = []): PublicClaim {
    const snap = json(r.snapshot) as { statement?: string | null; kind?: string; value?: unknown; approximate?: boolean; bound?: string | null } | null;
    return {
      id: r.id as string,
      quote: r.quote as string,
      prefix: r.prefix as string,
      suffix: r.suffix as string,
      start: r.start as number,
      end: r.end as number,
      kind: snap?.kind ?? (r.kind as string),
      subject: r.subject as string | null,
      speaker: r.speaker as string | null,
      statement: snap ? (snap.statement ?? null) : (r.liveStatement as string | null),
      value: snap ? snap.value : json(r.liveValue),
      approximate: snap ? Boolean(snap.approximate) : Boolean(r.liveApproximate),
      bound: snap ? (snap.bound ?? null) : (r.liveBound as string | null),
      publishedAt: (r.publishedAt ?? r.vCreatedAt) as string,
      verdict: {
        id: r.vId as string,
        rating: r.vRating as string,
        summary: r.vSummary as string,
        explanation: r.vExplanation as string,
        createdAt: r.vCreatedAt as string,
        correctValue: json(r.vCorrectValue),
        correctApproximate: Boolean(r.vCorrectApproximate),
        correctBound: r.vCorrectBound as string | null,
      },
      sources: claimSources,
      textChange: (r.textChange as TextChange | null) ?? null,
    };
}

// Readers see the sources as they were at the last publication: one added since appears with
// the next publication; one removed or replaced since stays until then (removal is soft).
const sourceVisible = and(
  eq(sources.claimId, claims.id),
  lte(sources.createdAt, claims.publishedAt),
  or(isNull(sources.deletedAt), gt(sources.deletedAt, claims.publishedAt)),
);

/** At least one of the article's claims is published: only then do readers see the article. */
const hasPublicClaim = sql<number>`EXISTS (SELECT 1 FROM claims WHERE claims.article_id = articles.id AND claims.published_verdict_id IS NOT NULL)`;

/**
 * A public article by slug: null when there is none, and also when none of its claims is
 * published (a draft or an embargoed story answers exactly like an unknown one).
 */
export async function findArticleBySlug(db: Db, slug: string): Promise<PublicArticle | null> {
  return (await db.select().from(articles).where(and(eq(articles.slug, slug), hasPublicClaim)).get()) ?? null;
}

/**
 * The public article whose canonical URL is `url`, ignoring the fragment, a trailing slash
 * and http vs https. Null when none has a published claim (or the URL is not http/https):
 * an unpublished article is not found. Among copies, the exact spelling, then the newest.
 */
export async function findArticleByUrl(db: Db, url: string): Promise<Pick<PublicArticle, 'id' | 'slug'> | null> {
  const variants = urlVariants(url);
  if (!variants.length) return null;
  const rows = await db
    .select({
      id: articles.id,
      slug: articles.slug,
      url: articles.url,
      createdAt: articles.createdAt,
    })
    .from(articles)
    // hasPublicClaim spells the subquery out: drizzle renders ${articles.id} unqualified here, which it would read as claims.id.
    .where(and(inArray(articles.url, variants), hasPublicClaim))
    .all();
  // Prefer the exact spelling, then https; among copies of one spelling, the newest.
  rows.sort((a, b) => variants.indexOf(a.url) - variants.indexOf(b.url) || b.createdAt.localeCompare(a.createdAt));
  return rows[0] ?? null;
}

/** Spellings of one canonical URL that we treat as the same page. */
export function urlVariants(raw: string): string[] {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return [];
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return [];
  u.hash = '';
  // URLs are stored in their WHATWG spelling (u.href); the string as given also finds a row
  // stored as typed, before URLs were normalised on the way in.
  const spellings = [u.href];
  const asGiven = raw.trim().replace(/#.*$/, '');
  if (asGiven !== u.href) spellings.push(asGiven);
  if (!u.search) {
    const bare = u.href.replace(/\/+$/, '');
    spellings.push(bare, bare + '/');
  }
  const other = u.protocol === 'https:' ? 'http:' : 'https:';
  const out: string[] = [];
  for (const v of [...spellings, ...spellings.map((s) => other + s.slice(u.protocol.length))]) if (!out.includes(v)) out.push(v);
  return out;
}

/**
 * The stamp of an article's public view: the id of the newest audit event that may have
 * changed what readers see of it. Event ids only grow and every audited write commits its
 * event with the change, so the stamp moves in the very transaction of any such change.
 * Counted: any event on the article itself (no claim: its metadata, a revision of its text),
 * any event on one of its claims that is public now, was public once (`published_at` is
 * never cleared: an unpublish counts by itself) or no longer exists, a FEED_CHANGES action
 * (src/domain/public-view.ts), and a site-wide change (the settings). Only events on claims
 * never published leave it alone: drafting does not make the stored pages unservable.
 * `articleId` is an SQL expression (a column of the outer query, or a bound id).
 */
export function feedStamp(articleId: SQL) {
  const actions = sql.join([...FEED_CHANGES].map((a) => sql`${a}`), sql`, `);
  const siteWide = sql.join(SITE_WIDE_FEED_ENTITIES.map((t) => sql`${t}`), sql`, `);
  return sql<number>`max(
    coalesce((SELECT fe.id FROM events fe LEFT JOIN claims fc ON fc.id = fe.claim_id
      WHERE fe.article_id = ${articleId}
        AND (fe.claim_id IS NULL OR fc.id IS NULL OR fc.published_at IS NOT NULL OR fc.published_verdict_id IS NOT NULL OR fe.action IN (${actions}))
      ORDER BY fe.id DESC LIMIT 1), 0),
    coalesce((SELECT max(se.id) FROM events se WHERE se.entity_type IN (${siteWide})), 0))`;
}

/** What a feed document needs of its article (not the text: it can be large). */
export type FeedArticle = Pick<PublicArticle, 'id' | 'slug' | 'url' | 'title' | 'publisher'>;

/**
 * One page (1-based) of an article's published claims, with the article, the total and the
 * newsroom's identity and the feed's stamp as of the same reading (`feedStamp`, for the stored
 * pages), in one round trip to D1. Null when there is no article with this slug or none of its
 * claims is published (readers cannot tell the two apart).
 */
export async function publishedPage(db: Db, slug: string, n: number): Promise<{ article: FeedArticle; total: number; items: PublicClaim[]; org: Organisation; stamp: number } | null> {
  const publicOfArticle = and(eq(articles.slug, slug), isNotNull(claims.publishedVerdictId));
  const pageIds = db
    .select({ id: claims.id })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(publicOfArticle)
    .orderBy(asc(claims.start), asc(claims.id))
    .limit(PAGE_SIZE)
    .offset((n - 1) * PAGE_SIZE);
  const [arts, counts, rows, srcs, org, stamps] = await db.batch([
    db.select({ id: articles.id, slug: articles.slug, url: articles.url, title: articles.title, publisher: articles.publisher }).from(articles).where(eq(articles.slug, slug)),
    db.select({ n: sql<number>`count(*)` }).from(claims).innerJoin(articles, eq(articles.id, claims.articleId)).where(publicOfArticle),
    db
      .select(claimColumns)
      .from(claims)
      .innerJoin(articles, eq(articles.id, claims.articleId))
      .innerJoin(verdicts, eq(verdicts.id, claims.publishedVerdictId))
      .where(publicOfArticle)
      .orderBy(asc(claims.start), asc(claims.id))
      .limit(PAGE_SIZE)
      .offset((n - 1) * PAGE_SIZE),
    db
      .select(sourceColumns)
      .from(sources)
      .innerJoin(claims, sourceVisible)
      .where(inArray(sources.claimId, pageIds))
      .orderBy(asc(sources.createdAt), insertionOrder('sources', 'asc')),
    db.select(settingsColumns).from(settings).where(eq(settings.id, 1)),
    // In the same batch (one transaction): the stamp says exactly which state was read.
    db.select({ stamp: feedStamp(sql.raw('"articles"."id"')) }).from(articles).where(eq(articles.slug, slug)),
  ]);
  const article = arts[0];
  const total = counts[0]?.n ?? 0;
  if (!article || total === 0) return null;
  return { article, total, items: assemble(rows as ClaimJoin[], srcs as SourceJoin[]), org: orgOf(org), stamp: stamps[0]?.stamp ?? 0 };
}

export type PublicClaimPage =
  | { state: 'public'; claim: PublicClaim; article: PublicArticle; org: Organisation }
  | { state: 'withdrawn'; article: PublicArticle | null }
  | { state: 'missing' };

/**
 * One claim for its public page: `public` with its published verdict, `withdrawn` when it
 * was public and has been unpublished (410), else `missing` (404: unknown or never public).
 */
export async function publicClaim(db: Db, id: string): Promise<PublicClaimPage> {
  const [rows, srcs, state, org] = await db.batch([
    db.select(claimColumns).from(claims).innerJoin(verdicts, eq(verdicts.id, claims.publishedVerdictId)).where(and(eq(claims.id, id), isNotNull(claims.publishedVerdictId))),
    db.select(sourceColumns).from(sources).innerJoin(claims, sourceVisible).where(and(eq(claims.id, id), isNotNull(claims.publishedVerdictId))).orderBy(asc(sources.createdAt), insertionOrder('sources', 'asc')),
    db.select({ articleId: claims.articleId, unpublishedAt: claims.unpublishedAt }).from(claims).where(eq(claims.id, id)),
    db.select(settingsColumns).from(settings).where(eq(settings.id, 1)),
  ]);
  const row = state[0];
  if (!row) return { state: 'missing' };
  const article = (await db.select().from(articles).where(eq(articles.id, row.articleId)).get()) ?? null;
  if (rows.length && article) return { state: 'public', claim: assemble(rows as ClaimJoin[], srcs as SourceJoin[])[0], article, org: orgOf(org) };
  if (row.unpublishedAt) return { state: 'withdrawn', article };
  return { state: 'missing' };
}

/** Articles with at least one published claim, newest first (for the landing page). */
export async function articlesWithPublicClaims(db: Db, limit = 20) {
  return db
    .selectDistinct({ slug: articles.slug, title: articles.title, publisher: articles.publisher, publishedAt: articles.publishedAt, createdAt: articles.createdAt })
    .from(articles)
    .innerJoin(claims, and(eq(claims.articleId, articles.id), isNotNull(claims.publishedVerdictId)))
    .orderBy(desc(articles.createdAt))
    .limit(limit)
    .all();
}

/** Ids of the articles readers can see (at least one published claim). */
export async function publicArticleIds(db: Db): Promise<string[]> {
  return (await db.select({ id: articles.id }).from(articles).where(hasPublicClaim).all()).map((r) => r.id);
}

/** The newsroom's identity for public pages (the defaults when unset). */
export async function publicOrganisation(db: Db): Promise<Organisation> {
  return orgOf(await db.select(settingsColumns).from(settings).where(eq(settings.id, 1)).all());
}

/** Public ids of an article's claims, and the slug; for cache purges. */
export async function feedKeysOf(db: Db, articleIdOrSlug: string) {
  const article = await db.select({ id: articles.id, slug: articles.slug }).from(articles).where(or(eq(articles.id, articleIdOrSlug), eq(articles.slug, articleIdOrSlug))).get();
  if (!article) return null;
  const rows = await db.select({ id: claims.id }).from(claims).where(and(eq(claims.articleId, article.id), isNotNull(claims.publishedVerdictId))).all();
  return { slug: article.slug, claimIds: rows.map((r) => r.id) };
}

// ---------------------------------------------------------------------------------------
// W3C Web Annotation documents

/** "title — publisher" for a source link. */
export function sourceLabel(s: Pick<PublicSource, 'title' | 'publisher'>): string {
  return s.publisher ? `${s.title} — ${s.publisher}` : s.title;
}

/** Only http(s) URLs leave the server as links. */
function safeUrl(u: string | null | undefined): string | null {
  if (!u) return null;
  try {
    const p = new URL(u);
    return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : null;
  } catch {
    return null;
  }
}

export interface FeedContext {
  /** Origin of this deployment, e.g. https://factmark.example (no trailing slash). */
  host: string;
  article: Pick<PublicArticle, 'slug' | 'url' | 'title' | 'publisher'>;
  /** The newsroom credited as the annotations' creator. */
  org: Pick<Organisation, 'name' | 'url'>;
}

/** The context of an article's feed documents, from a `publishedPage` reading. */
export const feedContextOf = (host: string, found: { article: FeedArticle; org: Organisation }): FeedContext => ({ host, article: found.article, org: found.org });

export const collectionId = (ctx: FeedContext) => `${ctx.host}/annotations/${encodeURIComponent(ctx.article.slug)}`;
export const pageId = (ctx: FeedContext, n: number) => `${collectionId(ctx)}?page=${n}`;

/** The claim's figure as readers read it: "Claimed: 12 years · Actually: 10 years", or "Claimed: 12 years". */
export function claimedText(c: Pick<PublicClaim, 'kind' | 'value' | 'approximate' | 'bound' | 'verdict'>): string {
  const claimed = formatValue(c.kind, c.value, { approximate: c.approximate, bound: c.bound });
  if (c.verdict.correctValue === null || c.verdict.correctValue === undefined) return `Claimed: ${claimed}`;
  return formatCorrection(claimed, formatValue(c.kind, c.verdict.correctValue, { approximate: c.verdict.correctApproximate, bound: c.verdict.correctBound }));
}

/** The newsroom as the annotation's creator (an Agent): its site as id and homepage when it has one. */
export function creatorOf(ctx: FeedContext) {
  const site = safeUrl(ctx.org.url);
  return site ? { id: site, type: 'Organization', name: ctx.org.name, homepage: site } : { id: `${ctx.host}/`, type: 'Organization', name: ctx.org.name };
}

/** What readers are told when the article changed since the claim was checked, or null. */
export function readerNotice(c: Pick<PublicClaim, 'textChange' | 'publishedAt'>): string | null {
  return c.textChange && readersSeeTextChange({ textChange: c.textChange, publishedAt: c.publishedAt, publishedVerdictId: 'published' }) ? textChangeNotice(c.textChange) : null;
}

/** One published claim as a W3C Annotation (without @context; the document adds it). */
export function annotationOf(ctx: FeedContext, c: PublicClaim) {
  const rating = ratingFor(c.verdict.rating);
  const code = Object.prototype.hasOwnProperty.call(RATINGS, c.verdict.rating) ? c.verdict.rating : 'unverifiable';
  const page = `${ctx.host}/claims/${encodeURIComponent(c.id)}`;
  // The model allows `purpose` only on TextualBodies and SpecificResources, and the W3C test
  // suite reads any body with an `id` and no `source` as an External Web Resource (which may
  // not have one, MUST 3.3.5-bodyEWRNoPurpose). So the rating is a SpecificResource over its
  // entry of the rating scale (the code is the IRI's fragment, the label its `label`), and
  // the fact-check page and the sources are SpecificResources over the external resource;
  // those carry the resource's IRI as `id` too, for readers that take the link from `id`.
  // What readers are shown is written here, ready to show: the rating's label, the figure
  // claimed and the correct one in words, the colours as a stylesheet (docs/embed.md).
  const body: Record<string, unknown>[] = [
    { type: 'TextualBody', purpose: 'assessing', value: c.verdict.summary, format: 'text/plain' },
    { type: 'SpecificResource', purpose: 'classifying', source: `${ctx.host}/ratings#${code}`, label: rating.label },
    { type: 'TextualBody', purpose: 'describing', value: claimedText(c), format: 'text/plain' },
    { id: page, type: 'SpecificResource', purpose: 'describing', source: { id: page, type: 'Text', format: 'text/html' } },
  ];
  for (const s of c.sources) {
    const url = safeUrl(s.url);
    if (url) body.push({ id: url, type: 'SpecificResource', purpose: 'linking', label: sourceLabel(s), source: url });
  }
  // The page changed since the verdict: readers are told, in words ready to show (the embed shows this body as it is).
  const notice = readerNotice(c);
  if (notice) body.push({ type: 'TextualBody', purpose: 'commenting', value: notice, format: 'text/plain' });
  // Words gone from the page have no position in it; their quote stays for the record.
  const gone = c.textChange !== null && c.textChange.after === null;
  return {
    id: `${collectionId(ctx)}/${encodeURIComponent(c.id)}`,
    type: 'Annotation',
    motivation: 'assessing',
    created: c.verdict.createdAt,
    modified: c.publishedAt,
    creator: creatorOf(ctx),
    stylesheet: { type: 'CssStylesheet', value: ratingStylesheet(code) },
    body,
    target: {
      source: ctx.article.url,
      styleClass: ratingClass(code),
      selector: [
        { type: 'TextQuoteSelector', exact: c.quote, prefix: c.prefix, suffix: c.suffix },
        ...(gone ? [] : [{ type: 'TextPositionSelector', start: c.start, end: c.end }]),
      ],
    },
  };
}

export function pageCount(total: number) {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

const collectionLabel = (ctx: FeedContext) => `Fact-checks: ${ctx.article.title}`;

/** Page `n` (1-based) of the feed from that page's items; `embedded` leaves out @context and gives partOf by IRI. */
export function annotationPage(ctx: FeedContext, pageItems: PublicClaim[], n: number, total: number, embedded = false) {
  const pages = pageCount(total);
  return {
    ...(embedded ? {} : { '@context': ANNO_CONTEXT }),
    id: pageId(ctx, n),
    type: 'AnnotationPage',
    partOf: embedded ? collectionId(ctx) : { id: collectionId(ctx), label: collectionLabel(ctx), total },
    startIndex: (n - 1) * PAGE_SIZE,
    ...(n > 1 ? { prev: pageId(ctx, n - 1) } : {}),
    ...(n < pages ? { next: pageId(ctx, n + 1) } : {}),
    items: pageItems.map((c) => annotationOf(ctx, c)),
  };
}

/** The AnnotationCollection, with its first page embedded (one request for most articles). */
export function annotationCollection(ctx: FeedContext, firstPageItems: PublicClaim[], total: number) {
  return {
    '@context': ANNO_CONTEXT,
    id: collectionId(ctx),
    type: 'AnnotationCollection',
    label: collectionLabel(ctx),
    total,
    ...(total > 0 ? { first: annotationPage(ctx, firstPageItems, 1, total, true), last: pageId(ctx, pageCount(total)) } : {}),
  };
}

/** How many of an article's claims are public. */
export async function countPublicClaims(db: Db, articleId: string): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(claims).where(and(eq(claims.articleId, articleId), isNotNull(claims.publishedVerdictId))).get();
  return row?.n ?? 0;
}
