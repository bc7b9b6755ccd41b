/**
 * Load benchmark (`npm run bench:load`): autocannon against the Worker, on two servers one
 * after the other:
 * - the bundled Worker (`wrangler deploy --dry-run`) under Miniflare, listening on 127.0.0.1,
 *   with D1 holding one article of CLAIMS published claims (bench/miniflare-worker.ts);
 * - `wrangler dev` as `npm start` runs it (scripts/local-app.ts: demo data, a few claims
 *   published through the API first).
 * For each: the public feed, /embed.js, a public fact-check page and an authenticated list
 * (`GET /api/v1/claims`, session cookie), each for SECONDS alone and then beside a login
 * flood of FLOOD_RATE wrong passwords a second (the rate of the outside test's flood): from
 * one network (refused before hashing once over the per-client limits), from a new network
 * per request against one address (refused before hashing once over the address's ceiling),
 * and, shown but not judged, password spraying from a new network at a new address each time
 * (every attempt is under every limit and is hashed: a job for Cloudflare's rate-limiting
 * rules in front of the Worker). The judged floods are measured in their steady state: their
 * allowance of hashed attempts (the throttle's limits) is spent first and reported apart.
 * Prints requests/s, p50 and p99 latency, errors, and whether
 * each judged flood kept each endpoint above half its throughput. Only 127.0.0.1 is contacted.
 */
import { loadavg } from 'node:os';
import autocannon, { type Result } from 'autocannon';
import { Miniflare } from 'miniflare';
import { freePort, startLocalApp } from '../scripts/local-app.ts';
import { BENCH_EMAIL, BENCH_PASSWORD, BENCH_SLUG, bundleWorker, seedBenchData } from './miniflare-worker.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 8);
const FLOOD_RATE = 54; // requests/s: what the outside test's flood reached
const CLAIMS = 100;

interface Target {
  name: string;
  base: string;
  cookie: string;
  claimId: string;
  slug: string;
}

interface Row {
  target: string;
  endpoint: string;
  flood: string;
  /** Whether the half-throughput criterion applies to this run. */
  judged: boolean;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  floodRps?: number;
  flood4xx?: number;
}

