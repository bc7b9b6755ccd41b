import { describe, expect, it } from 'vitest';
import { ALL_API_ROUTES, createApp } from '../../src/app';
import { documentedOperations } from '../../src/openapi';
import { call } from './helpers';

describe('OpenAPI', () => {
  it('is a 3.1 document that lists every /api/v1 route of the app', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    const documented = new Set(documentedOperations(ALL_API_ROUTES).map((o) => `${o.method} ${o.path}`));
    const routes = createApp()
      .routes.filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace('/api/v1', '').replace(/:(\w+)/g, '{$1}')}`);
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) expect(documented, route).toContain(route);
    // Request bodies are the zod schemas as JSON Schema.
    expect(res.json.paths['/articles'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['title', 'url', 'text']));
  });

  it('renders as a page', async () => {
    const res = await call('/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.text).toContain('/api/v1/claims/{id}/publish');
  });
});
