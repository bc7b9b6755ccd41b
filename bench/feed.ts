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
 * 2. the share of feed requests answered from the edge cache (`X-Factmark-Cache: hit`)
 *    under a read-heavy load: READS+WRITES requests, readers fetching the collection and
 *    following `next` as the embed does, with a publish or unpublish every 50 requests
 *    (2 %) through the API.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { newPasswordRecord } from '../src/auth/crypto.ts';

const CLAIMS = 300;
const RUNS = 201;
const WARMUP = 30;
const LOAD_REQUESTS = 1000;
const WRITE_EVERY = 50; // 2 % of the requests are writes
const ORIGIN = 'https://factmark.bench';
const SLUG = 'bench-article';
const PASSWORD = 'bench password 123';

const tmp = mkdtempSync(join(tmpdir(), 'factmark-bench-feed-'));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(2)} ms`;

// --- 1. The bundle, exactly what `wrangler deploy` would upload.
execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', join(tmp, 'worker')], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
const compatibilityDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync('wrangler.toml', 'utf8'))?.[1] ?? '2026-10-20';
const assets = join(tmp, 'assets');
cpSync('dist/assets', assets, { recursive: true });
writeFileSync(join(assets, 'bench-static.json'), '{}'); // replaced by the feed's bytes below

/** Miniflare options for the bundle (Miniflare 5 takes v4-style options through the converter). */
const options = () =>
  convertV4MiniflareOptions({
    modules: true,
    modulesRoot: join(tmp, 'worker'),
    scriptPath: join(tmp, 'worker', 'index.js'),
    compatibilityDate,
    d1Databases: { DB: 'bench-feed' },
    d1Persist: join(tmp, 'd1'),
    bindings: { ENVIRONMENT: 'production' },
    assets: { directory: assets, binding: 'ASSETS', routerConfig: { has_user_worker: true } },
  });

async function start() {
  const mf = new Miniflare(options());
  await mf.ready;
  return mf;
}

// --- 2. Schema and data.
const sqlText = (v: unknown) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

function articleText() {
  const paras: string[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    paras.push(`Case ${i + 1}. On appeal the regional court upheld a fine of ${10_000 + i} somoni against the defendant, and the lawyers said they would go on.`);
  }
  return paras.join('\n\n');
}

async function seed(mf: Miniflare) {
  const db = await mf.getD1Database('DB');
  // Every migration, in order (as wrangler applies them).
  const files = readdirSync('schema/migrations').filter((f) => f.endsWith('.sql')).sort();
  for (const file of files) {
    const migration = readFileSync(`schema/migrations/${file}`, 'utf8').split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);
    for (const stmt of migration) await db.prepare(stmt).run();
  }
  const rec = await newPasswordRecord(PASSWORD);
  const stmts: string[] = [
    `INSERT INTO users (id, email, name, role, password_hash, password_salt, password_iterations) VALUES ('usr_bench', 'bench@factmark.bench', 'Bench Editor', 'editor', ${sqlText(rec.passwordHash)}, ${sqlText(rec.passwordSalt)}, ${rec.passwordIterations})`,
  ];
  const text = articleText();
  stmts.push(
    `INSERT INTO articles (id, slug, url, title, publisher, author, published_at, text, text_hash, created_by) VALUES ('art_bench', '${SLUG}', 'https://news.example/2024/bench-article/', 'Three hundred fines', 'Bench Daily', 'A. Reporter', '2024-05-01', ${sqlText(text)}, 'x', 'usr_bench')`,
  );
  const ids: string[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const quote = `${10_000 + i} somoni`;
    const start = text.indexOf(quote); // ASCII text: UTF-16 units are code points
    const end = start + quote.length;
    const id = `clm_bench_${String(i).padStart(3, '0')}`;
    ids.push(id);
    const vid = `vrd_bench_${i}`;
    const at = `2024-05-02T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`;
    stmts.push(
      `INSERT INTO claims (id, article_id, quote, prefix, suffix, start, "end", kind, value, subject, status, published_verdict_id, published_at, created_by, created_at, updated_at) VALUES ('${id}', 'art_bench', ${sqlText(quote)}, ${sqlText(text.slice(Math.max(0, start - 32), start))}, ${sqlText(text.slice(end, end + 32))}, ${start}, ${end}, 'money', '{"amount":${10_000 + i},"currency":"TJS"}', 'fine', 'published', '${vid}', '${at}', 'usr_bench', '${at}', '${at}')`,
      `INSERT INTO verdicts (id, claim_id, rating, summary, explanation, author_id, created_at) VALUES ('${vid}', '${id}', '${['true', 'mostly-true', 'half-true', 'misleading', 'mostly-false', 'false', 'unverifiable'][i % 7]}', 'The court record shows a fine of ${10_000 + i} somoni; the amount is as reported.', 'Compared with the ruling.', 'usr_bench', '2024-05-01T09:00:00.000Z')`,
      `INSERT INTO sources (id, claim_id, url, title, publisher, type, created_by, created_at, updated_at) VALUES ('src_bench_${i}', '${id}', 'https://court.example/rulings/${i}', 'Ruling ${i} of the regional court', 'Regional court', 'court', 'usr_bench', '2024-05-01T08:00:00.000Z', '2024-05-01T08:00:00.000Z')`,
    );
  }
  for (let i = 0; i < stmts.length; i += 200) await db.batch(stmts.slice(i, i + 200).map((s) => db.prepare(s)));
  return ids;
}

async function timed(mf: Miniflare, path: string, headers: Record<string, string> = {}) {
  const t0 = performance.now();
  const res = await mf.dispatchFetch(ORIGIN + path, { headers });
  const body = await res.arrayBuffer();
  return { ms: performance.now() - t0, res, bytes: body.byteLength, body };
}

const mf = await start();
try {
  const claimIds = await seed(mf);
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
  const login = await mf.dispatchFetch(`${ORIGIN}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN }, body: JSON.stringify({ email: 'bench@factmark.bench', password: PASSWORD }) });
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
    `cache share under load: ${LOAD_REQUESTS} requests = ${reads} feed reads (collection + next pages, as the embed reads) + ${writes} writes (publish/unpublish, ${((writes / LOAD_REQUESTS) * 100).toFixed(0)} %)`,
    `  served from cache: ${hits}/${reads} = ${(share * 100).toFixed(1)} % (goal >= 95 %) ${share >= 0.95 ? 'MET' : 'NOT MET'}; read median ${ms(median(loadTimes))}`,
  ];
  console.log(lines.join('\n'));
} finally {
  await mf.dispose();
  rmSync(tmp, { recursive: true, force: true });
}