function run(opts: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in ${res.status}: ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

let ipCounter = 0;
const nextIp = () => {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

/**
 * Spends a flood's allowance before it is measured: the sign-in throttle hashes the first
 * attempts of a client (30 per network and 5 per address and network in 15 minutes, and 50
 * per address from all networks) and refuses the rest before hashing. Sends the flood's
 * attempts one by one until one is refused (429) and says how many were hashed and how long
 * they took: the cost of a flood's first seconds, after which every attempt is refused cheaply.
 * Measuring without this would charge that one-off cost to whichever endpoint came first.
 */
async function spendAllowance(t: Target, name: string, headers: () => Record<string, string>, email: string) {
  const t0 = performance.now();
  for (let hashed = 0; hashed < 500; hashed++) {
    const res = await fetch(`${t.base}/api/v1/auth/login`, { method: 'POST', headers: headers(), body: JSON.stringify({ email, password: 'a wrong guess' }) });
    await res.arrayBuffer();
    if (res.status === 429) {
      console.error(`${t.name} | flood "${name}": ${hashed} attempts hashed before the first refusal, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return { flood: name, hashed, seconds: (performance.now() - t0) / 1000 };
    }
    if (res.status !== 401) throw new Error(`flood "${name}": ${res.status}`);
  }
  throw new Error(`flood "${name}" was never refused`);
}

async function measure(t: Target, rows: Row[], allowances: Allowance[]) {
  const endpoints: [string, string, Record<string, string>][] = [
    ['feed /annotations/{slug}', `/annotations/${t.slug}`, {}],
    ['/embed.js', '/embed.js', {}],
    ['claim page /claims/{id}', `/claims/${t.claimId}`, {}],
    ['GET /api/v1/claims (signed in)', '/api/v1/claims?limit=50', { Cookie: t.cookie }],
  ];
  const body = (email: string) => JSON.stringify({ email, password: 'a wrong guess' });
  const loginHeaders = (ip: string) => ({ 'Content-Type': 'application/json', Origin: t.base, 'CF-Connecting-IP': ip });
  // The judged floods in their steady state: their allowance of hashed attempts spent first.
  allowances.push({ target: t.name, ...(await spendAllowance(t, 'one network', () => loginHeaders('203.0.113.77'), 'editor@factmark.local')) });
  allowances.push({ target: t.name, ...(await spendAllowance(t, 'a new network per request, one address', () => loginHeaders(nextIp()), 'editor@factmark.local')) });
  // Each flood posts wrong passwords at FLOOD_RATE requests/s, the rate of the outside test's flood.
  const floods: [string, (() => Partial<autocannon.Options>) | null, boolean][] = [
    ['none', null, true],
    ['one network', () => ({ headers: loginHeaders('203.0.113.77'), body: body('editor@factmark.local') }), true],
    ['a new network per request, one address', () => ({ setupClient: (client: any) => client.on('response', () => client.setHeaders(loginHeaders(nextIp()))) , headers: loginHeaders(nextIp()), body: body('editor@factmark.local') }), true],
    // Password spraying from everywhere: every attempt is under every limit and is hashed. Shown, not judged.
    ['a new network and address per request', () => ({ setupClient: (client: any) => client.on('response', () => { client.setHeaders(loginHeaders(nextIp())); client.setBody(body(`spray-${ipCounter}@example.test`)); }), headers: loginHeaders(nextIp()), body: body('spray@example.test') }), false],
  ];
  for (const [name, path, headers] of endpoints) {
    for (const [fname, flood, judged] of floods) {
      const reads = run({ url: `${t.base}${path}`, connections: CONNECTIONS, duration: SECONDS, headers });
      const attack = flood ? run({ url: `${t.base}/api/v1/auth/login`, method: 'POST', duration: SECONDS, connections: 2, overallRate: FLOOD_RATE, ...flood() }) : null;
      const [r, a] = await Promise.all([reads, attack]);
      rows.push({
        target: t.name,
        endpoint: name,
        flood: fname,
        judged,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        ...(a ? { floodRps: a.requests.average, flood4xx: a['4xx'] } : {}),
      });
      const last = rows[rows.length - 1];
      console.error(`${t.name} | ${name} | flood: ${fname} | ${last.rps.toFixed(0)} req/s p50 ${last.p50} ms p99 ${last.p99} ms errors ${last.errors} non-2xx ${last.non2xx}${a ? ` | flood ${a.requests.average.toFixed(0)} req/s` : ''}`);
    }
  }
}

interface Allowance {
  target: string;
  flood: string;
  hashed: number;
  seconds: number;
}

async function miniflareTarget(rows: Row[], allowances: Allowance[]) {
  const w = bundleWorker('factmark-bench-load-');
  const port = await freePort();
  const mf = new Miniflare(w.options({ port }));
  try {
    const url = await mf.ready;
    const ids = await seedBenchData(mf, CLAIMS);
    const base = url.origin;
    await measure({ name: 'bundled Worker under Miniflare', base, cookie: await signIn(base, BENCH_EMAIL, BENCH_PASSWORD), claimId: ids[0], slug: BENCH_SLUG }, rows, allowances);
  } finally {
    await mf.dispose();
    w.cleanup();
  }
}

async function wranglerDevTarget(rows: Row[], allowances: Allowance[]) {
  const app = await startLocalApp({ quiet: true });
  try {
    const base = app.baseURL;
    const cookie = await signIn(base, 'editor@factmark.local', 'factmark-demo');
    const api = async (path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, { method: body ? 'POST' : 'GET', headers: { 'Content-Type': 'application/json', Origin: base, Cookie: cookie }, body: body ? JSON.stringify(body) : undefined });
      const json = (await res.json()) as any;
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const slug = 'freekhayrullo-and-the-art-of-changing-tajikistans-mind';
    const claims = (await api(`/api/v1/claims?article=${slug}&limit=10&order=position`)).items as { id: string; version: number }[];
    for (const c of claims) {
      let v = (await api(`/api/v1/claims/${c.id}/verdicts`, { rating: 'mostly-true', summary: 'Matches the court record.', version: c.version })).claimVersion;
      v = (await api(`/api/v1/claims/${c.id}/flag`, { reason: 'Ready', version: v })).version;
      await api(`/api/v1/claims/${c.id}/publish`, { version: v });
    }
    await measure({ name: 'wrangler dev', base, cookie, claimId: claims[0].id, slug }, rows, allowances);
  } finally {
    app.stop();
  }
}

const rows: Row[] = [];
const allowances: Allowance[] = [];
const started = new Date().toISOString();
await miniflareTarget(rows, allowances);
await wranglerDevTarget(rows, allowances);

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
console.log(`Load benchmark, ${started} → ${new Date().toISOString()}: ${SECONDS} s per run, ${CONNECTIONS} connections; login floods of ${FLOOD_RATE} wrong passwords/s`);
console.log(`Load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end. Before the measured runs, each judged flood's allowance of hashed attempts was spent (then every attempt of it is refused before hashing):`);
for (const a of allowances) console.log(`- ${a.target}, ${a.flood}: ${a.hashed} attempts hashed in ${a.seconds.toFixed(1)} s`);
console.log('| server | endpoint | login flood | req/s | p50 ms | p99 ms | errors | non-2xx | vs no flood | flood req/s (4xx) |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
let ok = true;
for (const r of rows) {
  const base = rows.find((b) => b.target === r.target && b.endpoint === r.endpoint && b.flood === 'none')!;
  const ratio = r.rps / base.rps;
  if (r.errors || r.non2xx) ok = false;
  if (r.flood !== 'none' && r.judged && ratio < 0.5) ok = false;
  console.log(`| ${r.target} | ${r.endpoint} | ${r.flood} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.flood === 'none' ? '' : `${(ratio * 100).toFixed(0)} %${r.judged ? '' : ' (not judged)'}`} | ${r.floodRps !== undefined ? `${fmt(r.floodRps)} (${r.flood4xx})` : ''} |`);
}
console.log(ok ? 'All runs: 0 errors, and no flood cut an endpoint below half its throughput.' : 'NOT MET: an error, a non-2xx answer, or a flood that cut an endpoint below half its throughput (see above).');
process.exit(ok ? 0 : 1);
