import { describe, expect, it } from 'vitest';
import { buildEmbed, EMBED_BUDGET, EMBED_INTERNAL_PROPS, gzippedSize } from '../../../scripts/embed-build.mjs';

describe('the reader embed’s budget', () => {
  it(`/embed.js, built as npm run build builds it, is at most ${EMBED_BUDGET} bytes gzipped`, async () => {
    const code = await buildEmbed();
    const size = gzippedSize(code);
    console.info(`embed.js: ${code.length} bytes, ${size} bytes gzip -9 (budget ${EMBED_BUDGET}, ${EMBED_BUDGET - size} to spare)`);
    expect(size).toBeLessThanOrEqual(EMBED_BUDGET);
  }, 30_000);

  it('the budget check can fail: a bundle with 6 KB of incompressible text is over it', async () => {
    const code = (await buildEmbed()) + `/*${Array.from({ length: 6000 }, (_, i) => ((i * 7919) % 9973).toString(36)).join('')}*/`;
    expect(gzippedSize(code)).toBeGreaterThan(EMBED_BUDGET);
  }, 30_000);

  it('shortens only the embed’s own property names, never a name of the feed or the DOM', () => {
    for (const name of ['exact', 'prefix', 'suffix', 'start', 'end', 'target', 'label', 'href', 'value', 'purpose', 'creator', 'name', 'stylesheet', 'id', 'text']) {
      expect(EMBED_INTERNAL_PROPS.test(name), name).toBe(false);
    }
  });
});
