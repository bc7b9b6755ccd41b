/**
 * `npm run bench`: every benchmark in turn, each printing its own figures. Run on an idle
 * machine; quote medians and ratios from one run (BENCHMARKS.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BENCHES = ['bench/extract.ts', 'bench/embed.ts', 'bench/feed.ts', 'bench/page-weight.ts'];
let failed = 0;
for (const file of BENCHES) {
  if (!existsSync(file)) continue;
  console.log(`\n=== ${file} ===`);
  const r = spawnSync('npx', ['tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${file} failed (exit ${r.status})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
