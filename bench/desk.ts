/**
 * The desk benchmark (`npm run bench:desk`: builds the assets, then runs this).
 *
 * Bundles the Worker as `wrangler deploy --dry-run` does and runs it in-process with
 * Miniflare (D1 with every migration; ENVIRONMENT=production, no e-mail binding), then:
 *
 * 1. the notification count request the top bar polls (`GET /api/v1/notifications/unread`)
 *    for a person with NOTIFICATIONS notifications (UNREAD of them unread) among everyone
 *    else's OTHERS: server time, median and p90 of RUNS, both the 200 answer and the 304
 *    one (If-None-Match), each timed from dispatch to the last body byte;
 * 2. bulk accept of BULK suggestions in one `POST /api/v1/claims/bulk`, against the same
 *    BULK suggestions accepted one request at a time: median of ROUNDS rounds, each on
 *    fresh suggestions.
 */
import { Miniflare } from 'miniflare';
import { newPasswordRecord } from '../src/auth/crypto.ts';
import { applyMigrations, BENCH_ORIGIN, BENCH_PASSWORD, bundleWorker, sqlText } from './miniflare-worker.ts';
import { median, ms, pct } from './stats.ts';

const NOTIFICATIONS = 2000;
const UNREAD = 40;
const OTHERS = 20000;
const RUNS = 301;
const WARMUP = 30;
const BULK = 100;
const ROUNDS = 7;
const ORIGIN = BENCH_ORIGIN;
const PASSWORD = BENCH_PASSWORD;

const worker = bundleWorker('factmark-bench-desk-');
const mf = new Miniflare(worker.options());

