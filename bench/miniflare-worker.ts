/**
 * The bundled Worker (exactly what `wrangler deploy` uploads) run in-process by Miniflare, with
 * a D1 of the migrations and one article of published claims: shared by the feed and load
 * benchmarks.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { newPasswordRecord } from '../src/auth/crypto.ts';

export const BENCH_ORIGIN = 'https://factmark.bench';
export const BENCH_SLUG = 'bench-article';
export const BENCH_EMAIL = 'bench@factmark.bench';
export const BENCH_PASSWORD = 'bench password 123';

export interface BenchWorker {
  /** A folder of this run (bundle, assets copy, D1), removed by `cleanup`. */
  tmp: string;
  /** The copy of dist/assets the Worker serves (add files before `options()` is used again). */
  assets: string;
  /** `environment` is the Worker's ENVIRONMENT (`production` unless said: `development` allows loopback fetches). */
  options: (extra?: { port?: number; environment?: string }) => ReturnType<typeof convertV4MiniflareOptions>;
  cleanup: () => void;
}

/** Bundles the Worker as `wrangler deploy --dry-run` does, into a temp folder with a copy of the assets. */
export function bundleWorker(prefix: string): BenchWorker {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', join(tmp, 'worker')], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  const compatibilityDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync('wrangler.toml', 'utf8'))?.[1] ?? '2026-10-20';
  const assets = join(tmp, 'assets');
  cpSync('dist/assets', assets, { recursive: true });
  const options = (extra: { port?: number; environment?: string } = {}) =>
    convertV4MiniflareOptions({
      modules: true,
      modulesRoot: join(tmp, 'worker'),
      scriptPath: join(tmp, 'worker', 'index.js'),
      compatibilityDate,
      d1Databases: { DB: 'bench' },
      d1Persist: join(tmp, 'd1'),
      bindings: { ENVIRONMENT: extra.environment ?? 'production' },
      assets: { directory: assets, binding: 'ASSETS', routerConfig: { has_user_worker: true } },
      ...(extra.port !== undefined ? { host: '127.0.0.1', port: extra.port } : {}),
    });
  return { tmp, assets, options, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

/** A value as an SQL literal, for seeding statements. */
export const sqlText = (v: unknown) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/** The bench article: `claims` paragraphs, each with one fine. */
export function benchArticleText(claims: number) {
  const paras: string[] = [];
  for (let i = 0; i < claims; i++) {
    paras.push(`Case ${i + 1}. On appeal the regional court upheld a fine of ${10_000 + i} somoni against the defendant, and the lawyers said they would go on.`);
  }
  return paras.join('\n\n');
}

/** Applies every migration of schema/migrations, in order, to the Worker's D1; returns it. */
export async function applyMigrations(mf: Miniflare) {
  const db = await mf.getD1Database('DB');
  for (const file of readdirSync('schema/migrations').filter((f) => f.endsWith('.sql')).sort()) {
    const migration = readFileSync(`schema/migrations/${file}`, 'utf8').split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);
    for (const stmt of migration) await db.prepare(stmt).run();
  }
  return db;
}

/** Claims still being worked on in the bench article (not public), with the newest events. */
export const BENCH_DRAFTS = 40;

/**
 * Applies every migration and inserts an editor (BENCH_EMAIL) and one article (BENCH_SLUG) of
 * `claims` published claims, one source each, with the audit trail a newsroom leaves (each
 * published claim created, given a verdict and a source, flagged and published; then
 * BENCH_DRAFTS claims still in the works, whose events are the newest). Returns the published
 * claims' ids.
 */
export async function seedBenchData(mf: Miniflare, claims: number): Promise<string[]> {
  const db = await applyMigrations(mf);
  const rec = await newPasswordRecord(BENCH_PASSWORD);
  const stmts: string[] = [
    `INSERT INTO users (id, email, name, role, password_hash, password_salt, password_iterations) VALUES ('usr_bench', '${BENCH_EMAIL}', 'Bench Editor', 'editor', ${sqlText(rec.passwordHash)}, ${sqlText(rec.passwordSalt)}, ${rec.passwordIterations})`,
  ];
  const text = benchArticleText(claims);
  stmts.push(
    `INSERT INTO articles (id, slug, url, title, publisher, author, published_at, text, text_hash, created_by) VALUES ('art_bench', '${BENCH_SLUG}', 'https://news.example/2024/bench-article/', 'Three hundred fines', 'Bench Daily', 'A. Reporter', '2024-05-01', ${sqlText(text)}, 'x', 'usr_bench')`,
  );
  const ids: string[] = [];
  for (let i = 0; i < claims; i++) {
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
  const event = (action: string, entityType: string, claimId: string, at: string) =>
    `INSERT INTO events (at, actor_user_id, actor_name, action, entity_type, entity_id, claim_id, article_id) VALUES ('${at}', 'usr_bench', 'Bench Editor', '${action}', '${entityType}', '${claimId}', '${claimId}', 'art_bench')`;
  for (const id of ids) {
    for (const action of ['claim.create', 'verdict.propose', 'source.add', 'claim.flag', 'claim.publish']) stmts.push(event(action, action.split('.')[0], id, '2024-05-02T10:00:00.000Z'));
  }
  // Drafts on the case numbers ("Case 7."), each with the events of work under way.
  for (let i = 0; i < BENCH_DRAFTS; i++) {
    const quote = `Case ${i + 1}.`;
    const start = text.indexOf(quote);
    const id = `clm_draft_${String(i).padStart(3, '0')}`;
    stmts.push(
      `INSERT INTO claims (id, article_id, quote, prefix, suffix, start, "end", kind, value, status, created_by) VALUES ('${id}', 'art_bench', ${sqlText(quote)}, '', ${sqlText(text.slice(start + quote.length, start + quote.length + 32))}, ${start}, ${start + quote.length}, 'count', '${i + 1}', 'open', 'usr_bench')`,
    );
    for (const action of ['claim.create', 'claim.update', 'verdict.propose', 'source.add']) stmts.push(event(action, action.split('.')[0], id, '2024-05-03T10:00:00.000Z'));
  }
  for (let i = 0; i < stmts.length; i += 200) await db.batch(stmts.slice(i, i + 200).map((s) => db.prepare(s)));
  return ids;
}
