import { describe, expect, it } from 'vitest';
import { extractClaims, EXTRACTOR_VERSION } from '../../../src/extract/index';

/** Slice by code points, as the API's offsets are defined. */
function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

describe('offsets, edges and size', () => {
  it('offsets are Unicode code points: an emoji before a claim counts as one', () => {
    const text = '🎉🇹🇯 He was fined 80,000 somoni.';
    const [c] = extractClaims(text);
    expect(c.quote).toBe('80,000 somoni');
    expect(c.start).toBe(Array.from('🎉🇹🇯 He was fined ').length);
    expect(c.start).not.toBe(text.indexOf('80,000')); // UTF-16 index differs
    expect(cpSlice(text, c.start, c.end)).toBe(c.quote);
  });

  it('every quote is the exact code-point substring at its offsets, sorted by start', () => {
    const text = '😀 On August 22 😀 a court cut the 12-year sentence to 3 years in prison and a €5,000 fine 😀 for 100 protesters.';
    const found = extractClaims(text, { publishedAt: '2017-08' });
    expect(found.length).toBeGreaterThanOrEqual(4);
    for (const c of found) expect(cpSlice(text, c.start, c.end)).toBe(c.quote);
    for (let i = 1; i < found.length; i++) expect(found[i].start).toBeGreaterThanOrEqual(found[i - 1].start);
  });

  it('candidates of one kind never overlap', () => {
    const text = 'He got 12 years in prison, 15 years ago, aged 40, with 100-250 others and $5-10 million.';
    const found = extractClaims(text, { publishedAt: '2017-08' });
    for (const a of found) for (const b of found) if (a !== b && a.kind === b.kind) expect(a.end <= b.start || b.end <= a.start).toBe(true);
  });

  it('empty and claim-free text give no candidates', () => {
    expect(extractClaims('')).toEqual([]);
    expect(extractClaims('No figures here at all.')).toEqual([]);
    expect(extractClaims('   \n\n  ')).toEqual([]);
  });

  it('a 2 MB text completes and finds claims throughout it', () => {
    const para = 'On August 22 a court sentenced him to 12 years in prison and fined him 80,000 somoni ($8,500). Some 10,000 prisoners were freed in 2009. 😀\n';
    const text = para.repeat(Math.ceil(2_000_000 / para.length));
    const t0 = Date.now();
    const found = extractClaims(text, { publishedAt: '2017-08' });
    const ms = Date.now() - t0;
    const perPara = extractClaims(para, { publishedAt: '2017-08' }).length;
    expect(perPara).toBeGreaterThanOrEqual(6);
    expect(found.length).toBe(perPara * Math.ceil(2_000_000 / para.length));
    const last = found[found.length - 1];
    expect(cpSlice(text, last.start, last.end)).toBe(last.quote);
    expect(ms).toBeLessThan(20_000); // generous: a correctness guard, not a timing test
  }, 60_000);

  it('has a version string', () => {
    expect(EXTRACTOR_VERSION).toMatch(/^\d{4}\.\d+\.\d+$/);
  });
});

describe('extractInPieces', () => {
  it('finds what extractClaims finds, with offsets into the whole text, on a long article cut at line breaks', async () => {
    const { extractClaims, extractInPieces, PIECE_CHARS } = await import('../../../src/extract');
    const para = 'On 3 May 2016 the court in Khujand fined him 80,000 somoni 😀 and sentenced him to 12 years in prison; some 250 people protested.';
    const text = Array.from({ length: Math.ceil((3 * PIECE_CHARS) / para.length) }, (_, i) => `${i + 1}. ${para}`).join('\n\n');
    const whole = extractClaims(text, { publishedAt: '2017-08' });
    const pieces = [...extractInPieces(text, { publishedAt: '2017-08' })];
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(pieces.flat()).toEqual(whole);
  });

  it('cuts a text without line breaks at sentence ends or spaces, and never inside a character', async () => {
    const { extractInPieces, PIECE_CHARS } = await import('../../../src/extract');
    const text = '😀1 '.repeat(PIECE_CHARS);
    const cps = Array.from(text);
    for (const c of [...extractInPieces(text)].flat()) expect(cps.slice(c.start, c.end).join('')).toBe(c.quote);
  });
});