async function timed(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const t0 = performance.now();
  const res = await mf.dispatchFetch(ORIGIN + path, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(init.headers ?? {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { ms: performance.now() - t0, res, text };
}

try {
  await mf.ready;
  const db = await applyMigrations(mf);
  const rec = await newPasswordRecord(PASSWORD);
  const stmts: string[] = [];
  for (const [id, role] of [['usr_bench', 'editor'], ['usr_other', 'checker']]) {
    stmts.push(`INSERT INTO users (id, email, name, role, password_hash, password_salt, password_iterations) VALUES ('${id}', '${id}@factmark.bench', 'Bench ${role}', '${role}', ${sqlText(rec.passwordHash)}, ${sqlText(rec.passwordSalt)}, ${rec.passwordIterations})`);
  }
  // The article the bulk rounds draw their suggestions from: one number per sentence.
  const sentences = Array.from({ length: BULK * ROUNDS * 2 }, (_, i) => `Report ${i + 1} counted ${1000 + i} detainees in the region.`);
  const text = sentences.join(' ');
  stmts.push(`INSERT INTO articles (id, slug, url, title, publisher, published_at, text, text_hash, created_by) VALUES ('art_bench', 'bench', 'https://news.example/bench', 'Bench', 'Bench Daily', '2024-05-01', ${sqlText(text)}, 'x', 'usr_bench')`);
  const suggestion = (i: number) => {
    const quote = `${1000 + i} detainees`;
    const start = text.indexOf(quote);
    return `INSERT INTO claims (id, article_id, quote, prefix, suffix, start, "end", kind, value, status, origin, suggested, created_by) VALUES ('clm_b${i}', 'art_bench', ${sqlText(quote)}, '', '', ${start}, ${start + quote.length}, 'count', '${1000 + i}', 'open', 'machine', 1, 'usr_bench')`;
  };
  for (let i = 0; i < BULK * ROUNDS * 2; i++) stmts.push(suggestion(i));
  // The inbox: the bench user's notifications among everyone else's.
  for (let i = 0; i < NOTIFICATIONS + OTHERS; i++) {
    const mine = i % Math.ceil((NOTIFICATIONS + OTHERS) / NOTIFICATIONS) === 0;
    stmts.push(
      `INSERT INTO notifications (recipient_id, kind, claim_id, article_id, actor_name, read_at) VALUES ('${mine ? 'usr_bench' : 'usr_other'}', 'changed', 'clm_b${i % (BULK * ROUNDS * 2)}', 'art_bench', 'Someone', '2024-05-02T00:00:00.000Z')`,
    );
  }
  for (let i = 0; i < stmts.length; i += 500) await db.batch(stmts.slice(i, i + 500).map((s) => db.prepare(s)));
  // Exactly UNREAD of the bench user's are unread (the newest).
  await db.prepare(`UPDATE notifications SET read_at = NULL WHERE id IN (SELECT id FROM notifications WHERE recipient_id = 'usr_bench' ORDER BY id DESC LIMIT ${UNREAD})`).run();
  const mineCount = (await db.prepare("SELECT count(*) AS n FROM notifications WHERE recipient_id = 'usr_bench'").first<{ n: number }>())?.n ?? 0;

  const login = await timed('/api/v1/auth/login', { method: 'POST', headers: { Origin: ORIGIN }, body: { email: 'usr_bench@factmark.bench', password: PASSWORD } });
  if (login.res.status !== 200) throw new Error(`login ${login.res.status} ${login.text}`);
  const cookie = (login.res.headers.get('set-cookie') ?? '').split(';')[0];
  const as = { Cookie: cookie, Origin: ORIGIN };

  // --- 1. The unread count, 200 and 304, interleaved.
  const full: number[] = [];
  const notModified: number[] = [];
  const first = await timed('/api/v1/notifications/unread', { headers: as });
  const etag = first.res.headers.get('etag') ?? '';
  if (JSON.parse(first.text).unread !== UNREAD) throw new Error(`unread ${first.text}, expected ${UNREAD}`);
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const a = await timed('/api/v1/notifications/unread', { headers: as });
    const b = await timed('/api/v1/notifications/unread', { headers: { ...as, 'If-None-Match': etag } });
    if (a.res.status !== 200 || b.res.status !== 304) throw new Error(`statuses ${a.res.status} ${b.res.status}`);
    if (i >= WARMUP) {
      full.push(a.ms);
      notModified.push(b.ms);
    }
  }

  // --- 2. Bulk accept vs one request per item, on fresh suggestions each round.
  const bulk: number[] = [];
  const single: number[] = [];
  let next = 0;
  const take = () => Array.from({ length: BULK }, () => ({ id: `clm_b${next++}`, version: 1 }));
  for (let round = 0; round < ROUNDS; round++) {
    const items = take();
    const b = await timed('/api/v1/claims/bulk', { method: 'POST', headers: as, body: { action: 'accept', items } });
    const answer = JSON.parse(b.text);
    if (b.res.status !== 200 || answer.done !== BULK) throw new Error(`bulk: ${b.res.status} ${b.text.slice(0, 300)}`);
    bulk.push(b.ms);
    const one = take();
    const t0 = performance.now();
    for (const item of one) {
      const r = await timed(`/api/v1/claims/${item.id}/accept`, { method: 'POST', headers: as, body: { version: 1 } });
      if (r.res.status !== 200) throw new Error(`accept: ${r.res.status} ${r.text}`);
    }
    single.push(performance.now() - t0);
  }

  console.log(
    [
      `Desk: bundled Worker (wrangler deploy --dry-run) in Miniflare on Node ${process.versions.node}; ${NOTIFICATIONS + OTHERS} notifications in D1, ${mineCount} of them the bench user's (${UNREAD} unread)`,
      `GET /api/v1/notifications/unread, server time, median of ${RUNS} (p90):`,
      `  200 with the count:          ${ms(median(full))} (${ms(pct(full, 90))}), ${first.text.length} bytes`,
      `  304 (If-None-Match, no body): ${ms(median(notModified))} (${ms(pct(notModified, 90))})`,
      `bulk accept of ${BULK} suggestions, median of ${ROUNDS} rounds (min–max):`,
      `  one POST /api/v1/claims/bulk:       ${ms(median(bulk))} (${ms(Math.min(...bulk))}–${ms(Math.max(...bulk))}) = ${ms(median(bulk) / BULK)} per claim`,
      `  ${BULK} POST /claims/{id}/accept in turn: ${ms(median(single))} (${ms(Math.min(...single))}–${ms(Math.max(...single))}) = ${ms(median(single) / BULK)} per claim`,
      `  ratio: ${(median(single) / median(bulk)).toFixed(1)}x`,
    ].join('\n'),
  );
} finally {
  await mf.dispose();
  worker.cleanup();
}
