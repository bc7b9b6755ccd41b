/**
 * `npm run bench`: every benchmark in turn, each printing its own figures. The page-weight
 * bench measures a running app, so one is started for it (like `npm start`, on a free port
 * with a fresh local D1 and the demo data) unless BASE_URL names one. Run on an idle
 * machine; quote medians and ratios from one run (BENCHMARKS.md).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SELF_CONTAINED = ['bench/extract.ts', 'bench/embed.ts', 'bench/feed.ts'];
let failed = 0;

function run(file: string, env: NodeJS.ProcessEnv = process.env) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync('npx', ['tsx', file], { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`${file} failed (exit ${r.status})`);
    failed++;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function withApp(work: (baseUrl: string) => void) {
  if (process.env.BASE_URL) return work(process.env.BASE_URL);
  const port = await freePort();
  const persist = mkdtempSync(join(tmpdir(), 'factmark-bench-'));
  const app = spawn('node', ['scripts/start.mjs'], { env: { ...process.env, PORT: String(port), PERSIST_DIR: persist, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 400; i++) {
      const up = await fetch(`${base}/api/v1/openapi.json`).then((r) => r.ok, () => false);
      if (up) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    work(base);
  } finally {
    if (app.pid) process.kill(-app.pid, 'SIGTERM');
    rmSync(persist, { recursive: true, force: true });
  }
}

for (const file of SELF_CONTAINED) run(file);
await withApp((base) => run('bench/page-weight.ts', { ...process.env, BASE_URL: base }));
process.exit(failed ? 1 : 0);
