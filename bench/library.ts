/**
 * Claim library benchmark (`npm run bench:library`; BENCHMARKS.md, "Claim library").
 *
 * 1. Quality, from the labelled fixtures (test/fixtures/library): matching precision and
 *    recall per split, subject and speaker accuracy.
 * 2. Search and list time at 1,000, 100,000 and 1,000,000 claims (LIBRARY_SCALES to choose):
 *    the bundled Worker (as `wrangler deploy` builds it) runs under Miniflare on a local D1;
 *    synthetic articles of ten claims each (one sentence a claim, words and names drawn at
 *    random) are written before the library migration, whose backfill then indexes them (its
 *    time is printed). The same 20 claims at every scale name "Mirsaidov": a search "with hits" finds as
 *    many at every scale, one "without hits" finds none. Each request is timed from dispatch
 *    to the last byte (median of RUNS, interleaved). A frequent word ("court", in a seventh of
 *    the claims) is timed too: its time grows with the number of claims it ranks.
 * 3. Matching time per claim at 100,000 claims: GET /claims/{id}/matches for MATCH_PROBES
 *    claims drawn at random (median, 95th percentile, candidates read).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { newPasswordRecord } from '../src/auth/crypto.ts';
import { compareClaims } from '../src/domain/matching.ts';
import { evaluate, whoAccuracy } from '../test/fixtures/library/evaluate.ts';
import { libraryFixtures } from '../test/fixtures/library/fixtures.ts';
import { readLibraryFiles } from '../test/fixtures/library/files.ts';

const SCALES = (process.env.LIBRARY_SCALES ?? '1000,100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.LIBRARY_RUNS ?? 41);
const MATCH_PROBES = 60;
const ORIGIN = 'https://factmark.bench';
const PASSWORD = 'bench password 123';
const PLANTED = 'Mirsaidov';
const PLANTED_CLAIMS = 20;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const pc = (x: number) => `${(100 * x).toFixed(1)} %`;

// --- 1. Quality.
console.log('## Claim library');
console.log('\n### Matching quality (labelled pairs of test/fixtures/library)\n');
const fx = libraryFixtures(readLibraryFiles());
console.log('| split | pairs | positives | true pos. | false pos. | false neg. | precision | recall | subject right | speaker right |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const split of ['tuning', 'held-out', 'held-out-2'] as const) {
  const e = evaluate(fx.claims, fx.byId, split, compareClaims);
  const w = whoAccuracy(fx.claims, fx.byId, split);
  console.log(`| ${split} | ${e.pairs} | ${e.positives} | ${e.truePositives} | ${e.falsePositives} | ${e.falseNegatives} | ${pc(e.precision)} | ${pc(e.recall)} | ${w.subjectsRight}/${w.subjects} (${pc(w.subjectAccuracy)}) | ${w.speakersRight}/${w.speakers} (${pc(w.speakerAccuracy)}) |`);
}

// --- 2. The Worker under Miniflare.
const tmp = mkdtempSync(join(tmpdir(), 'factmark-bench-library-'));
execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', join(tmp, 'worker')], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
const compatibilityDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync('wrangler.toml', 'utf8'))?.[1] ?? '2026-10-20';

// A small random generator with a seed, so every run builds the same library.
let state = 20261128;
const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const SYL = ['ka', 'ri', 'mo', 'sa', 'dov', 'ne', 'lu', 'tor', 'ba', 'zi', 'ven', 'ko', 'ma', 'rel', 'shi', 'dan', 'po', 'ter', 'gul', 'nar', 'be', 'ro', 'vich', 'son', 'ler', 'tan', 'mi', 'ra', 'el', 'os'];
const word = (n: number) => Array.from({ length: n }, () => pick(SYL)).join('');
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
const SURNAMES = Array.from({ length: 20000 }, () => cap(word(3))).filter((s) => s !== PLANTED);
const FIRST = Array.from({ length: 400 }, () => cap(word(2)));
const CITIES = Array.from({ length: 300 }, () => cap(word(2)) + pick(['', 'abad', 'grad', 'ville', 'pur']));
const NOUNS = ['protesters', 'prisoners', 'workers', 'teachers', 'patients', 'voters', 'students', 'families', 'soldiers', 'homes', 'schools', 'cases'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CLAUSES = ['according to the regional court', 'officials said on Tuesday', 'the ministry confirmed', 'a spokesman for the prosecutors said', 'lawyers for the defence said', 'rights groups said', 'the local newspaper reported', 'the agency said in a statement'];

interface Claim { quote: string; start: number; end: number; kind: string; value: string; subject: string | null }

/** One sentence with one figure, and the figure's place in it. */
function sentence(planted: boolean): { text: string; claim: Omit<Claim, 'start' | 'end'> & { at: number } } {
  const name = `${pick(FIRST)} ${planted ? PLANTED : pick(SURNAMES)}`;
  const city = pick(CITIES);
  const clause = pick(CLAUSES);
  const n = 1 + Math.floor(rand() * 25);
  const k = Math.floor(rand() * 7);
  let text = '';
  let quote = '';
  let kind = '';
  let value = '';
  let subject: string | null = null;
  if (k === 0) {
    quote = `${n} years in prison`;
    text = `A court in ${city} sentenced ${name} to ${quote}, ${clause}.`;
    kind = 'sentence';
    value = JSON.stringify(`P${n}Y`);
    subject = name;
  } else if (k === 1) {
    const amount = Math.round(10 ** (2 + rand() * 5));
    quote = `${amount.toLocaleString('en-US')} ${pick(['dollars', 'euros'])}`;
    text = `The court in ${city} fined ${name} ${quote}, ${clause}.`;
    kind = 'money';
    value = JSON.stringify({ amount, currency: quote.endsWith('dollars') ? 'USD' : 'EUR' });
    subject = 'fine';
  } else if (k === 2) {
    const c = Math.round(10 ** (1 + rand() * 4));
    const noun = pick(NOUNS);
    quote = `${c.toLocaleString('en-US')} ${noun}`;
    text = `Some ${quote} gathered outside the offices of ${name} in ${city}, ${clause}.`;
    kind = 'count';
    value = String(c);
    subject = noun;
  } else if (k === 3) {
    const y = 2000 + Math.floor(rand() * 25);
    const m = Math.floor(rand() * 12);
    const d = 1 + Math.floor(rand() * 28);
    quote = `${MONTHS[m]} ${d}, ${y}`;
    text = `${name} was arrested in ${city} on ${quote}, ${clause}.`;
    kind = 'date';
    value = JSON.stringify(`${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  } else if (k === 4) {
    quote = `${n} years`;
    text = `${name} was banned from public office in ${city} for ${quote}, ${clause}.`;
    kind = 'duration';
    value = JSON.stringify(`P${n}Y`);
    subject = 'ban';
  } else if (k === 5) {
    const age = 18 + Math.floor(rand() * 60);
    quote = String(age);
    text = `${name}, ${quote}, told reporters in ${city} that the case was political.`;
    kind = 'age';
    value = String(age);
    subject = name;
  } else {
    const p = 1 + Math.floor(rand() * 90);
    quote = `${p} percent`;
    text = `Turnout in ${city} reached ${quote} as ${name} conceded defeat, ${clause}.`;
    kind = 'fraction';
    value = String(p / 100);
  }
  return { text, claim: { quote, kind, value, subject, at: text.indexOf(quote) } };
}

const sqlText = (v: string | null) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);

type Db = Awaited<ReturnType<Miniflare['getD1Database']>>;

async function migrate(db: Db, which: (file: string) => boolean) {
  for (const file of readdirSync('schema/migrations').filter((f) => f.endsWith('.sql') && which(f)).sort()) {
    const stmts = readFileSync(`schema/migrations/${file}`, 'utf8').split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);
    let slowest = 0;
    for (const [i, stmt] of stmts.entries()) {
      const t = performance.now();
      await db.prepare(stmt).run();
      const took = (performance.now() - t) / 1000;
      slowest = Math.max(slowest, took);
      if (took > 5) process.stderr.write(`  ${file} statement ${i}: ${took.toFixed(1)} s (${stmt.slice(0, 70).replace(/\s+/g, ' ')}…)\n`);
    }
    if (process.env.LIBRARY_VERBOSE) process.stderr.write(`  ${file}: ${stmts.length} statements, slowest ${slowest.toFixed(1)} s\n`);
  }
}

/**
 * The library's rows, written as an existing database would have them before the library
 * migration, then that migration (its backfill indexes them): seconds to write, seconds to
 * migrate. (Writing through the triggers costs more per claim; see BENCHMARKS.md.)
 */
async function seed(db: Db, claims: number) {
  const LIBRARY = /_library\.sql$/;
  const library = readdirSync('schema/migrations').find((f) => LIBRARY.test(f))!;
  await migrate(db, (f) => f < library);
  const rec = await newPasswordRecord(PASSWORD);
  await db.prepare(`INSERT INTO users (id, email, name, role, password_hash, password_salt, password_iterations) VALUES ('usr_bench', 'bench@factmark.bench', 'Bench', 'editor', ?, ?, ?)`).bind(rec.passwordHash, rec.passwordSalt, rec.passwordIterations).run();
  const articles = Math.ceil(claims / 10);
  // The planted name goes into 20 claims spread over the library, at every scale.
  const plantedAt = new Set(Array.from({ length: PLANTED_CLAIMS }, (_, i) => Math.floor(((i + 0.5) * claims) / PLANTED_CLAIMS)));
  const t0 = performance.now();
  let n = 0;
  const PER_BATCH = 20;
  for (let a0 = 0; a0 < articles; a0 += PER_BATCH) {
    const stmts: string[] = [];
    const claimRows: string[] = [];
    for (let a = a0; a < Math.min(articles, a0 + PER_BATCH); a++) {
      let text = `${cap(word(3))} ${pick(['court', 'council', 'ministry'])} story ${a}\n\n`;
      const rows: string[] = [];
      for (let i = 0; i < 10 && n < claims; i++, n++) {
        const s = sentence(plantedAt.has(n));
        const start = text.length + s.claim.at;
        const end = start + s.claim.quote.length;
        text += `${s.text} `;
        const at = new Date(Date.UTC(2020, 0, 1) + n * 60_000).toISOString();
        rows.push(`('clm_${n}', 'art_${a}', ${sqlText(s.claim.quote)}, ${start}, ${end}, '${s.claim.kind}', ${sqlText(s.claim.value)}, ${sqlText(s.claim.subject)}, 'usr_bench', '${at}', '${at}')`);
      }
      text = text.trim();
      stmts.push(`INSERT INTO articles (id, slug, url, title, publisher, published_at, text, text_hash, created_by) VALUES ('art_${a}', 'story-${a}', 'https://news.example/${a}', ${sqlText(text.split('\n')[0])}, 'Bench Daily', '2024', ${sqlText(text)}, 'h${a}', 'usr_bench')`);
      claimRows.push(...rows);
    }
    stmts.push(`INSERT INTO claims (id, article_id, quote, start, "end", kind, value, subject, created_by, created_at, updated_at) VALUES ${claimRows.join(', ')}`);
    await db.batch(stmts.map((s) => db.prepare(s)));
    if (a0 % 5000 === 0 && a0) process.stderr.write(`  ${n} claims written (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  const written = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await migrate(db, (f) => f >= library);
  return { written, migrated: (performance.now() - t1) / 1000 };
}

async function timed(mf: Miniflare, path: string, cookie: string) {
  const t0 = performance.now();
  const res = await mf.dispatchFetch(ORIGIN + path, { headers: { Cookie: cookie } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}`);
  return { ms: performance.now() - t0, json: JSON.parse(body) };
}

const QUERIES: [string, string][] = [
  ['search, with hits', `/api/v1/search?q=${PLANTED}&type=claims&limit=10`],
  ['search, no hits', '/api/v1/search?q=Qwertyuiopx&type=claims&limit=10'],
  ['search articles, with hits', `/api/v1/search?q=${PLANTED}&type=articles&limit=10`],
  ['claim list q=, with hits', `/api/v1/claims?q=${PLANTED}&limit=50`],
  ['claim list q=, no hits', '/api/v1/claims?q=Qwertyuiopx&limit=50'],
  ['claim list, status and kind', '/api/v1/claims?status=open&kind=money&limit=50'],
  ['search, a frequent word ("court")', '/api/v1/search?q=court&type=claims&limit=10'],
];

const results = new Map<number, Map<string, number>>();
const hitCounts = new Map<number, number>();
const seedTimes = new Map<number, { written: number; migrated: number }>();
let matching: { median: number; p95: number; candidates: number; matches: number } | null = null;

for (const scale of SCALES) {
  const dir = join(tmp, `d1-${scale}`);
  const mf = new Miniflare(convertV4MiniflareOptions({ modules: true, modulesRoot: join(tmp, 'worker'), scriptPath: join(tmp, 'worker', 'index.js'), compatibilityDate, d1Databases: { DB: `bench-library-${scale}` }, d1Persist: dir, bindings: { ENVIRONMENT: 'production' } }));
  await mf.ready;
  try {
    process.stderr.write(`seeding ${scale} claims…\n`);
    seedTimes.set(scale, await seed(await mf.getD1Database('DB'), scale));
    const login = await mf.dispatchFetch(`${ORIGIN}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN }, body: JSON.stringify({ email: 'bench@factmark.bench', password: PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const times = new Map<string, number[]>(QUERIES.map(([name]) => [name, []]));
    for (let r = 0; r < 5; r++) for (const [, path] of QUERIES) await timed(mf, path, cookie);
    for (let r = 0; r < RUNS; r++) {
      for (const [name, path] of QUERIES) {
        const t = await timed(mf, path, cookie);
        times.get(name)!.push(t.ms);
        if (name === 'claim list q=, with hits') hitCounts.set(scale, t.json.items.length);
      }
    }
    results.set(scale, new Map([...times].map(([k, v]) => [k, median(v)])));
    process.stderr.write(`  ${scale}: ${[...results.get(scale)!].map(([k, v]) => `${k} ${ms(v)}`).join('; ')}\n`);
    if (scale === 100_000 || (SCALES.length === 1 && process.env.LIBRARY_MATCH)) {
      const per: number[] = [];
      let candidates = 0;
      let found = 0;
      for (let i = 0; i < MATCH_PROBES + 5; i++) {
        const id = `clm_${Math.floor(rand() * scale)}`;
        const t = await timed(mf, `/api/v1/claims/${id}/matches`, cookie);
        if (i < 5) continue;
        per.push(t.ms);
        candidates += t.json.candidates ?? 0;
        found += t.json.items.length;
      }
      matching = { median: median(per), p95: pct(per, 95), candidates: candidates / MATCH_PROBES, matches: found / MATCH_PROBES };
      process.stderr.write(`  matching at ${scale}: median ${ms(matching.median)}, p95 ${ms(matching.p95)}, ${matching.candidates.toFixed(0)} candidates\n`);
    }
  } finally {
    await mf.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`\n### Search and list time (median of ${RUNS}, server time from dispatch to last byte; Miniflare, local D1)\n`);
console.log(`| request | ${SCALES.map((s) => `${s.toLocaleString('en-US')} claims`).join(' | ')} | slowest / fastest |`);
console.log(`|---|${SCALES.map(() => '---').join('|')}|---|`);
for (const [name] of QUERIES) {
  const row = SCALES.map((s) => results.get(s)!.get(name)!);
  console.log(`| ${name} | ${row.map(ms).join(' | ')} | ${(Math.max(...row) / Math.min(...row)).toFixed(2)}x |`);
}
console.log(`\nHits of the "with hits" list at each scale: ${SCALES.map((s) => `${hitCounts.get(s)}`).join(', ')} (${PLANTED_CLAIMS} planted). The library migration (its backfill) on a database of: ${SCALES.map((s) => `${s.toLocaleString('en-US')} claims, ${seedTimes.get(s)!.migrated.toFixed(0)} s`).join('; ')}.`);
if (matching) console.log(`\n### Matching time per claim at 100,000 claims\n\nGET /api/v1/claims/{id}/matches, ${MATCH_PROBES} random claims: median ${ms(matching.median)}, 95th percentile ${ms(matching.p95)}; ${matching.candidates.toFixed(0)} candidates read and ${matching.matches.toFixed(1)} matches per claim on average.`);
rmSync(tmp, { recursive: true, force: true });
