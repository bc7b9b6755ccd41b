/**
 * Page weight of the reviewer UI: the HTML of a page plus every stylesheet and script it
 * loads, raw and gzipped, against a running server.
 *
 *   PORT=8801 PERSIST_DIR=/tmp/fm-weight npm start &     # or any running instance
 *   BASE_URL=http://127.0.0.1:8801 npx tsx bench/page-weight.ts
 *
 * Signs in with the demo accounts (local only).
 */
import { gzipSync } from 'node:zlib';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8787';

async function session(email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ email, password: 'factmark-demo' }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0];
}

async function bytes(path: string, cookie: string): Promise<Buffer> {
  const res = await fetch(new URL(path, base), { headers: { Cookie: cookie } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

interface Weight {
  page: string;
  parts: { path: string; raw: number; gzip: number }[];
}

async function weigh(page: string, cookie: string): Promise<Weight> {
  const html = await bytes(page, cookie);
  const text = html.toString('utf8');
  const assets = [...text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g), ...text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
  const parts = [{ path: `${page} (HTML)`, raw: html.length, gzip: gzipSync(html).length }];
  for (const a of assets) {
    const body = await bytes(a, cookie);
    parts.push({ path: a, raw: body.length, gzip: gzipSync(body).length });
  }
  return { page, parts };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const checker = await session('checker@factmark.local');
const editor = await session('editor@factmark.local');
const admin = await session('admin@factmark.local');
const claims = (await (await fetch(`${base}/api/v1/claims?article=art_demo_freekhayrullo&order=position&limit=1`, { headers: { Cookie: checker } })).json()) as { items: { id: string }[] };

const pages: [string, string][] = [
  ['/app/articles/art_demo_freekhayrullo', checker],
  ['/app/articles', editor],
  [`/app/claims/${claims.items[0]?.id}`, checker],
  ['/app/queue', editor],
  ['/app/admin', admin],
  ['/app/login', ''],
];

console.log('| page | HTML | CSS + JS | total raw | total gzip |');
console.log('|---|---|---|---|---|');
for (const [path, cookie] of pages) {
  const w = await weigh(path, cookie);
  const raw = w.parts.reduce((s, p) => s + p.raw, 0);
  const gz = w.parts.reduce((s, p) => s + p.gzip, 0);
  console.log(`| ${path} | ${kb(w.parts[0].raw)} | ${kb(raw - w.parts[0].raw)} (${w.parts.length - 1} files) | ${kb(raw)} | ${kb(gz)} |`);
}
console.log('\nSeed article view, file by file:');
for (const p of (await weigh(pages[0][0], checker)).parts) console.log(`  ${p.path}: ${kb(p.raw)} raw, ${kb(p.gzip)} gzip`);
