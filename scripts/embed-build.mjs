// The reader embed's build, shared by `npm run build` and the budget test.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';

/** The embed's budget: gzip (level 9) of /embed.js, in bytes (docs/embed.md). */
export const EMBED_BUDGET = 6144;

/**
 * Names of the embed's own internal properties, which the bundle may shorten. Never a name
 * the feed's JSON or the DOM uses (`exact`, `label`, `href`, `target`…).
 */
export const EMBED_INTERNAL_PROPS = /^(toRaw|nodes|starts|errors|how|colours|figures|credit|summary|sources|page|claim|head|toUnit|toCp)$/;

/**
 * /embed.js: esbuild bundles and minifies it, shortening the internal property names, then
 * terser minifies the bundle once more (about 230 bytes gzipped less than esbuild alone).
 */
export async function buildEmbed(entry = 'web/embed/embed.ts') {
  const bundled = await build({
    bundle: true, minify: true, format: 'iife', target: 'es2020', legalComments: 'none', logLevel: 'warning',
    entryPoints: [entry], write: false, mangleProps: EMBED_INTERNAL_PROPS,
  });
  const min = await minify(bundled.outputFiles[0].text, { ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false, ascii_only: true } });
  return min.code;
}

/** Its size as the budget counts it: gzip, level 9. */
export const gzippedSize = (code) => gzipSync(code, { level: 9 }).length;
