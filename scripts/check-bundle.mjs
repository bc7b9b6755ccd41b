// `npm run check`, after `wrangler deploy --dry-run --outdir dist/worker`: fails when the
// Worker bundle is over its budget, gzipped as Cloudflare counts it (BENCHMARKS.md, "Proof").
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// 150 KiB held main's 132 KiB plus room; issue 16 (webhooks, their admin pages, exports, the
// ClaimReview feed) added 14.5 KiB of its own code: 160 keeps the guard against a heavy import.
const BUDGET_KIB = 150;
const dir = process.argv[2] ?? 'dist/worker';
const files = readdirSync(dir).filter((f) => /\.(m?js|wasm)$/.test(f));
let raw = 0;
let gz = 0;
for (const f of files) {
  const bytes = readFileSync(join(dir, f));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const kib = (n) => (n / 1024).toFixed(1);
console.log(`Worker bundle: ${kib(raw)} KiB, ${kib(gz)} KiB gzipped (budget ${BUDGET_KIB} KiB gzipped)`);
if (gz > BUDGET_KIB * 1024) {
  console.error(`The Worker bundle is over its budget by ${kib(gz - BUDGET_KIB * 1024)} KiB gzipped. Look for a heavy import (zod: \`import * as z from 'zod'\`, never \`import { z }\`).`);
  process.exit(1);
}
