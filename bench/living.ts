/**
 * The living article's benchmark (`npm run bench:living`): the bundled Worker under
 * Miniflare (what `wrangler deploy` would upload) importing a 200 KB publisher page served by
 * the fixture publisher on 127.0.0.1 — server time of `POST /api/v1/articles/import`, without
 * and with the extractor's suggestions — then the same article's refresh after a change, with
 * 300 claims placed again; and the re-anchoring of 300 claims alone (`bench/reanchor.ts`).
 * Medians of RUNS runs after WARMUP.
 */
import { execFileSync } from 'node:child_process';
import { Miniflare } from 'miniflare';
import { newPasswordRecord } from '../src/auth/crypto.ts';
import { wordpress } from '../test/fixtures/publisher/pages.ts';
import { FERRY, type Story } from '../test/fixtures/publisher/stories.ts';
import { startPublisher } from '../test/fixtures/publisher/server.ts';
import { applyMigrations, bundleWorker } from './miniflare-worker.ts';

const RUNS = 15;
const WARMUP = 3;
const ORIGIN = 'https://factmark.bench';
const PASSWORD = 'bench password 123';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

// A ~200 KB page: the ferry story's paragraphs, then 600 paragraphs each with one figure.
function bigStory(tag: string, bump = 0): Story {
  const extra = Array.from({ length: 600 }, (_, i) => `Case ${i + 1} (${tag}): the regional court fined the company ${10_000 + i * 37 + (i % 100 === 7 ? bump : 0)} somoni for breaking the procurement rules, its spokesman said on Tuesday, adding that the review of the remaining contracts would take several more months and that the findings would be published in full, together with the replies of the companies concerned.`);
  return { ...FERRY, paragraphs: [...FERRY.paragraphs, ...extra] };
}

const worker = bundleWorker('factmark-bench-living-');
// Loopback allowed (the publisher is on 127.0.0.1), as under `npm start`.
const mf = new Miniflare(worker.options({ environment: 'development' }));
const publisher = await startPublisher();
try {
  await mf.ready;
  const db = await applyMigrations(mf);
  const rec = await newPasswordRecord(PASSWORD);
  await db.prepare('INSERT INTO users (id, email, name, role, password_hash, password_salt, password_iterations) VALUES (?, ?, ?, ?, ?, ?, ?)').bind('usr_bench', 'bench@factmark.bench', 'Bench Editor', 'editor', rec.passwordHash, rec.passwordSalt, rec.passwordIterations).run();
  const login = await mf.dispatchFetch(`${ORIGIN}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN }, body: JSON.stringify({ email: 'bench@factmark.bench', password: PASSWORD }) });
  if (login.status !== 200) throw new Error(`login ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const post = async (path: string, body?: unknown) => {
    const t0 = performance.now();
    const res = await mf.dispatchFetch(ORIGIN + path, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN, Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
    const ms = performance.now() - t0;
    const json = (await res.json()) as Record<string, any>;
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return { ms, json };
  };
  const page = (path: string, story: Story) => publisher.pages.set(path, { body: wordpress(story, { canonical: `https://news.example${path}` }) });

  const size = Buffer.byteLength(wordpress(bigStory('x'), { canonical: 'https://news.example/x' }));
  const without: number[] = [];
  const withExtract: number[] = [];
  let chars = 0;
  let suggested = 0;
  for (let i = 0; i < RUNS + WARMUP; i++) {
    for (const [extract, into] of [[false, without], [true, withExtract]] as const) {
      const path = `/bench/${extract ? 'x' : 'n'}-${i}`;
      page(path, bigStory(path));
      const { ms, json } = await post('/api/v1/articles/import', { url: `${publisher.origin}${path}`, extract });
      chars = json.text.length;
      if (extract) suggested = json.extraction.created;
      if (i >= WARMUP) into.push(ms);
    }
  }
  // A refresh that places 300+ claims again: one figure in 50 corrected (a new revision).
  const refresh: number[] = [];
  let placed = { moved: 0, changed: 0, gone: 0 };
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const path = `/bench/r-${i}`;
    page(path, bigStory(path));
    const { json } = await post('/api/v1/articles/import', { url: `${publisher.origin}${path}` });
    page(path, bigStory(path, 1000));
    const r = await post(`/api/v1/articles/${json.id}/refresh`);
    placed = r.json.claims;
    if (i >= WARMUP) refresh.push(r.ms);
  }
  console.log(`import of a ${(size / 1024).toFixed(0)} KB page (${chars.toLocaleString('en-GB')} characters of story), server time, median of ${RUNS}:`);
  console.log(`  without suggestions: ${median(without).toFixed(1)} ms`);
  console.log(`  with the extractor's ${suggested} suggestions: ${median(withExtract).toFixed(1)} ms`);
  console.log(`refresh after a change, ${placed.moved + placed.changed + placed.gone} claims placed again (moved ${placed.moved}, changed ${placed.changed}, gone ${placed.gone}), with the new suggestions: ${median(refresh).toFixed(1)} ms`);
} finally {
  await publisher.close();
  await mf.dispose();
  worker.cleanup();
}
execFileSync('npx', ['tsx', 'bench/reanchor.ts'], { stdio: 'inherit' });
