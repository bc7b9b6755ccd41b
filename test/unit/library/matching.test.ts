import { describe, expect, it } from 'vitest';
import { compareClaims, compareValues, type MatchableClaim } from '../../../src/domain/matching';
import { evaluate } from '../../fixtures/library/evaluate';
import { libraryFixtures } from '../../fixtures/library/fixtures';
import { readLibraryFiles } from '../../fixtures/library/files';

const claim = (c: Partial<MatchableClaim> & Pick<MatchableClaim, 'kind' | 'value' | 'quote'>): MatchableClaim => ({ sentence: c.quote, ...c });

describe('values that can state the same figure', () => {
  const money = (amount: number, extra: Partial<MatchableClaim> = {}) => claim({ kind: 'money', value: { amount, currency: 'USD' }, quote: `$${amount}`, ...extra });
  it('a lower bound covers a figure a little above it ("over $7,000" and "$7,100")', () => {
    expect(compareValues(money(7000, { bound: 'at_least' }), money(7100))?.reason).toBe('bound covers');
    expect(compareValues(money(7000, { bound: 'at_least' }), money(6900))).toBeNull();
    expect(compareValues(money(7000, { bound: 'at_least' }), money(12000))).toBeNull();
  });
  it('a round figure stands for figures within its rounding, a precise one does not', () => {
    expect(compareValues(money(7000), money(7100))?.reason).toBe('equal within rounding');
    expect(compareValues(money(7100), money(7300))).toBeNull();
  });
  it('money in another currency never matches', () => {
    expect(compareValues(money(7000), claim({ kind: 'money', value: { amount: 7000, currency: 'EUR' }, quote: '€7,000' }))).toBeNull();
  });
  it('ranges that overlap agree, and an approximate figure inside a range', () => {
    const range = claim({ kind: 'count', value: { min: 100, max: 250 }, quote: '100-250' });
    expect(compareValues(range, claim({ kind: 'count', value: { min: 200, max: 400 }, quote: '200-400' }))?.reason).toBe('ranges overlap');
    expect(compareValues(range, claim({ kind: 'count', value: 150, approximate: true, quote: 'about 150' }))).not.toBeNull();
    expect(compareValues(range, claim({ kind: 'count', value: 300, quote: '300' }))).toBeNull();
  });
  it('dates agree to the precision both know', () => {
    const day = claim({ kind: 'date', value: '2023-01-22', quote: 'January 22, 2023' });
    expect(compareValues(day, claim({ kind: 'date', value: '2023-01', quote: 'January 2023' }))?.reason).toBe('same month');
    expect(compareValues(day, claim({ kind: 'date', value: '2023', quote: '2023' }))?.reason).toBe('same year');
    expect(compareValues(day, claim({ kind: 'date', value: '2023-01-05', quote: 'January 5' }))).toBeNull();
  });
  it('durations compare by length', () => {
    expect(compareValues(claim({ kind: 'sentence', value: 'P18M', quote: '18 months' }), claim({ kind: 'sentence', value: 'P1Y6M', quote: 'a year and a half' }))?.reason).toBe('same length');
    expect(compareValues(claim({ kind: 'duration', value: 'P41D', quote: '41 days' }), claim({ kind: 'duration', value: 'P6W', quote: 'six weeks' }))).not.toBeNull();
    expect(compareValues(claim({ kind: 'sentence', value: 'life', quote: 'life' }), claim({ kind: 'sentence', value: 'P40Y', quote: '40 years' }))).toBeNull();
  });
});

describe('the same figure about different things', () => {
  it('a prison term and a ban of the same length are different kinds', () => {
    const prison = claim({ kind: 'sentence', value: 'P3Y', quote: 'three years in prison', sentence: 'Karimov was sentenced to three years in prison.' });
    const ban = claim({ kind: 'duration', value: 'P3Y', quote: 'three years', sentence: 'Karimov was banned from journalism for three years.' });
    expect(compareClaims(prison, ban).same).toBe(false);
  });
  it('the same term for two people named next to their figures does not match', () => {
    const a = claim({ kind: 'sentence', value: 'P5Y', quote: 'five years in prison', sentence: 'Cameraman Bakyt Osmonov was sentenced to five years in prison.', subject: 'Bakyt Osmonov' });
    const b = claim({ kind: 'sentence', value: 'P5Y', quote: 'five years', sentence: 'Elmira Sadykova walked free with a suspended sentence of five years.', subject: 'Elmira Sadykova' });
    expect(compareClaims(a, b).same).toBe(false);
  });
  it('a fine and a bonus of the same amount do not match; the same fine in other words does', () => {
    const lede = 'Regulator fines NordLink\nThe regulator fined NordLink over a data breach.';
    const fine = claim({ kind: 'money', value: { amount: 7_100_000, currency: 'EUR' }, quote: '7.1 million euros', sentence: 'The regulator fined NordLink 7.1 million euros.', subject: 'fine', lede });
    const over = claim({ kind: 'money', value: { amount: 7_000_000, currency: 'EUR' }, bound: 'at_least', quote: 'more than €7 million', sentence: 'The union welcomed the decision to fine NordLink more than €7 million.', subject: 'fine', lede });
    const bonus = claim({ kind: 'money', value: { amount: 7_000_000, currency: 'EUR' }, quote: '€7 million', sentence: 'NordLink paid its chief executive a €7 million bonus.', subject: 'bonus', lede });
    const same = compareClaims(fine, over);
    expect(same.same).toBe(true);
    expect(same.reasons).toContain('bound covers');
    expect(compareClaims(fine, bonus).same).toBe(false);
  });
  it('a value alone is never enough', () => {
    const a = claim({ kind: 'count', value: 304, quote: '304 prisoners', sentence: 'The court freed 304 prisoners in Osh.', lede: 'Osh court frees prisoners' });
    const b = claim({ kind: 'count', value: 304, quote: '304 flights', sentence: 'Airlines cancelled 304 flights at Heathrow.', lede: 'Storm grounds Heathrow' });
    expect(compareClaims(a, b).same).toBe(false);
  });
});

describe('matching quality on the labelled pairs of test/fixtures/library', () => {
  const fx = libraryFixtures(readLibraryFiles());
  for (const split of ['tuning', 'held-out', 'held-out-2'] as const) {
    it(`${split}: precision at least 90 %, recall at least 80 %`, { timeout: 60_000 }, () => {
      const e = evaluate(fx.claims, fx.byId, split, compareClaims);
      const summary = `${split}: ${e.pairs} pairs, ${e.positives} positives, TP ${e.truePositives} FP ${e.falsePositives} FN ${e.falseNegatives}, precision ${(e.precision * 100).toFixed(1)} %, recall ${(e.recall * 100).toFixed(1)} %`;
      console.log(summary);
      expect(e.positives).toBeGreaterThan(30);
      expect(e.precision, summary).toBeGreaterThanOrEqual(0.9);
      expect(e.recall, summary).toBeGreaterThanOrEqual(0.8);
    });
  }
});
