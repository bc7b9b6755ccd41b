// The dependency direction, checked (`npm run check` runs it; docs/architecture.md draws it).
// Every import between our own files must go down the layers below; a forbidden one fails
// with the file, the line and the rule. Type-only imports (`import type`) may also reach
// sideways to types (a view names its read model's type, a service the Env type), except
// out of src/domain and into the browser bundles, which stay free even of types.
//
// Usage: npx tsx scripts/check-layers.ts [root]   (exit 1 on a forbidden import)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

type Layer = 'domain' | 'extract' | 'lib' | 'data' | 'services' | 'app' | 'http' | 'views' | 'client' | 'embed';

/** Layers, first match wins: [name, test on the path relative to the root]. */
const LAYERS: [Layer, (p: string) => boolean][] = [
  ['domain', (p) => p.startsWith('src/domain/')],
  ['extract', (p) => p.startsWith('src/extract/')],
  ['lib', (p) => p.startsWith('src/auth/')],
  ['data', (p) => p.startsWith('schema/') || p === 'src/db.ts'],
  ['services', (p) => p.startsWith('src/services/')],
  ['app', (p) => p === 'src/app.ts' || p === 'src/index.ts'],
  ['http', (p) => p.startsWith('src/')],
  ['views', (p) => p.startsWith('web/views/')],
  ['client', (p) => p.startsWith('web/client/')],
  ['embed', (p) => p.startsWith('web/embed/')],
];

/** What each layer may import (values). Every layer may import itself. */
export const MAY_IMPORT: Record<Layer, Layer[]> = {
  domain: [],
  extract: ['domain'],
  lib: ['domain'],
  data: ['domain'],
  services: ['domain', 'extract', 'lib', 'data'],
  http: ['domain', 'extract', 'lib', 'data', 'services', 'views'],
  app: ['domain', 'extract', 'lib', 'data', 'services', 'http', 'views'],
  views: ['domain'],
  client: ['domain'],
  embed: ['domain'],
};

/** Layers whose type-only imports are held to the value rules too. */
const STRICT_TYPES = new Set<Layer>(['domain', 'client', 'embed']);

export const layerOf = (p: string): Layer | null => LAYERS.find(([, test]) => test(p))?.[0] ?? null;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(ts|tsx|mjs|js)$/.test(name) && !name.endsWith('.d.ts')) yield full;
  }
}

/** Resolves a relative specifier to a repo path, trying the extensions TypeScript would. */
function resolveImport(root: string, fromFile: string, spec: string): string {
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.js`, `${base}.mjs`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    try {
      if (statSync(candidate).isFile()) return relative(root, candidate).split(sep).join('/');
    } catch {
      // try the next
    }
  }
  return relative(root, base).split(sep).join('/');
}

/** `import … from '…'`, `export … from '…'`, `import('…')`, with whether the statement is type-only. */
const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import against the direction under `rootDir`, as `file:line: why` lines (empty when all is well). */
export function check(rootDir: string): string[] {
  const root = resolve(rootDir);
  const problems: string[] = [];
  for (const dir of ['src', 'web', 'schema']) {
    let list;
    try {
      list = [...files(join(root, dir))];
    } catch {
      continue;
    }
    for (const file of list) {
      const path = relative(root, file).split(sep).join('/');
      const from = layerOf(path);
      if (!from) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[3] ?? m[4];
        if (!spec.startsWith('.')) continue; // packages: the bundles and tsconfigs police those
        const typeOnly = Boolean(m[2]);
        const target = resolveImport(root, file, spec);
        const to = layerOf(target);
        if (!to || to === from) continue;
        if (MAY_IMPORT[from].includes(to)) continue;
        if (typeOnly && !STRICT_TYPES.has(from) && to !== 'client' && to !== 'embed') continue;
        const line = text.slice(0, m.index + (m[0].startsWith('\n') ? 1 : 0)).split('\n').length;
        problems.push(`${path}:${line}: ${from} may not import ${to} (${target})${typeOnly ? ', not even a type' : ''}; ${from} may import ${MAY_IMPORT[from].join(', ') || 'nothing of ours'}`);
      }
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(fileURLToPath(import.meta.url))) {
  const problems = check(process.argv[2] ?? '.');
  if (problems.length) {
    console.error(`check-layers: ${problems.length} import(s) against the dependency direction (docs/architecture.md):`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log('check-layers: every import goes down the layers');
}
