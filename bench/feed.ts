/**
 * Public feed benchmark (`npm run bench:feed`: builds the assets, then runs this).
 *
 * Bundles the Worker as `wrangler deploy --dry-run` does and runs that bundle in-process
 * with Miniflare: D1 with the migrations from schema/migrations, one article with CLAIMS
 * published claims (inserted by SQL), and a copy of the static assets dir holding one extra
 * file, a static JSON of exactly the feed's bytes. One run measures:
 *
 * 1. server time of the static JSON asset and of `/annotations/{slug}` answered from the
 *    edge cache (interleaved), then of `/annotations/{slug}` built from D1 (the edge cache
 *    purged before each request): medians of RUNS requests, each timed from dispatch to
 *    the last body byte;
 * 2. the Worker bundle's size from the same dry run (goal: at most 150 KiB gzipped);
 * 3. the share of feed requests answered from the edge cache (`X-Factmark-Cache: hit`)
 *    under a read-heavy load: READS+WRITES requests, readers fetching the collection and
 *    following `next` as the embed does, with a publish or unpublish every 50 requests
 *    (2 %) through the API.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { BENCH_EMAIL, BENCH_ORIGIN, BENCH_PASSWORD, BENCH_SLUG, bundleWorker, seedBenchData } from './miniflare-worker.ts';
import { median, ms, pct } from './stats.ts';

const CLAIMS = 300;
const RUNS = 201;
const WARMUP = 30;
const LOAD_REQUESTS = 1000;
const WRITE_EVERY = 50; // 2 % of the requests are writes
const ORIGIN = BENCH_ORIGIN;
const SLUG = BENCH_SLUG;


// --- 1. The bundle, exactly what `wrangler deploy` would upload, and a copy of the assets
// holding one extra file: a static JSON of the feed's bytes (written below).
const worker = bundleWorker('factmark-bench-feed-');
const assets = worker.assets;
writeFileSync(join(assets, 'bench-static.json'), '{}'); // replaced by the feed's bytes below
const options = () => worker.options();
/** The bundle's size, as `npm run check` measures it (scripts/check-bundle.mjs), side by side with the feed's figures. */
const bundle = (() => {
  const dir = join(worker.tmp, 'worker');
  let raw = 0;
  let gzip = 0;
  for (const f of readdirSync(dir).filter((n) => /\.(m?js|wasm)$/.test(n))) {
    const bytes = readFileSync(join(dir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
})();

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

  // --- 3. Server time: built from D1 vs static asset vs edge cache, interleaved.
  const built: number[] = [];
  const stat: number[] = [];
  const cached: number[] = [];
  // (a) The static file and the cached feed, interleaved, with nothing else going on.
  await timed(mf, feedPath);
  await new Promise((r) => setTimeout(r, 50));
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const b = await timed(mf, '/bench-static.json');
    const c = await timed(mf, feedPath);
    if (c.res.headers.get('x-factmark-cache') !== 'hit') throw new Error('expected a cache hit');
    if (i >= WARMUP) {
      stat.push(b.ms);
      cached.push(c.ms);
    }
  }
  // (b) The feed built from D1: purge, request, then let its cache write land before the next.
  for (let i = 0; i < WARMUP + RUNS; i++) {
    await mf.purgeCache();
    const a = await timed(mf, feedPath);
    if (a.res.headers.get('x-factmark-cache') !== 'miss') throw new Error('expected a cache miss after the purge');
    if (i >= WARMUP) built.push(a.ms);
    await new Promise((r) => setTimeout(r, 30));
  }

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
    const doc = JSON.parse(new TextDecoder().decode(r.body));
    const after = doc.first ? doc.first.next : doc.next;
    next = after ? new URL(after).pathname + new URL(after).search : null;
  }

  const ratio = median(built) / median(stat);
  const share = hits / reads;
  const lines = [
    `Public feed: ${CLAIMS} published claims, collection of ${probe.bytes} bytes (first page of 100 embedded), Miniflare ${process.versions.node ? `on Node ${process.versions.node}` : ''}, bundled Worker (wrangler deploy --dry-run)`,
    `server time, median of ${RUNS} (p90):`,
    `  /annotations/{slug} built from D1 (cache purged): ${ms(median(built))} (${ms(pct(built, 90))})`,
    `  static JSON asset, same ${staticProbe.bytes} bytes:  ${ms(median(stat))} (${ms(pct(stat, 90))})`,
    `  /annotations/{slug} from the edge cache:           ${ms(median(cached))} (${ms(pct(cached, 90))})`,
    `  ratio built / static: ${ratio.toFixed(2)}x (goal <= 1.5x) ${ratio <= 1.5 ? 'MET' : 'NOT MET'}`,
    `  ratio cached / static: ${(median(cached) / median(stat)).toFixed(2)}x`,
    `Worker bundle (the same dry run): ${(bundle.raw / 1024).toFixed(1)} KiB, ${(bundle.gzip / 1024).toFixed(1)} KiB gzipped (goal <= 150 KiB gzipped) ${bundle.gzip <= 150 * 1024 ? 'MET' : 'NOT MET'}`,
    `cache share under load: ${LOAD_REQUESTS} requests = ${reads} feed reads (collection + next pages, as the embed reads) + ${writes} writes (publish/unpublish, ${((writes / LOAD_REQUESTS) * 100).toFixed(0)} %)`,
    `  served from cache: ${hits}/${reads} = ${(share * 100).toFixed(1)} % (goal >= 95 %) ${share >= 0.95 ? 'MET' : 'NOT MET'}; read median ${ms(median(loadTimes))}`,
  ];
  console.log(lines.join('\n'));
} finally {
  await mf.dispose();
  worker.cleanup();
}
