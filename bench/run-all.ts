/**
 * `npm run bench`: every benchmark in turn, each printing its own figures. The page-weight
 * bench measures a running app, so one is started for it (like `npm start`, on a free port
 * with a fresh local D1 and the demo data) unless BASE_URL names one. Run on an idle
 * machine; quote medians and ratios from one run (BENCHMARKS.md).
 */
import { spawnSync } from 'node:child_process';
import { startLocalApp } from '../scripts/local-app';

const SELF_CONTAINED = ['bench/extract.ts', 'bench/embed.ts', 'bench/feed.ts', 'bench/living.ts', 'bench/desk.ts', 'bench/dashboard.ts', 'bench/library.ts'];
let failed = 0;

function run(file: string, env: NodeJS.ProcessEnv = process.env) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync('npx', ['tsx', file], { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`${file} failed (exit ${r.status})`);
    failed++;
  }
}

async function withApp(work: (baseUrl: string) => void) {
  if (process.env.BASE_URL) return work(process.env.BASE_URL);
  const app = await startLocalApp({ quiet: true });
  try {
    work(app.baseURL);
  } finally {
    app.stop();
  }
}

for (const file of SELF_CONTAINED) run(file);
await withApp((base) => {
  run('bench/page-weight.ts', { ...process.env, BASE_URL: base });
  run('bench/webhooks.ts', { ...process.env, BASE_URL: base });
});
process.exit(failed ? 1 : 0);
