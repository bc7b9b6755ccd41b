import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ClaimExportQuery, ExportFormatQuery } from '../api-schemas';
import { requireActor, requireRole } from '../middleware/auth';
import { getArticle } from '../services/articles';
import { exportHeaders } from '../services/export-writers';
import { auditExport, claimExport } from '../services/exports';
import { validate } from '../validation';
import { dbOf } from './helpers';

/**
 * Downloads: the claims list (same filters) and an article's audit trail, as CSV or JSON
 * Lines, streamed page by page (any size, constant memory). Mounted before the claims router,
 * whose `/claims/:id` would otherwise take `/claims/export`.
 */
export const exportRoutes = new Hono<AppEnv>()
  .get('/claims/export', requireRole('checker', 'export claims'), validate('query', ClaimExportQuery), (c) => {
    const { format, ...filters } = c.req.valid('query');
    const day = new Date().toISOString().slice(0, 10);
    return new Response(claimExport(dbOf(c), format, filters, requireActor(c)), { headers: exportHeaders(format, `factmark-claims-${day}`) });
  })
  .get('/articles/:id/history/export', requireRole('checker', 'export audit trails'), validate('query', ExportFormatQuery), async (c) => {
    const { format } = c.req.valid('query');
    const article = await getArticle(dbOf(c), c.req.param('id'));
    return new Response(auditExport(dbOf(c), format, article.id), { headers: exportHeaders(format, `factmark-audit-${article.slug}`) });
  });
