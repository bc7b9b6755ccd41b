import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { openApiDocument } from '../openapi';
import { ApiDocsPage, type DocsPageInput } from '../../web/views/api-docs';

/** The OpenAPI document and a page that renders it (no third-party script). */
export const docsRoutes = new Hono<AppEnv>()
  .get('/openapi.json', (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(openApiDocument(new URL('/api/v1', c.req.url).toString()));
  })
  .get('/docs', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(<ApiDocsPage doc={openApiDocument(new URL('/api/v1', c.req.url).toString()) as unknown as DocsPageInput} />);
  });
