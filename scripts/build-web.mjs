// Builds everything that reaches a browser into dist/assets (served as Workers Static Assets):
// the reader embed (/embed.js), the reviewer UI's client scripts and styles (/app/assets/*,
// with content hashes in their names), and the `_headers` file that gives those static files
// the security headers of every other response and their caching (Cloudflare's assets layer
// answers them before the Worker runs). dist/asset-manifest.json maps each UI asset's plain
// name to its fingerprinted one, for the views (web/views/assets.ts).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { buildEmbed } from './embed-build.mjs';
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

const out = 'dist/assets';
const ui = `${out}/app/assets`;
await rm(out, { recursive: true, force: true });
await mkdir(ui, { recursive: true });

const common = { bundle: true, minify: true, format: 'iife', target: 'es2020', legalComments: 'none', logLevel: 'warning' };
/** Plain URL path → fingerprinted URL path. */
const manifest = {};

// The embed keeps its name: publishers put /embed.js in their pages.
if (existsSync('web/embed/embed.ts')) {
  await writeFile(`${out}/embed.js`, await buildEmbed());
}

const hashed = (name, bytes) => `${basename(name, extname(name))}-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}${extname(name)}`;

const clientDir = 'web/client';
if (existsSync(clientDir)) {
  const entries = (await readdir(clientDir)).filter((f) => f.endsWith('.ts') && !f.startsWith('_'));
  if (entries.length) {
    const result = await build({ ...common, entryPoints: entries.map((f) => `${clientDir}/${f}`), outdir: ui, write: false });
    for (const file of result.outputFiles) {
      const name = hashed(basename(file.path), file.contents);
      await writeFile(join(ui, name), file.contents);
      manifest[`/app/assets/${basename(file.path)}`] = `/app/assets/${name}`;
    }
  }
}

// Files served as they are at the site's root: the favicon.
if (existsSync('web/static')) {
  await cp('web/static', out, { recursive: true });
}

if (existsSync('web/styles')) {
  for (const f of await readdir('web/styles')) {
    const bytes = await readFile(join('web/styles', f));
    const name = hashed(f, bytes);
    await writeFile(join(ui, name), bytes);
    manifest[`/app/assets/${f}`] = `/app/assets/${name}`;
  }
}

const security = JSON.parse(await readFile('src/middleware/security-headers.json', 'utf8'));
const lines = (headers) => Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`).join('\n');
await writeFile(
  `${out}/_headers`,
  [
    '# Written by scripts/build-web.mjs: the headers of every Worker response, for the static files.',
    '# The embed keeps a stable name (publishers link to it): a short max-age, loadable from any site.',
    '/embed.js',
    lines({ ...security, 'Cross-Origin-Resource-Policy': 'cross-origin', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300, stale-while-revalidate=3600' }),
    '# The reviewer UI\'s scripts and styles have content hashes in their names: cached for a year.',
    '/app/assets/*',
    lines({ ...security, 'Cache-Control': 'public, max-age=31536000, immutable' }),
    '# The favicon keeps its name (pages link to it): a day.',
    '/favicon.svg',
    lines({ ...security, 'Cache-Control': 'public, max-age=86400' }),
    '',
  ].join('\n'),
);
await writeFile('dist/asset-manifest.json', JSON.stringify(manifest, null, 1) + '\n');
