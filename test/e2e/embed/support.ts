/**
 * Helpers for the embed's end-to-end tests against the real Worker: an API client that
 * signs in like a browser (cookie + Origin), the review workflow up to publish, and a tiny
 * "publisher" web server on another 127.0.0.1 origin.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readResponse } from '../../read-response';

export const SEED_SLUG = 'freekhayrullo-and-the-art-of-changing-tajikistans-mind';
export const SEED_URL = 'https://thediplomat.com/2017/08/freekhayrullo-and-the-art-of-changing-tajikistans-mind/';

export interface Api {
  call(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; json: any; text: string; headers: Headers }>;
}

/** Signs in with a demo account and returns a client carrying the session cookie. */
export async function signIn(base: string, email = 'editor@factmark.local', password = 'factmark-demo'): Promise<Api> {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ email, password }) });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    async call(path, init = {}) {
      const headers: Record<string, string> = { Cookie: cookie, Origin: base, ...(init.headers ?? {}) };
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      return readResponse(await fetch(base + path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }));
    },
  };
}

export interface Verdict {
  rating: string;
  summary: string;
  explanation?: string;
}

/** Verdict, sources, flag, publish: a claim through the whole workflow. Idempotent for a public claim. */
export async function publishClaim(api: Api, claim: { id: string; version: number; status?: string }, verdict: Verdict, sources: { url: string; title: string; publisher?: string }[] = []) {
  if (claim.status === 'published') return claim;
  let version = claim.version;
  const post = async (path: string, body: Record<string, unknown>) => {
    const res = await api.call(`/api/v1/claims/${claim.id}/${path}`, { method: 'POST', body: { ...body, version } });
    if (res.status >= 300) throw new Error(`${path} ${claim.id}: ${res.status} ${res.text}`);
    version = res.json.version ?? res.json.claimVersion;
  };
  await post('verdicts', { ...verdict });
  for (const s of sources) await post('sources', { ...s, type: 'court' });
  await post('flag', { reason: 'Ready for the editors' });
  await post('publish', {});
  return { ...claim, version, status: 'published' };
}

/**
 * An article made from a text fixture of `test/fixtures/extract/` (its first line as the
 * title), with every claim the extractor proposed published under `rating`.
 */
export async function publishFixtureArticle(api: Api, name: string, opts: { site: string; publisher: string; rating: string }) {
  const text = readFileSync(`test/fixtures/extract/${name}.txt`, 'utf8');
  const gold = JSON.parse(readFileSync(`test/fixtures/extract/${name}.gold.json`, 'utf8')) as { publishedAt: string };
  const title = text.split('\n')[0];
  const created = await api.call('/api/v1/articles', { method: 'POST', body: { title, url: `${opts.site}/${name}-${Date.now()}`, publisher: opts.publisher, publishedAt: gold.publishedAt, text } });
  if (created.status !== 201) throw new Error(`create ${name}: ${created.status} ${created.text}`);
  const claims = await claimsOf(api, created.json.id);
  for (const c of claims) await publishClaim(api, c, { rating: opts.rating, summary: `Checked: ${c.quote}.` });
  return { title, article: created.json as { id: string; slug: string; text: string }, claims };
}

/** An article's claims in text order. */
export async function claimsOf(api: Api, article: string) {
  const res = await api.call(`/api/v1/claims?article=${encodeURIComponent(article)}&order=position&limit=200`);
  if (res.status !== 200) throw new Error(`list claims: ${res.status} ${res.text}`);
  return res.json.items as { id: string; version: number; status: string; quote: string; start: number; end: number }[];
}

export interface PublisherPage {
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

/** A publisher's web server on a free 127.0.0.1 port (another origin than the Worker's). */
export async function publisherServer() {
  const pages = new Map<string, PublisherPage>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const page = pages.get((req.url ?? '/').split('?')[0]);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': page.type ?? 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers });
    res.end(page.body);
  });
  // Browsers ask for it on every page; a 404 would show as a console error in the tests' logs.
  pages.set('/favicon.ico', { body: '', type: 'image/x-icon' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, pages, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** After a file's tests: its browser contexts and its publisher server. */
export async function closeAll(contexts: { close(): Promise<void> }[], pub?: { close(): Promise<void> }) {
  await Promise.all(contexts.map((c) => c.close()));
  await pub?.close();
}
