import { describe, expect, it } from 'vitest';
import { NUMBER, parseNumber } from '../../../src/extract/numbers';

describe('parseNumber', () => {
  it.each([
    ['80,000', 80000],
    ['8.5', 8.5],
    ['1.5 million', 1500000],
    ['2.3bn', 2300000000],
    ['80k', 80000],
    ['twelve', 12],
    ['twenty-five', 25],
    ['two hundred and fifty', 250],
    ['three thousand five hundred', 3500],
    ['a million', 1000000],
    ['half a million', 500000],
    ['a dozen', 12],
    ['two dozen', 24],
    ['one hundred thousand', 100000],
    ['1.15 million', 1150000],
  ])('%s → %d', (raw, value) => {
    expect(parseNumber(raw)).toBe(value);
  });

  it('rejects what is not a number', () => {
    expect(parseNumber('banana')).toBeNull();
    expect(parseNumber('5 apples')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });

  it('the NUMBER pattern does not take a word number inside a longer word', () => {
    const re = new RegExp(NUMBER, 'gi');
    expect('someone often tent'.match(re)).toBeNull();
    expect('seventeen'.match(re)).toEqual(['seventeen']);
  });
});
