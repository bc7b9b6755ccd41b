// Builds everything that reaches a browser into dist/assets (served as Workers Static Assets):
// the reader embed (/embed.js), the reviewer UI's client scripts (/app/assets/*.js) and styles.
import { build } from 'esbuild';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';

const out = 'dist/assets';
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const common = { bundle: true, minify: true, format: 'iife', target: 'es2020', legalComments: 'none', logLevel: 'warning' };

if (existsSync('web/embed/embed.ts')) {
  await build({ ...common, entryPoints: ['web/embed/embed.ts'], outfile: `${out}/embed.js` });
}

const clientDir = 'web/client';
if (existsSync(clientDir)) {
  const entries = (await readdir(clientDir)).filter((f) => f.endsWith('.ts') && !f.startsWith('_'));
  if (entries.length) {
    await build({ ...common, entryPoints: entries.map((f) => `${clientDir}/${f}`), outdir: `${out}/app/assets` });
  }
}

if (existsSync('web/styles')) {
  await cp('web/styles', `${out}/app/assets`, { recursive: true });
}
