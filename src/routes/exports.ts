import * as S from '../api-schemas';
import { requireActor } from '../middleware/auth';
import { getArticle } from '../services/articles';
import { CSV_MEDIA_TYPE, exportHeaders } from '../services/export-writers';
import { auditExport, claimExport } from '../services/exports';
import { defineRoute } from './contract';
import { dbOf } from './helpers';

const DOWNLOAD = 'CSV (RFC 4180, UTF-8 with a byte-order mark, formulas neutralised with a leading apostrophe) or JSON Lines, streamed page by page: any size, constant memory.';

/**
 * Downloads: the claims list (same filters) and an article's audit trail. Listed before the
 * claims routes, whose `/claims/{id}` would otherwise take `/claims/export`.
 */
export const exportRoutes = [
  defineRoute(
    { method: 'get', path: '/claims/export', summary: 'Export the claims matching the list’s filters as CSV or JSON Lines', description: DOWNLOAD, tag: 'exports', permission: 'claim.export', query: S.ClaimExportQuery, ok: 200, response: { description: 'The claims, one a row or line', mediaType: CSV_MEDIA_TYPE } },
    (c, { query }) => {
      const { format, ...filters } = query;
      const day = new Date().toISOString().slice(0, 10);
      return new Response(claimExport(dbOf(c), format, filters, requireActor(c)), { headers: exportHeaders(format, `factmark-claims-${day}`) });
    },
  ),
  defineRoute(
    { method: 'get', path: '/articles/{id}/history/export', summary: 'Export an article’s audit trail (its claims’ too), oldest first, as CSV or JSON Lines', description: DOWNLOAD, tag: 'exports', permission: 'article.history', query: S.ExportFormatQuery, ok: 200, response: { description: 'The events, one a row or line', mediaType: CSV_MEDIA_TYPE } },
    async (c, { params, query }) => {
      const db = dbOf(c);
      const article = await getArticle(db, params.id);
      return new Response(auditExport(db, query.format, article.id), { headers: exportHeaders(query.format, `factmark-audit-${article.slug}`) });
    },
  ),
];
