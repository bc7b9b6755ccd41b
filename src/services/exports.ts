/**
 * Exports for spreadsheets and scripts: the claims list (with the list's filters) and an
 * article's audit trail, as CSV or JSON Lines, streamed page by page with keyset pagination.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { articles, claims, events, verdicts } from '../../schema/tables';
import type { Db } from '../db';
import type { Actor } from '../env';
import { claimListQuery, serialiseClaim, type ClaimFilters } from './claims';
import { serialiseEvent } from './events';
import { exportStream, ownColumns, type ExportColumn, type ExportFormat, type ExportPage } from './export-writers';

/** Rows read from D1 per page of an export (one query each). */
export const EXPORT_PAGE_SIZE = 1000;

type ListedClaim = ReturnType<typeof serialiseClaim>;
type VerdictBrief = { rating: string; summary: string; createdAt: string } | null;

/** A claim as exported: the list's item plus its article and verdicts, so a spreadsheet needs nothing else. */
export type ExportedClaim = ListedClaim & {
  article: { slug: string; title: string; url: string } | null;
  latestVerdict: VerdictBrief;
  publishedVerdict: VerdictBrief;
};

export const CLAIM_EXPORT_COLUMNS: ExportColumn<ExportedClaim>[] = [
  ...ownColumns<ExportedClaim>('id', 'articleId'),
  { name: 'articleSlug', get: (c) => c.article?.slug },
  { name: 'articleTitle', get: (c) => c.article?.title },
  { name: 'articleUrl', get: (c) => c.article?.url },
  ...ownColumns<ExportedClaim>('quote', 'start', 'end', 'kind', 'value', 'approximate', 'bound', 'subject', 'speaker', 'status', 'public'),
  { name: 'latestRating', get: (c) => c.latestVerdict?.rating },
  { name: 'latestSummary', get: (c) => c.latestVerdict?.summary },
  { name: 'publishedRating', get: (c) => c.publishedVerdict?.rating },
  { name: 'publishedSummary', get: (c) => c.publishedVerdict?.summary },
  ...ownColumns<ExportedClaim>('publishedAt', 'unpublishedAt', 'origin', 'suggested', 'assigneeId', 'version', 'createdAt', 'updatedAt'),
];

/** The published verdict, joined under its own name (the claim's latest one is a subquery). */
const publishedVerdict = alias(verdicts, 'published_verdict');

/**
 * The export's reader: one D1 query a page of EXPORT_PAGE_SIZE claims, the article and both
 * verdicts joined in (D1 allows 1,000 queries per Worker invocation, 50 on the free plan: at
 * three queries a page of 200, a 100,000-claim export broke off). The list's filters are
 * turned into SQL once (the article's slug is looked up once); each page adds the keyset
 * condition after the previous page's last claim.
 */
function claimExportPages(db: Db, filters: Omit<ClaimFilters, 'cursor' | 'limit'>, actor: Actor) {
  let query: Promise<Awaited<ReturnType<typeof claimListQuery>>> | null = null;
  return async (cursor: string | null): Promise<ExportPage<ExportedClaim>> => {
    query ??= claimListQuery(db, filters, actor);
    const { where, orderBy, cursorOf } = await query;
    // The keyset condition alone (no article filter in it, so no query).
    const after = cursor ? (await claimListQuery(db, { order: filters.order, cursor }, actor)).where : undefined;
    const rows = await db
      .select({
        claim: claims,
        article: { slug: articles.slug, title: articles.title, url: articles.url },
        published: { rating: publishedVerdict.rating, summary: publishedVerdict.summary, createdAt: publishedVerdict.createdAt },
        latest: sql<string | null>`(SELECT json_object('rating', v.rating, 'summary', v.summary, 'createdAt', v.created_at) FROM verdicts v WHERE v.claim_id = ${claims.id} ORDER BY v.created_at DESC, v.rowid DESC LIMIT 1)`,
      })
      .from(claims)
      .leftJoin(articles, eq(articles.id, claims.articleId))
      .leftJoin(publishedVerdict, eq(publishedVerdict.id, claims.publishedVerdictId))
      .where(and(where, after))
      .orderBy(...orderBy)
      .limit(EXPORT_PAGE_SIZE + 1)
      .all();
    const page = rows.slice(0, EXPORT_PAGE_SIZE);
    const last = page[page.length - 1];
    return {
      rows: page.map((r) => ({
        ...serialiseClaim(r.claim),
        article: r.article,
        latestVerdict: r.latest ? (JSON.parse(r.latest) as VerdictBrief) : null,
        publishedVerdict: r.claim.publishedVerdictId ? r.published : null,
      })),
      next: rows.length > EXPORT_PAGE_SIZE && last ? cursorOf(last.claim) : null,
    };
  };
}

/** The claims matching the list's filters, as a stream of CSV or JSON Lines. */
export function claimExport(db: Db, format: ExportFormat, filters: Omit<ClaimFilters, 'cursor' | 'limit'>, actor: Actor) {
  return exportStream(format, CLAIM_EXPORT_COLUMNS, claimExportPages(db, filters, actor), (row) => row);
}

type AuditRow = ReturnType<typeof serialiseEvent> & { claimId: string | null; articleId: string | null };

export const AUDIT_EXPORT_COLUMNS: ExportColumn<AuditRow>[] = [
  ...ownColumns<AuditRow>('id', 'at'),
  { name: 'actorName', get: (e) => e.actor.name },
  { name: 'actorUserId', get: (e) => e.actor.userId },
  { name: 'actorTokenId', get: (e) => e.actor.tokenId },
  ...ownColumns<AuditRow>('action', 'entityType', 'entityId', 'claimId', 'before', 'after'),
];

/** An article's audit trail (its own events and its claims'), oldest first. */
export function auditExport(db: Db, format: ExportFormat, articleId: string) {
  return exportStream(format, AUDIT_EXPORT_COLUMNS, async (cursor) => {
    const after = cursor ? Number(cursor) : 0;
    const rows = await db
      .select()
      .from(events)
      .where(and(eq(events.articleId, articleId), gt(events.id, after)))
      .orderBy(asc(events.id))
      .limit(EXPORT_PAGE_SIZE + 1)
      .all();
    const page = rows.slice(0, EXPORT_PAGE_SIZE);
    return {
      rows: page.map((r) => ({ ...serialiseEvent(r), claimId: r.claimId, articleId: r.articleId })),
      next: rows.length > EXPORT_PAGE_SIZE ? String(page[page.length - 1].id) : null,
    };
  }, (row) => row);
}
