/**
 * Public feed benchmark (`npm run bench:feed`: builds the assets, then runs this).
 *
 * Bundles the Worker as `wrangler deploy --dry-run` does and runs that bundle in-process
 * with Miniflare: D1 with the migrations from schema/migrations, one article with CLAIMS
 * published claims and their audit trail, plus drafts whose events are the newest (inserted
 * by SQL: bench/miniflare-worker.ts), and a copy of the static assets dir holding one extra
 * file, a static JSON of exactly the feed's bytes. One run measures:
 *
 * 1. server time, interleaved request by request, of: the static JSON asset; the feed from
 *    the edge cache; the feed on an edge-cache miss served from its page kept in D1
 *    (src/services/feed-pages.ts: one statement, stamp checked); and the feed on an edge-cache
 *    miss with nothing kept, built from D1 as every miss was before the pages were kept (the
 *    first read after a change that no reaction rendered). Medians of RUNS requests, each
 *    timed from dispatch to the last body byte;
 * 2. the Worker bundle's size from the same dry run;
 * 3. where feed requests were answered from (`X-Factmark-Cache`: edge cache, kept page, built)
 *    under a read-heavy load: READS+WRITES requests, readers fetching the collection and
 *    following `next` as the embed does, with a publish or unpublish every 50 requests
 *    (2 %) through the API.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { bundleSize } from '../scripts/bundle-size.mjs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { WRITE_BEHIND_MS } from '../src/services/public-cache.ts';
import { BENCH_DRAFTS, BENCH_EMAIL, BENCH_ORIGIN, BENCH_PASSWORD, BENCH_SLUG, bundleWorker, seedBenchData } from './miniflare-worker.ts';
import { median, ms, pct } from './stats.ts';

const CLAIMS = 300;
const RUNS = 201;
const WARMUP = 30;
const LOAD_REQUESTS = 1000;
const WRITE_EVERY = 50; // 2 % of the requests are writes
const ORIGIN = BENCH_ORIGIN;
const SLUG = BENCH_SLUG;

const loadAtStart = loadavg();

// --- 1. The bundle, exactly what `wrangler deploy` would upload, and a copy of the assets
// holding one extra file: a static JSON of the feed's bytes (written below).
const worker = bundleWorker('factmark-bench-feed-');
const assets = worker.assets;
writeFileSync(join(assets, 'bench-static.json'), '{}'); // replaced by the feed's bytes below
const options = () => worker.options();
/** The bundle's size, as `npm run check` measures it (scripts/check-bundle.mjs), side by side with the feed's figures. */
const bundle = bundleSize(join(worker.tmp, 'worker'));

async function start() {
  const mf = new Miniflare(options());
  await mf.ready;
  return mf;
}

async function timed(mf: Miniflare, path: string, headers: Record<string, string> = {}) {
  const t0 = performance.now();
  const res = await mf.dispatchFetch(ORIGIN + path, { headers });
  const body = await res.arrayBuffer();
  return { ms: performance.now() - t0, res, bytes: body.byteLength, body };
}

