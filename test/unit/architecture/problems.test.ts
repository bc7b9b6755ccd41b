import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* sources(full);
    else if (/\.tsx?$/.test(name)) yield full;
  }
}

describe('problem codes', () => {
  it('every code thrown in src/ has its status and explanation in the one catalogue', () => {
    const thrown = new Set<string>();
    for (const file of sources('src')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/new DomainError\(\s*'([a-z-]+)'/g)) thrown.add(m[1]);
    }
    expect(thrown.size).toBeGreaterThan(15);
    // Read as text: src/problem.ts imports Worker-only types this (Node) project does not load.
    const source = readFileSync('src/problem.ts', 'utf8');
    const table = source.slice(source.indexOf('const PROBLEMS_BY_STATUS = {'), source.indexOf('} as const satisfies'));
    const catalogued = new Set([...table.matchAll(/^\s+(?:\d{3}: \{ )?'?([a-z-]+)'?: '/gm)].map((m) => m[1]));
    expect(catalogued.size).toBeGreaterThan(20);
    expect([...thrown].filter((code) => !catalogued.has(code))).toEqual([]);
  });
});
