/**
 * The static files (/embed.js, /app/assets/*) are answered by the assets layer before the
 * Worker runs: they must carry the same security headers as every Worker response, and the
 * caching they need (scripts/build-web.mjs writes their `_headers`).
 */
import { describe, expect, it } from 'vitest';
import SECURITY_HEADERS from '../../src/middleware/security-headers.json';
import { baseURL } from './browser';

/** Every /app/assets/ URL that a page links to (stylesheets and scripts). */
async function linkedAssets(path: string): Promise<string[]> {
  const html = await (await fetch(`${baseURL()}${path}`)).text();
  return [...html.matchAll(/(?:href|src)="(\/app\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

function expectSecurityHeaders(res: Response, except: string[] = []) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!except.includes(name)) expect(res.headers.get(name), `${res.url}: ${name}`).toBe(value);
  }
}

describe('static files', () => {
  it('/embed.js keeps its name, carries the security headers, loads from any site and is cached briefly', async () => {
    const res = await fetch(`${baseURL()}/embed.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expectSecurityHeaders(res, ['Cross-Origin-Resource-Policy']);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=3600');
  });

  it('the reviewer UI links fingerprinted scripts and styles that carry the security headers and are cached for a year', async () => {
    const assets = [...new Set([...(await linkedAssets('/app/login')), ...(await linkedAssets('/'))])];
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const path of assets) {
      expect(path).toMatch(/-[0-9a-f]{12}\.(css|js)$/);
      const res = await fetch(`${baseURL()}${path}`);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res);
      expect(res.headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
    }
  });

  it('an unknown asset falls through to the Worker: a 404 problem with the same headers', async () => {
    const res = await fetch(`${baseURL()}/app/assets/nothing-000000000000.js`);
    expect(res.status).toBe(404);
    expectSecurityHeaders(res);
  });
});
