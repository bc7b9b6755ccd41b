import { describe, expect, it } from 'vitest';
import { utf16Index, utf16Indexer } from '../../../src/domain/text';

describe('utf16Indexer', () => {
  it.each([
    ['plain ASCII', 'The court fined him 5,000 somoni.'],
    ['astral characters', 'A 😀 fine of 5 😀 dollars and 𝟙𝟚 again 😀.'],
  ])('answers as utf16Index does, in any order, for %s', (_, text) => {
    const at = utf16Indexer(text);
    const n = Array.from(text).length;
    const offsets = [...Array.from({ length: n + 1 }, (_, i) => i), 7, 3, n, 0, 12, 11, 13, n + 5];
    for (const cp of offsets) expect(at(cp), String(cp)).toBe(utf16Index(text, cp));
  });
});
