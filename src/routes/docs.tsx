import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { openApiDocument } from '../openapi';
import { ApiDocsPage, ProblemTypesPage, type DocsPageInput } from '../../web/views/api-docs';
import { PROBLEM_TYPES } from '../errors';

/** The OpenAPI document, a page that renders it (no third-party script), and the problem types. */
export const docsRoutes = new Hono<AppEnv>()
  .get('/openapi.json', (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(openApiDocument(new URL('/api/v1', c.req.url).toString()));
  })
  .get('/problems', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(<ProblemTypesPage types={PROBLEM_TYPES} />);
  })
  .get('/docs', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(<ApiDocsPage doc={openApiDocument(new URL('/api/v1', c.req.url).toString()) as unknown as DocsPageInput} />);
  });
