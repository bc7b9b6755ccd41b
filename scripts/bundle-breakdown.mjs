#!/usr/bin/env node
/**
 * Where the Worker bundle's bytes are: libraries (by package) and our code (by folder), from
 * esbuild's metafile of the bundle `wrangler deploy` would upload (BENCHMARKS.md, "Worker
 * bundle"). Each input's bytes are its share of the minified output, before gzip; the gzip
 * column is that share of the whole bundle's gzip size (gzip is not additive per input).
 *
 *   npx wrangler deploy --dry-run --outdir dist/worker --metafile dist/worker/meta.json
 *   node scripts/bundle-breakdown.mjs dist/worker/meta.json
 *
 * Prints a Markdown table.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundleSize } from './bundle-size.mjs';

const metaPath = process.argv[2] ?? 'dist/worker/meta.json';
const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
const outputs = Object.entries(meta.outputs).filter(([f]) => /\.m?js$/.test(f));

/** The part an input belongs to: `zod`, `@hono/zod-validator`, `src/services`, `web/views`… */
function partOf(input) {
  const path = input.replace(/\\/g, '/');
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (mod) return { part: mod[1], library: true };
  const ours = /(?:^|\/)(src|web|schema|dist)\/(?:([^/]+)\/)?/.exec(path);
  if (ours) return { part: ours[2] && !/\.\w+$/.test(ours[2]) ? `${ours[1]}/${ours[2]}` : `${ours[1]} (top level)`, library: false };
  return { part: path.startsWith('wrangler:') || path.includes('wrangler') ? 'wrangler shims' : path, library: true };
}

const parts = new Map();
let total = 0;
for (const [, out] of outputs) {
  for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
    const { part, library } = partOf(input);
    const p = parts.get(part) ?? { part, library, bytes: 0 };
    p.bytes += bytesInOutput;
    parts.set(part, p);
    total += bytesInOutput;
  }
}

// The bundle as uploaded (the same files check-bundle.mjs measures), for the gzip total.
const { raw, gzip } = bundleSize(dirname(metaPath));

const kib = (n) => (n / 1024).toFixed(1);
const rows = [...parts.values()].sort((a, b) => b.bytes - a.bytes);
const libraries = rows.filter((r) => r.library).reduce((s, r) => s + r.bytes, 0);
console.log(`Worker bundle: ${kib(raw)} KiB minified, ${kib(gzip)} KiB gzipped (gzip -9); inputs ${kib(total)} KiB: libraries ${kib(libraries)} KiB (${((libraries / total) * 100).toFixed(0)} %), our code ${kib(total - libraries)} KiB`);
console.log('');
console.log('| part | kind | minified KiB | share | ≈ gzip KiB |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  if (r.bytes < 512) continue;
  console.log(`| ${r.part} | ${r.library ? 'library' : 'ours'} | ${kib(r.bytes)} | ${((r.bytes / total) * 100).toFixed(1)} % | ${kib((r.bytes / total) * gzip)} |`);
}
const small = rows.filter((r) => r.bytes < 512);
if (small.length) console.log(`| ${small.length} smaller parts | | ${kib(small.reduce((s, r) => s + r.bytes, 0))} | | |`);
