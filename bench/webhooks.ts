/**
 * Webhooks, locally: how long from an editor's publish to the webhook's arrival at a receiver,
 * and what a webhook costs the publish itself — with no endpoint, with a fast receiver, and
 * with a receiver that sleeps 30 s before answering (the API must not wait for it).
 *
 *   npx tsx bench/webhooks.ts                      # starts the app like `npm start` on a free port
 *   BASE_URL=http://127.0.0.1:8817 npx tsx bench/webhooks.ts   # or measures a running one
 *
 * The app runs under wrangler dev: miniflare's local queue, the Worker's own queue consumer,
 * D1 as SQLite. Receivers are Node servers on 127.0.0.1. Signs in with the demo accounts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalApp } from '../scripts/local-app';

const ROUNDS = Number(process.env.ROUNDS ?? 20);

const app = process.env.BASE_URL ? null : await startLocalApp({ quiet: true });
const base = process.env.BASE_URL ?? app!.baseURL;

let cookie = '';
async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/api/v1${path}`, { method, headers: { 'Content-Type': 'application/json', Origin: base, Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { res, json: text ? JSON.parse(text) : null };
}

/** claim id → when its claim.published webhook arrived (ms, performance.now()). */
const arrivals = new Map<string, number>();
function receiver(sleepMs: number): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const at = performance.now();
      try {
        const event = JSON.parse(body);
        if (event.type === 'claim.published' && sleepMs === 0) arrivals.set(event.data.claim.id, at);
      } catch {
        // not ours
      }
      setTimeout(() => res.end('ok'), sleepMs);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` })));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function flaggedClaims(n: number) {
  const text = Array.from({ length: n }, (_, i) => `Defendant ${i} was fined ${i + 1} somoni.`).join(' ');
  const article = (await api('POST', '/articles', { title: `Bench ${Date.now()}`, url: `https://news.example/bench-${Date.now()}-${Math.random()}`, publisher: 'Bench', publishedAt: '2024', text, extract: false })).json;
  const out: { id: string; version: number }[] = [];
  for (let i = 0; i < n; i++) {
    let c = (await api('POST', `/articles/${article.id}/claims`, { quote: `Defendant ${i} was`, kind: 'count', value: i })).json;
    const v = (await api('POST', `/claims/${c.id}/verdicts`, { rating: 'true', summary: 'Checked.', version: c.version })).json;
    c = (await api('POST', `/claims/${c.id}/flag`, { reason: 'Bench', version: v.claimVersion })).json;
    out.push({ id: c.id, version: c.version });
  }
  return out;
}

async function publishAll(claims: { id: string; version: number }[]) {
  const times: { id: string; start: number; answered: number }[] = [];
  for (const c of claims) {
    const start = performance.now();
    await api('POST', `/claims/${c.id}/publish`, { version: c.version });
    times.push({ id: c.id, start, answered: performance.now() });
    await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}

const servers: Server[] = [];
const hooks: string[] = [];
try {
  cookie = (await (async () => {
    const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ email: 'admin@factmark.local', password: 'factmark-demo' }) });
    if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0];
  })());
  // Endpoints left by an earlier run on the same database would add their own deliveries.
  for (const e of (await api('GET', '/webhooks')).json.items) await api('DELETE', `/webhooks/${e.id}`);

  // Warm-up (first requests compile and fill caches), not counted.
  await publishAll(await flaggedClaims(5));

  // 1. No endpoint: the publish alone.
  const baseline = await publishAll(await flaggedClaims(ROUNDS));

  // 2. A receiver that answers at once: publish → arrival.
  const fast = await receiver(0);
  servers.push(fast.server);
  hooks.push((await api('POST', '/webhooks', { url: fast.url, events: ['claim.published'] })).json.id);
  const withHook = await publishAll(await flaggedClaims(ROUNDS));
  const deadline = Date.now() + 30_000;
  while (withHook.some((t) => !arrivals.has(t.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const delays = withHook.filter((t) => arrivals.has(t.id)).map((t) => arrivals.get(t.id)! - t.start);

  // 3. And a receiver that sleeps 30 s before answering, on the same events.
  const slow = await receiver(30_000);
  servers.push(slow.server);
  hooks.push((await api('POST', '/webhooks', { url: slow.url, events: ['claim.published'] })).json.id);
  const withSleeper = await publishAll(await flaggedClaims(ROUNDS));

  const answer = (ts: { start: number; answered: number }[]) => ts.map((t) => t.answered - t.start);
  console.log(`Webhooks, ${ROUNDS} publications each, against ${base}`);
  console.log(`  publish answered, no endpoint:                      median ${fmt(median(answer(baseline)))}, p95 ${fmt(p95(answer(baseline)))}`);
  console.log(`  publish answered, one endpoint:                     median ${fmt(median(answer(withHook)))}, p95 ${fmt(p95(answer(withHook)))}`);
  console.log(`  publish answered, plus a receiver sleeping 30 s:    median ${fmt(median(answer(withSleeper)))}, p95 ${fmt(p95(answer(withSleeper)))}, max ${fmt(Math.max(...answer(withSleeper)))}`);
  console.log(`  publish → webhook arrival (${delays.length}/${ROUNDS} arrived): median ${fmt(median(delays))}, p95 ${fmt(p95(delays))}, max ${fmt(Math.max(...delays))}`);
} finally {
  for (const id of hooks) await api('DELETE', `/webhooks/${id}`).catch(() => undefined);
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  app?.stop();
}
