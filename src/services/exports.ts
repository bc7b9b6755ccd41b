/**
 * Exports for spreadsheets and scripts: the claims list (with the list's filters) and an
 * article's audit trail, as CSV or JSON Lines, streamed page by page with keyset pagination.
 */
import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';
import { articles, events, verdicts } from '../../schema/tables';
import { inListChunks, insertionOrder, type Db } from '../db';
import type { Actor } from '../env';
import { listClaims, type ClaimFilters } from './claims';
import { serialiseEvent } from './events';
import { exportStream, type ExportColumn, type ExportFormat } from './export-writers';

/** Rows read from D1 per page of an export. */
export const EXPORT_PAGE_SIZE = 200;

type ListedClaim = Awaited<ReturnType<typeof listClaims>>['items'][number];
type VerdictBrief = { rating: string; summary: string; createdAt: string } | null;

/** A claim as exported: the list's item plus its article and verdicts, so a spreadsheet needs nothing else. */
export type ExportedClaim = ListedClaim & {
  article: { slug: string; title: string; url: string } | null;
  latestVerdict: VerdictBrief;
  publishedVerdict: VerdictBrief;
};

export const CLAIM_EXPORT_COLUMNS: ExportColumn<ExportedClaim>[] = [
  { name: 'id', get: (c) => c.id },
  { name: 'articleId', get: (c) => c.articleId },
  { name: 'articleSlug', get: (c) => c.article?.slug },
  { name: 'articleTitle', get: (c) => c.article?.title },
  { name: 'articleUrl', get: (c) => c.article?.url },
  { name: 'quote', get: (c) => c.quote },
  { name: 'start', get: (c) => c.start },
  { name: 'end', get: (c) => c.end },
  { name: 'kind', get: (c) => c.kind },
  { name: 'value', get: (c) => c.value },
  { name: 'approximate', get: (c) => c.approximate },
  { name: 'bound', get: (c) => c.bound },
  { name: 'subject', get: (c) => c.subject },
  { name: 'speaker', get: (c) => c.speaker },
  { name: 'status', get: (c) => c.status },
  { name: 'public', get: (c) => c.public },
  { name: 'latestRating', get: (c) => c.latestVerdict?.rating },
  { name: 'latestSummary', get: (c) => c.latestVerdict?.summary },
  { name: 'publishedRating', get: (c) => c.publishedVerdict?.rating },
  { name: 'publishedSummary', get: (c) => c.publishedVerdict?.summary },
  { name: 'publishedAt', get: (c) => c.publishedAt },
  { name: 'unpublishedAt', get: (c) => c.unpublishedAt },
  { name: 'origin', get: (c) => c.origin },
  { name: 'suggested', get: (c) => c.suggested },
  { name: 'assigneeId', get: (c) => c.assigneeId },
  { name: 'version', get: (c) => c.version },
  { name: 'createdAt', get: (c) => c.createdAt },
  { name: 'updatedAt', get: (c) => c.updatedAt },
];

/** One page of the claims list with what the export adds (two more queries, in one batch). */
async function claimExportPage(db: Db, filters: Omit<ClaimFilters, 'cursor' | 'limit'>, actor: Actor, cursor: string | null) {
  const page = await listClaims(db, { ...filters, cursor: cursor ?? undefined, limit: EXPORT_PAGE_SIZE }, actor);
  if (!page.items.length) return { rows: [], next: null };
  const claimIds = page.items.map((c) => c.id);
  const articleIds = [...new Set(page.items.map((c) => c.articleId))];
  const queries = [
    ...inListChunks(articleIds).map((ids) => db.select({ id: articles.id, slug: articles.slug, title: articles.title, url: articles.url }).from(articles).where(inArray(articles.id, ids))),
    ...inListChunks(claimIds).map((ids) =>
      db
        .select({ id: verdicts.id, claimId: verdicts.claimId, rating: verdicts.rating, summary: verdicts.summary, createdAt: verdicts.createdAt })
        .from(verdicts)
        .where(inArray(verdicts.claimId, ids))
        .orderBy(desc(verdicts.createdAt), insertionOrder('verdicts', 'desc')),
    ),
  ];
  const results = (await db.batch(queries as [(typeof queries)[number], ...(typeof queries)[number][]])) as unknown[][];
  const articleRows = results.slice(0, inListChunks(articleIds).length).flat() as { id: string; slug: string; title: string; url: string }[];
  const verdictRows = results.slice(inListChunks(articleIds).length).flat() as { id: string; claimId: string; rating: string; summary: string; createdAt: string }[];
  const articleOf = new Map(articleRows.map((a) => [a.id, { slug: a.slug, title: a.title, url: a.url }]));
  const latest = new Map<string, VerdictBrief>();
  const byId = new Map<string, VerdictBrief>();
  for (const v of verdictRows) {
    const brief = { rating: v.rating, summary: v.summary, createdAt: v.createdAt };
    if (!latest.has(v.claimId)) latest.set(v.claimId, brief);
    byId.set(v.id, brief);
  }
  const rows: ExportedClaim[] = page.items.map((c) => ({
    ...c,
    article: articleOf.get(c.articleId) ?? null,
    latestVerdict: latest.get(c.id) ?? null,
    publishedVerdict: c.publishedVerdictId ? (byId.get(c.publishedVerdictId) ?? null) : null,
  }));
  return { rows, next: page.nextCursor };
}

/** The claims matching the list's filters, as a stream of CSV or JSON Lines. */
export function claimExport(db: Db, format: ExportFormat, filters: Omit<ClaimFilters, 'cursor' | 'limit'>, actor: Actor) {
  return exportStream(format, CLAIM_EXPORT_COLUMNS, (cursor) => claimExportPage(db, filters, actor, cursor), (row) => row);
}

type AuditRow = ReturnType<typeof serialiseEvent> & { claimId: string | null; articleId: string | null };

export const AUDIT_EXPORT_COLUMNS: ExportColumn<AuditRow>[] = [
  { name: 'id', get: (e) => e.id },
  { name: 'at', get: (e) => e.at },
  { name: 'actorName', get: (e) => e.actor.name },
  { name: 'actorUserId', get: (e) => e.actor.userId },
  { name: 'actorTokenId', get: (e) => e.actor.tokenId },
  { name: 'action', get: (e) => e.action },
  { name: 'entityType', get: (e) => e.entityType },
  { name: 'entityId', get: (e) => e.entityId },
  { name: 'claimId', get: (e) => e.claimId },
  { name: 'before', get: (e) => e.before },
  { name: 'after', get: (e) => e.after },
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
