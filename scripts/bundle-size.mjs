// The Worker bundle's size as Cloudflare counts it: every .js/.mjs/.wasm file `wrangler deploy`
// would upload, raw and gzipped (-9). One measure for `npm run check` (check-bundle.mjs), the
// breakdown (bundle-breakdown.mjs) and bench:feed.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** @param {string} dir the dry run's --outdir @returns {{ raw: number, gzip: number }} bytes */
export function bundleSize(dir) {
  let raw = 0;
  let gzip = 0;
  for (const f of readdirSync(dir).filter((n) => /\.(m?js|wasm)$/.test(n))) {
    const bytes = readFileSync(join(dir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}
