import * as z from 'zod';
import * as S from '../api-schemas';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { recordWrite } from '../middleware/after-write';
import { requireActor } from '../middleware/auth';
import { countClaimsByStatus, getArticle, serialiseArticle } from '../services/articles';
import { importArticle } from '../services/import';
import { ingestCandidates } from '../services/ingest';
import { getRevision, listRevisions, refreshArticle, type FetchSettings } from '../services/revisions';
import { defineRoute } from './contract';
import { dbOf, withEtag } from './helpers';

/** Where outbound fetches may go: the Worker's ENVIRONMENT and DOH_URL (docs/import.md). */
export const fetchSettings = (c: Context<AppEnv>): FetchSettings => ({ environment: c.env.ENVIRONMENT, dohUrl: c.env.DOH_URL });

/** Runs the extractor on an article's (new) text; a failure is logged, never the answer. */
async function suggest(c: Context<AppEnv>, articleId: string) {
  const db = dbOf(c);
  const article = await getArticle(db, articleId);
  return ingestCandidates(db, requireActor(c), article).then(
    (result) => recordWrite(c, result),
    (error: unknown) => {
      console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), what: 'extraction after import or refresh', error: String(error) }));
      return { error: 'The extractor failed; run POST /articles/{id}/extract again.' };
    },
  );
}

const IMPORT_DESCRIPTION = `The Worker fetches the page (http or https; in production public addresses on ports 80 and 443 only, checked again after every redirect; 10 s; 5 MiB; at most 5 redirects; HTML only), reads its story text by the same rules as the embed and its metadata (JSON-LD, OpenGraph, \`<title>\`, the canonical link), stores the article with its first revision and the extractor's suggestions, and follows the page from then on (see docs/import.md). Fields given in the body override what the page says. A page already loaded (by its URL, its canonical URL or where its redirects end) answers 409 with the existing article's id; every failure says which (\`url-blocked\`, \`page-unreachable\`, \`page-timeout\`, \`page-error\`, \`page-not-html\`, \`page-too-large\`, \`page-redirects\`, \`page-login-wall\`, \`page-no-story\`) and stores nothing.`;

export const livingRoutes = [
  defineRoute(
    { method: 'post', path: '/articles/import', summary: 'Import an article from its page on the publisher\u2019s site', description: IMPORT_DESCRIPTION, tag: 'articles', permission: 'article.import', body: S.ImportArticle, ok: 201 },
    async (c, { body }) => {
      const db = dbOf(c);
      const { extract, ...input } = body;
      const { article, sources, warnings } = recordWrite(c, await importArticle(db, requireActor(c), input, fetchSettings(c)));
      const extraction = extract === false ? null : await suggest(c, article.id);
      c.header('Location', `/api/v1/articles/${article.id}`);
      const counts = (await countClaimsByStatus(db, [article.id])).get(article.id) ?? {};
      return withEtag(c, { ...serialiseArticle(article, { withText: true, counts }), extraction, import: { sources, warnings } }, 201);
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/articles/{id}/refresh', summary: 'Fetch the article\u2019s page again; store a new revision if its text changed', tag: 'articles', permission: 'article.refresh', ok: 200,
      description: 'A conditional request (ETag, Last-Modified). Same text or 304: only the check is recorded. New text: a revision is stored and every claim placed again in it (moved, changed, gone); published claims whose words changed or went are flagged to the editors, and new figures become suggestions. A failure leaves the current revision as it is. Two refreshes racing store one revision.',
    },
    async (c, { params }) => {
      const db = dbOf(c);
      const article = await getArticle(db, params.id);
      const result = recordWrite(c, await refreshArticle(db, requireActor(c), article.id, 'refresh', fetchSettings(c)));
      const extraction = result.changed ? await suggest(c, article.id) : null;
      return c.json({ ...result, extraction });
    },
  ),
  defineRoute({ method: 'get', path: '/articles/{id}/revisions', summary: 'The revisions of an article\u2019s text, newest first, and its last check', tag: 'articles', permission: 'article.read', ok: 200 }, async (c, { params }) => {
    const db = dbOf(c);
    const article = await getArticle(db, params.id);
    return c.json({
      articleId: article.id,
      fetchUrl: article.fetchUrl,
      check: { at: article.checkedAt, result: article.checkResult, error: article.checkError, failures: article.checkFailures, next: article.nextCheckAt },
      items: await listRevisions(db, article.id),
    });
  }),
  defineRoute(
    { method: 'get', path: '/articles/{id}/revisions/{revisionId}', summary: 'One revision of an article\u2019s text', tag: 'articles', permission: 'article.read', params: z.object({ id: z.string(), revisionId: z.string() }), ok: 200 },
    async (c, { params }) => {
      const db = dbOf(c);
      const article = await getArticle(db, params.id);
      return c.json(await getRevision(db, article.id, params.revisionId));
    },
  ),
];
