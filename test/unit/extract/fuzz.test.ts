// Robustness: random text made of the pieces claims are made of (numbers,
// units, months, currency signs, punctuation, emoji, CRLF) must never throw,
// and every candidate must keep the API's invariants.
import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../../src/extract/index';
// The claim store's own value schemas: what ingestion accepts (src/domain/claim-values.ts).
import { parseClaimValue } from '../../../src/domain/claim-values';

const PIECES = [
  '12', '1,500', '3.5', '2017', '100-250', '80,000', '0', '007', '9/11', '10:30', '+992 37 221 1234', 'v2.1.3',
  'years', 'year-old', 'months', 'days ago', 'ago', 'in prison', 'sentenced to', 'jailed for', 'fined', 'faces up to',
  'somoni', 'dollars', '$', '€', '£', '₽', 'USD', 'per cent', '%', 'million', 'bn', 'one-fifth of', 'half of',
  'January', 'May', 'March', 'August 22', 'last November', 'earlier this year', 'mid-', 'since', 'the 1990s',
  'Monday', 'yesterday', 'about', 'some', 'more than', 'between', 'and', 'to', 'or', 'the', 'a', 'an', 'of',
  'prisoners', 'people', 'aged', 'under', 'Article', 'page', 'www.example.org/2017/1', 'desk@example.org',
  ',', '.', ';', '—', '–', '-', '(', ')', '“', '”', '’', '\n', '\r\n', '  ', '😀', '🇹🇯', '\u00a0', '½', '1/2',
];

/** Small deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number) {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

describe('random text', () => {
  // CPU-bound (300 documents through the whole extractor): room for a loaded machine.
  it('never throws and keeps the invariants over 300 random documents', { timeout: 30_000 }, () => {
    const rand = rng(20261128);
    let total = 0;
    for (let doc = 0; doc < 300; doc++) {
      const parts: string[] = [];
      const n = 5 + Math.floor(rand() * 60);
      for (let i = 0; i < n; i++) parts.push(PIECES[Math.floor(rand() * PIECES.length)]);
      const text = parts.join(rand() < 0.7 ? ' ' : '');
      const publishedAt = ['2017-08', '2024-03-14', '2019', undefined][doc % 4];
      const found = extractClaims(text, publishedAt ? { publishedAt } : {});
      total += found.length;
      let lastStart = -1;
      for (const c of found) {
        expect(c.start).toBeGreaterThanOrEqual(lastStart);
        lastStart = c.start;
        expect(c.end).toBeGreaterThan(c.start);
        expect(cpSlice(text, c.start, c.end)).toBe(c.quote);
        expect(c.value).not.toBeUndefined();
        expect(c.value).not.toBeNull();
        if (typeof c.value === 'number') expect(Number.isFinite(c.value)).toBe(true);
        if (c.kind === 'date') expect(JSON.stringify(c.value)).toMatch(/^(?:"\d{4}(?:-\d{2}(?:-\d{2})?)?"|\{"min":"\d{4}[-\d]*","max":"\d{4}[-\d]*"\})$/);
        if (c.kind === 'fraction' && typeof c.value === 'number') expect(c.value).toBeLessThanOrEqual(1);
        const parsed = parseClaimValue(c.kind, c.value);
        if (!parsed.success) throw new Error(`value rejected by the claim store: ${JSON.stringify(c)} in ${JSON.stringify(text)}`);
      }
      for (let i = 1; i < found.length; i++) expect(found[i].start).toBeGreaterThanOrEqual(found[i - 1].end);
    }
    expect(total).toBeGreaterThan(300); // the generator does produce claims
  });
});
