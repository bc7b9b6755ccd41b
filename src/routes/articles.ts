import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { CreateArticle, CreateClaim, ListQuery, UpdateArticle, VersionOnly } from '../api-schemas';
import { requireActor, requireRole } from '../middleware/auth';
import { countClaimsByStatus, createArticle, deleteArticle, getArticle, listArticles, serialiseArticle, updateArticle } from '../services/articles';
import { createClaim, serialiseClaim } from '../services/claims';
import { ingestCandidates } from '../services/ingest';
import { validate } from '../validation';
import { dbOf, versionFrom, withEtag } from './helpers';
import { purgeFeedsAfterWrite } from './feed-http';

export const articleRoutes = new Hono<AppEnv>()
  .get('/articles', requireRole('checker', 'list articles'), validate('query', ListQuery), async (c) => {
    return c.json(await listArticles(dbOf(c), c.req.valid('query')));
  })
  .post('/articles', requireRole('editor', 'create articles'), validate('json', CreateArticle), async (c) => {
    const db = dbOf(c);
    const { extract, ...input } = c.req.valid('json');
    const actor = requireActor(c);
    const article = await createArticle(db, actor, input);
    // The article is stored; a failing extractor must not turn that into an error answer.
    const extraction = extract === false ? null : await ingestCandidates(db, actor, article).catch((error: unknown) => {
      console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), what: 'extraction after article create', error: String(error) }));
      return { error: 'The extractor failed; run POST /articles/{id}/extract again.' };
    });
    c.header('Location', `/api/v1/articles/${article.id}`);
    const counts = (await countClaimsByStatus(db, [article.id])).get(article.id) ?? {};
    return withEtag(c, { ...serialiseArticle(article, { withText: true, counts }), extraction }, 201);
  })
  .get('/articles/:id', requireRole('checker', 'read articles'), async (c) => {
    const db = dbOf(c);
    const article = await getArticle(db, c.req.param('id'));
    const counts = (await countClaimsByStatus(db, [article.id])).get(article.id) ?? {};
    return withEtag(c, serialiseArticle(article, { withText: true, counts }));
  })
  .patch('/articles/:id', requireRole('editor', 'edit articles'), validate('json', UpdateArticle), async (c) => {
    const { version, ...patch } = c.req.valid('json');
    const before = await getArticle(dbOf(c), c.req.param('id'));
    const updated = await updateArticle(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, version), patch);
    await purgeFeedsAfterWrite(c, { article: updated.id, slugs: [before.slug] });
    return withEtag(c, serialiseArticle(updated));
  })
  .delete('/articles/:id', requireRole('editor', 'delete articles'), async (c) => {
    // DELETE usually has no body; If-Match carries the version, or `?version=`.
    const q = VersionOnly.safeParse({ version: c.req.query('version') ? Number(c.req.query('version')) : undefined });
    const gone = await getArticle(dbOf(c), c.req.param('id'));
    await deleteArticle(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, q.success ? q.data.version : undefined));
    await purgeFeedsAfterWrite(c, { slugs: [gone.slug] });
    return c.body(null, 204);
  })
  .post('/articles/:id/extract', requireRole('checker', 'run the extractor'), async (c) => {
    const db = dbOf(c);
    const article = await getArticle(db, c.req.param('id'));
    return c.json(await ingestCandidates(db, requireActor(c), article));
  })
  .post('/articles/:id/claims', requireRole('checker', 'create claims'), validate('json', CreateClaim), async (c) => {
    const claim = await createClaim(dbOf(c), requireActor(c), c.req.param('id'), c.req.valid('json'));
    c.header('Location', `/api/v1/claims/${claim.id}`);
    return withEtag(c, serialiseClaim(claim), 201);
  });
