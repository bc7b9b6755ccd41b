import { describe, expect, it } from 'vitest';
import { anchorAt, codePointLength, locateQuote, normaliseText, sliceCodePoints, slugify, utf16Index } from '../../../src/domain/text';
import { parseClaimValue } from '../../../src/domain/claim-values';

describe('normaliseText', () => {
  it('unifies line endings, drops invisible characters and folds spaces, keeping typography', () => {
    expect(normaliseText('\uFEFFA\u00a0b\u200b c\t\td \r\nnext\r\r\n\n\nlast “quoted” — dash  ')).toBe('A b c d\nnext\n\nlast “quoted” — dash');
  });
  it('is idempotent', () => {
    const once = normaliseText(' a \n\n\n b\u2028c ');
    expect(normaliseText(once)).toBe(once);
  });
});

describe('code points', () => {
  it('counts astral characters once and maps offsets both ways', () => {
    const s = 'a😀b𝔘c';
    expect(codePointLength(s)).toBe(5);
    expect(utf16Index(s, 2)).toBe(3);
    expect(sliceCodePoints(s, 1, 4)).toBe('😀b𝔘');
  });
});

describe('locateQuote', () => {
  const text = '😀 The fine was $500. The bail was $500 too.';
  it('finds a unique quote with its context', () => {
    const r = locateQuote(text, 'The fine');
    expect(r).toEqual({ ok: true, anchor: { quote: 'The fine', start: 2, end: 10, prefix: '😀 ', suffix: ' was $500. The bail was $500 too' } });
  });
  it('reports every occurrence of an ambiguous quote, and accepts a start that picks one', () => {
    const r = locateQuote(text, '$500');
    expect(r).toEqual({ ok: false, reason: 'ambiguous', starts: [15, 34] });
    const chosen = locateQuote(text, '$500', 34);
    expect(chosen.ok && chosen.anchor.prefix.endsWith('bail was ')).toBe(true);
    expect(locateQuote(text, '$500', 20)).toMatchObject({ ok: false, reason: 'position-mismatch' });
  });
  it('refuses absent and empty quotes', () => {
    expect(locateQuote(text, '$600')).toMatchObject({ ok: false, reason: 'not-found' });
    expect(locateQuote(text, '')).toMatchObject({ ok: false, reason: 'empty' });
  });
  it('keeps 32 code points of context at most', () => {
    const long = `${'x'.repeat(50)}QUOTE${'y'.repeat(50)}`;
    const a = anchorAt(long, 50, 55);
    expect([a.prefix.length, a.suffix.length]).toEqual([32, 32]);
  });
});

describe('slugify', () => {
  it('makes ASCII slugs from titles with accents, apostrophes and symbols', () => {
    expect(slugify('#FreeKhayrullo and the Art of Changing Tajikistan’s Mind')).toBe('freekhayrullo-and-the-art-of-changing-tajikistans-mind');
    expect(slugify('Ústí nad Labem: 3 % more!')).toBe('usti-nad-labem-3-more');
    expect(slugify('¿¡!?')).toBe('article');
  });
});

describe('claim values', () => {
  it.each([
    ['sentence', 'P12Y', true],
    ['sentence', { min: 'P15Y', max: 'P20Y' }, true],
    ['sentence', { min: 'P20Y', max: 'P15Y' }, false],
    ['sentence', '12 years', false],
    ['money', { amount: 80000, currency: 'TJS' }, true],
    ['money', { amount: 80000, currency: 'somoni' }, false],
    ['count', { min: 100, max: 250 }, true],
    ['count', -1, false],
    ['date', '2017-08-22', true],
    ['date', '2017-02-30', false],
    ['date', '2016-11', true],
    ['age', 4, true],
    ['age', 4.5, false],
    ['fraction', 0.2, true],
    ['fraction', 20, false],
    ['duration', 'P2Y', true],
  ] as const)('%s %j → %s', (kind, value, ok) => {
    expect(parseClaimValue(kind, value).success).toBe(ok);
  });
});
