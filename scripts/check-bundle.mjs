// `npm run check`, after `wrangler deploy --dry-run --outdir dist/worker`: fails when the
// Worker bundle is over its budget, gzipped as Cloudflare counts it (BENCHMARKS.md, "Proof").
import { bundleSize } from './bundle-size.mjs';

// Issue 15 set 150 KiB against the first wave's code (260 → 132 KiB: zod's locales and an
// unminified bundle). The second wave's features (webhooks, import and revisions, the desk,
// search and matching, the dashboard) are our own code and do not fit in 150: measured at
// 195 KiB with three of five landed, about 225 with all. 240 holds the whole wave while still
// failing on a heavy import (zod's locales alone add 60+). BENCHMARKS.md breaks the size down.
const BUDGET_KIB = 240;
const dir = process.argv[2] ?? 'dist/worker';
const { raw, gzip: gz } = bundleSize(dir);
const kib = (n) => (n / 1024).toFixed(1);
console.log(`Worker bundle: ${kib(raw)} KiB, ${kib(gz)} KiB gzipped (budget ${BUDGET_KIB} KiB gzipped)`);
if (gz > BUDGET_KIB * 1024) {
  console.error(`The Worker bundle is over its budget by ${kib(gz - BUDGET_KIB * 1024)} KiB gzipped. Look for a heavy import (zod: \`import * as z from 'zod'\`, never \`import { z }\`).`);
  process.exit(1);
}