const mf = await start();
try {
  const claimIds = await seedBenchData(mf, CLAIMS);
  const feedPath = `/annotations/${SLUG}`;

  // The static twin: the feed's exact bytes, served as a static asset by the same Worker.
  await mf.purgeCache();
  const probe = await timed(mf, feedPath);
  if (probe.res.status !== 200) throw new Error(`feed answered ${probe.res.status}`);
  const feedJson = JSON.parse(new TextDecoder().decode(probe.body));
  if (feedJson.total !== CLAIMS) throw new Error(`feed total ${feedJson.total}, expected ${CLAIMS}`);
  writeFileSync(join(assets, 'bench-static.json'), new Uint8Array(probe.body));
  // Assets are read at start-up: restart on the same D1 and cache folders.
  await mf.setOptions(options());
  const staticProbe = await timed(mf, '/bench-static.json');
  if (staticProbe.bytes !== probe.bytes) throw new Error(`static twin is ${staticProbe.bytes} bytes, feed ${probe.bytes}`);

  // --- 3. Server time, interleaved: static asset, edge cache, kept page, built from D1.
  const d1 = await mf.getD1Database('DB');
  const built: number[] = [];
  const kept: number[] = [];
  const stat: number[] = [];
  const cached: number[] = [];
  // The copies a miss writes (edge cache, stored page) go WRITE_BEHIND_MS after the answer: let
  // them land before the next measurement, so that no measurement shares the machine with them.
  const settle = () => new Promise((r) => setTimeout(r, WRITE_BEHIND_MS + 50));
  await timed(mf, feedPath);
  await settle();
  // Each round measures the four in a random order, each after the same pause (the previous
  // measurement's writes landed, the machine idle), so that none is favoured by its place.
  const measures: Record<'static' | 'cached' | 'kept' | 'built', () => Promise<number>> = {
    static: async () => (await timed(mf, '/bench-static.json')).ms,
    cached: async () => {
      await timed(mf, feedPath); // into the edge cache, if a purge emptied it
      await settle();
      const c = await timed(mf, feedPath);
      if (c.res.headers.get('x-factmark-cache') !== 'hit') throw new Error('expected a cache hit');
      return c.ms;
    },
    // An edge-cache miss answered from the page kept in D1.
    kept: async () => {
      await timed(mf, feedPath); // the page kept, if a measurement emptied the table
      await settle();
      await mf.purgeCache();
      const k = await timed(mf, feedPath);
      if (k.res.headers.get('x-factmark-cache') !== 'stored') throw new Error(`expected the kept page, got ${k.res.headers.get('x-factmark-cache')}`);
      if (k.bytes !== probe.bytes) throw new Error('the kept page differs from the built one');
      return k.ms;
    },
    // An edge-cache miss with nothing kept: built from D1 (then kept, after the response).
    built: async () => {
      await mf.purgeCache();
      await d1.prepare('DELETE FROM feed_pages').run();
      const a = await timed(mf, feedPath);
      if (a.res.headers.get('x-factmark-cache') !== 'miss') throw new Error('expected a build from D1');
      if (a.bytes !== probe.bytes) throw new Error('the built page differs from the first');
      return a.ms;
    },
  };
  const series = { static: stat, cached, kept, built };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const order = (Object.keys(measures) as (keyof typeof measures)[]).sort(() => Math.random() - 0.5);
    for (const name of order) {
      await settle();
      const t = await measures[name]();
      if (i >= WARMUP) series[name].push(t);
    }
  }
  await settle();

  // --- 4. Cache share under a read-heavy load with publishes and unpublishes.
  const login = await mf.dispatchFetch(`${ORIGIN}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN }, body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }) });
  if (login.status !== 200) throw new Error(`login ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const api = async (path: string, body: unknown) => {
    const res = await mf.dispatchFetch(ORIGIN + path, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN, Cookie: cookie }, body: JSON.stringify(body) });
    const json = (await res.json()) as any;
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const detail = async (id: string) => {
    const res = await mf.dispatchFetch(`${ORIGIN}/api/v1/claims/${id}`, { headers: { Cookie: cookie } });
    return (await res.json()) as any;
  };
  await mf.purgeCache();
  let reads = 0;
  let hits = 0;
  let stored = 0;
  let writes = 0;
  let next: string | null = null; // the reader's next page, if it is part-way through the feed
  const toggled = new Map<string, boolean>(); // claim id → currently published
  const loadTimes: number[] = [];
  for (let i = 1; i <= LOAD_REQUESTS; i++) {
    if (i % WRITE_EVERY === 0) {
      // Alternate: unpublish a claim, then publish it again (flag + publish) next time.
      const id = claimIds[(writes >> 1) * 7 % claimIds.length];
      const c = await detail(id);
      if (toggled.get(id) === false) {
        const flagged = await api(`/api/v1/claims/${id}/flag`, { reason: 'bench', version: c.version });
        await api(`/api/v1/claims/${id}/publish`, { version: flagged.version });
        toggled.set(id, true);
      } else {
        await api(`/api/v1/claims/${id}/unpublish`, { version: c.version });
        toggled.set(id, false);
      }
      writes++;
      continue;
    }
    const path: string = next ?? feedPath;
    const r = await timed(mf, path);
    if (r.res.status !== 200) throw new Error(`${path}: ${r.res.status}`);
    reads++;
    loadTimes.push(r.ms);
    if (r.res.headers.get('x-factmark-cache') === 'hit') hits++;
    if (r.res.headers.get('x-factmark-cache') === 'stored') stored++;
    const doc = JSON.parse(new TextDecoder().decode(r.body));
    const after = doc.first ? doc.first.next : doc.next;
    next = after ? new URL(after).pathname + new URL(after).search : null;
  }

  const ratio = median(kept) / median(stat);
  const share = hits / reads;
  const lines = [
    `Public feed: ${CLAIMS} published claims (+${BENCH_DRAFTS} drafts with the newest events), collection of ${probe.bytes} bytes (first page of 100 embedded), Miniflare ${process.versions.node ? `on Node ${process.versions.node}` : ''}, bundled Worker (wrangler deploy --dry-run); load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at the start, ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`,
    `server time, median of ${RUNS} rounds, interleaved (p90):`,
    `  static JSON asset, same ${staticProbe.bytes} bytes:             ${ms(median(stat))} (${ms(pct(stat, 90))})`,
    `  /annotations/{slug} from the edge cache:                ${ms(median(cached))} (${ms(pct(cached, 90))})`,
    `  /annotations/{slug}, edge miss, page kept in D1:        ${ms(median(kept))} (${ms(pct(kept, 90))})`,
    `  /annotations/{slug}, edge miss, nothing kept (built):   ${ms(median(built))} (${ms(pct(built, 90))})`,
    `  ratio edge miss (kept page) / static: ${ratio.toFixed(2)}x (goal <= 1.5x) ${ratio <= 1.5 ? 'MET' : 'NOT MET'}`,
    `  ratio built from D1 / static: ${(median(built) / median(stat)).toFixed(2)}x (every edge miss before the pages were kept)`,
    `  ratio edge cache / static: ${(median(cached) / median(stat)).toFixed(2)}x`,
    `Worker bundle (the same dry run): ${(bundle.raw / 1024).toFixed(1)} KiB, ${(bundle.gzip / 1024).toFixed(1)} KiB gzipped`,
    `under load: ${LOAD_REQUESTS} requests = ${reads} feed reads (collection + next pages, as the embed reads) + ${writes} writes (publish/unpublish, ${((writes / LOAD_REQUESTS) * 100).toFixed(0)} %)`,
    `  edge cache: ${hits}/${reads} = ${(share * 100).toFixed(1)} % (goal >= 95 %) ${share >= 0.95 ? 'MET' : 'NOT MET'}; kept page: ${stored}; built from D1: ${reads - hits - stored}; read median ${ms(median(loadTimes))}`,
  ];
  console.log(lines.join('\n'));
} finally {
  await mf.dispose();
  worker.cleanup();
}
