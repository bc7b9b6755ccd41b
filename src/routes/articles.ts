import * as S from '../api-schemas';
import { recordWrite } from '../middleware/after-write';
import { requireActor } from '../middleware/auth';
import { countClaimsByStatus, createArticle, deleteArticle, getArticle, listArticles, serialiseArticle, updateArticle } from '../services/articles';
import { createClaim, serialiseClaim } from '../services/claims';
import { ingestCandidates } from '../services/ingest';
import { defineRoute } from './contract';
import { dbOf, queryVersion, versionFrom, withEtag } from './helpers';

export const articleRoutes = [
  defineRoute({ method: 'get', path: '/articles', summary: 'List articles, newest first, with claim counts by status', tag: 'articles', permission: 'article.list', query: S.ListQuery, ok: 200 }, async (c, { query }) =>
    c.json(await listArticles(dbOf(c), query)),
  ),
  defineRoute({ method: 'post', path: '/articles', summary: 'Create an article (text normalised) and store the extractor\u2019s candidates', tag: 'articles', permission: 'article.create', body: S.CreateArticle, ok: 201 }, async (c, { body }) => {
    const db = dbOf(c);
    const { extract, ...input } = body;
    const actor = requireActor(c);
    const article = recordWrite(c, await createArticle(db, actor, input));
    // The article is stored; a failing extractor must not turn that into an error answer.
    const extraction =
      extract === false
        ? null
        : await ingestCandidates(db, actor, article).then(
            (result) => recordWrite(c, result),
            (error: unknown) => {
              console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), what: 'extraction after article create', error: String(error) }));
              return { error: 'The extractor failed; run POST /articles/{id}/extract again.' };
            },
          );
    c.header('Location', `/api/v1/articles/${article.id}`);
    const counts = (await countClaimsByStatus(db, [article.id])).get(article.id) ?? {};
    return withEtag(c, { ...serialiseArticle(article, { withText: true, counts }), extraction }, 201);
  }),
  defineRoute({ method: 'get', path: '/articles/{id}', summary: 'Get an article with its text (id or slug)', tag: 'articles', permission: 'article.read', ok: 200 }, async (c, { params }) => {
    const db = dbOf(c);
    const article = await getArticle(db, params.id);
    const counts = (await countClaimsByStatus(db, [article.id])).get(article.id) ?? {};
    return withEtag(c, serialiseArticle(article, { withText: true, counts }));
  }),
  defineRoute({ method: 'patch', path: '/articles/{id}', summary: 'Update article metadata', tag: 'articles', permission: 'article.update', body: S.UpdateArticle, ok: 200, versioned: true }, async (c, { params, body }) => {
    const { version, ...patch } = body;
    return withEtag(c, serialiseArticle(recordWrite(c, await updateArticle(dbOf(c), requireActor(c), params.id, versionFrom(c, version), patch))));
  }),
  defineRoute({ method: 'delete', path: '/articles/{id}', summary: 'Delete an article while none of its claims is published', tag: 'articles', permission: 'article.delete', ok: 204, versioned: true }, async (c, { params }) => {
    // DELETE usually has no body; If-Match carries the version, or `?version=`.
    recordWrite(c, await deleteArticle(dbOf(c), requireActor(c), params.id, versionFrom(c, queryVersion(c))));
    return c.body(null, 204);
  }),
  defineRoute({ method: 'post', path: '/articles/{id}/extract', summary: 'Run the extractor again; stores new candidates only', tag: 'articles', permission: 'article.extract', ok: 200 }, async (c, { params }) => {
    const db = dbOf(c);
    const article = await getArticle(db, params.id);
    return c.json(recordWrite(c, await ingestCandidates(db, requireActor(c), article)));
  }),
  defineRoute({
    method: 'post', path: '/articles/{id}/claims', summary: 'Create a claim on a quote of the article', tag: 'claims', permission: 'claim.create', body: S.CreateClaim, ok: 201,
    description: S.VALUE_IN_WORDS,
    requestExample: { quote: 'about 80,000 somoni', kind: 'money', value: 'about 80,000 somoni', subject: 'fine', statement: 'Mirsaidov was fined about 80,000 somoni.' },
    response: { description: 'The claim as stored: the words above store `value: {"amount": 80000, "currency": "TJS"}` and `approximate: true`.' },
  }, async (c, { params, body }) => {
    const claim = recordWrite(c, await createClaim(dbOf(c), requireActor(c), params.id, body));
    c.header('Location', `/api/v1/claims/${claim.id}`);
    return withEtag(c, serialiseClaim(claim), 201);
  }),
];
