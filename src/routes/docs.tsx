import { ApiDocsPage, ProblemTypesPage } from '../../web/views/api-docs';
import { openApiDocument } from '../openapi';
import { PROBLEM_TYPES } from '../problem';
import { defineRoute, type ApiRoute } from './contract';

/**
 * The OpenAPI document, a page that renders it (no third-party script), and the problem
 * types. `documented` gives every route of the API (these three included), from which the
 * document is built.
 */
export function docsRoutes(documented: () => readonly ApiRoute[]): ApiRoute[] {
  const doc = (url: string) => openApiDocument(documented(), new URL('/api/v1', url).toString());
  return [
    defineRoute({ method: 'get', path: '/openapi.json', summary: 'This document', tag: 'docs', permission: 'anyone', ok: 200 }, (c) => {
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(doc(c.req.url));
    }),
    defineRoute({ method: 'get', path: '/docs', summary: 'This document as a readable reference (rendered in the browser)', tag: 'docs', permission: 'anyone', ok: 200 }, (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.html(<ApiDocsPage />);
    }),
    defineRoute({ method: 'get', path: '/problems', summary: 'What each problem type means', tag: 'docs', permission: 'anyone', ok: 200 }, (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.html(<ProblemTypesPage types={PROBLEM_TYPES} />);
    }),
  ];
}
