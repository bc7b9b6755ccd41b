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

  it('is a page whose renderer is a static asset reading the document (the Worker only serves the shell)', async () => {
    const res = await call('/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-spec="/api/v1/openapi.json"');
    expect(res.text).toMatch(/<script src="\/app\/assets\/api-docs(-[0-9a-f]{12})?\.js" defer/);
  });

  it('documents every operation with a summary, its responses, and an example where it takes a body', async () => {
    const doc = (await call('/api/v1/openapi.json')).json;
    for (const [path, methods] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(methods)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
    // The examples the contracts give (the page makes one from the schema for the others).
    expect(doc.paths['/articles/{id}/claims'].post.requestBody.content['application/json'].example).toMatchObject({ value: 'about 80,000 somoni' });
    expect(doc.paths['/values/read'].post.responses['200'].content['application/json'].example).toMatchObject({ preview: 'P12Y/P15Y · 12 to 15 years' });
    expect(doc.paths['/settings'].patch.requestBody.content['application/json'].schema.properties).toHaveProperty('correctionsContact');
  });
});
