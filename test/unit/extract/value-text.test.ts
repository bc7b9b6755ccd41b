import { describe, expect, it } from 'vitest';
import { parseValueText } from '../../../src/extract';
import { parseClaimValue } from '../../../src/domain/claim-values';
import { valuePreview } from '../../../src/domain/value-format';
import { CLAIM_KINDS } from '../../../src/domain/vocabulary';

const PUBLISHED = { publishedAt: '2017-08' };
const nb = (s: string) => s.replace(/\u00a0/g, ' ');

describe('parseValueText: what a checker types, read by the extractor’s parsers', () => {
  // Every example of issue 13, with the value it stores and the preview beside the field.
  const examples: [kind: Parameters<typeof parseValueText>[0], typed: string, value: unknown, extra: object, preview: string][] = [
    ['sentence', '12 years', 'P12Y', {}, 'P12Y · 12 years'],
    ['sentence', '18 months', 'P18M', {}, 'P18M · 18 months'],
    ['sentence', '12 to 15 years', { min: 'P12Y', max: 'P15Y' }, {}, 'P12Y/P15Y · 12 to 15 years'],
    ['money', 'about 80,000 somoni', { amount: 80000, currency: 'TJS' }, { approximate: true }, 'TJS 80,000 · approximate'],
    ['money', '$7,100', { amount: 7100, currency: 'USD' }, {}, 'US$7,100'],
    ['date', '22 August 2017', '2017-08-22', {}, '2017-08-22 · 22 August 2017'],
    ['date', 'last November', '2016-11', {}, '2016-11 · November 2016'],
    ['fraction', 'one-fifth', 0.2, {}, '20%'],
    ['count', '100-250', { min: 100, max: 250 }, {}, '100 to 250'],
  ];
  for (const [kind, typed, value, extra, preview] of examples) {
    it(`reads ${kind} “${typed}”`, () => {
      const r = parseValueText(kind, typed, PUBLISHED);
      expect(r).toEqual({ ok: true, value, form: 'words', ...extra });
      if (!r.ok) return;
      expect(parseClaimValue(kind, r.value).success).toBe(true);
      expect(nb(valuePreview(kind, r.value, r))).toBe(preview);
    });
  }

  it('reads the other ways people write the same things', () => {
    const read = (kind: Parameters<typeof parseValueText>[0], typed: string, publishedAt?: string) => {
      const r = parseValueText(kind, typed, { publishedAt });
      return r.ok ? { value: r.value, ...(r.approximate ? { approximate: true } : {}), ...(r.bound ? { bound: r.bound } : {}), ...(r.subject ? { subject: r.subject } : {}) } : r.message;
    };
    expect(read('sentence', 'twelve years in prison')).toEqual({ value: 'P12Y' });
    expect(read('sentence', 'up to 10 years')).toEqual({ value: 'P10Y', bound: 'at_most' });
    expect(read('sentence', 'two and a half years')).toEqual({ value: 'P2Y6M' });
    expect(read('sentence', 'Life')).toEqual({ value: 'life' });
    expect(read('duration', 'for 25 years')).toEqual({ value: 'P25Y' });
    expect(read('duration', 'a year')).toEqual({ value: 'P1Y' });
    expect(read('duration', '48 hours')).toEqual({ value: 'PT48H' });
    expect(read('money', 'TJS 80,000')).toEqual({ value: { amount: 80000, currency: 'TJS' } });
    expect(read('money', '80,000 TJS')).toEqual({ value: { amount: 80000, currency: 'TJS' } });
    expect(read('money', '€2.3bn')).toEqual({ value: { amount: 2.3e9, currency: 'EUR' } });
    expect(read('money', '$5-10 million')).toEqual({ value: { min: 5e6, max: 1e7, currency: 'USD' } });
    expect(read('count', 'about 10,000 prisoners')).toEqual({ value: 10000, approximate: true, subject: 'prisoners' });
    expect(read('count', 'between 100 and 250')).toEqual({ value: { min: 100, max: 250 } });
    expect(read('count', 'more than 10,000')).toEqual({ value: 10000, bound: 'at_least' });
    expect(read('count', 'two hundred')).toEqual({ value: 200 });
    expect(read('count', 'hundreds')).toEqual({ value: { min: 200, max: 999 }, approximate: true });
    expect(read('date', 'August 22', '2017-08-25')).toEqual({ value: '2017-08-22' });
    expect(read('date', 'May', '2017-08')).toEqual({ value: '2017-05' });
    expect(read('date', 'in 2017')).toEqual({ value: '2017' });
    expect(read('date', '15 years ago', '2017-08')).toEqual({ value: '2002' });
    expect(read('date', 'the 1990s')).toEqual({ value: { min: '1990', max: '1999' } });
    expect(read('age', 'four')).toEqual({ value: 4 });
    expect(read('age', 'Four-year-old')).toEqual({ value: 4 });
    expect(read('age', '59 years')).toEqual({ value: 59 });
    expect(read('age', '18 to 25')).toEqual({ value: { min: 18, max: 25 } });
    expect(read('fraction', '20%')).toEqual({ value: 0.2 });
    expect(read('fraction', '20 per cent')).toEqual({ value: 0.2 });
    expect(read('fraction', 'one in five')).toEqual({ value: 0.2 });
    expect(read('fraction', 'a quarter')).toEqual({ value: 0.25 });
    expect(read('fraction', 'two-thirds')).toEqual({ value: 0.6667 });
  });

  it('still takes the machine form as stored', () => {
    expect(parseValueText('sentence', 'P12Y')).toEqual({ ok: true, value: 'P12Y', form: 'machine' });
    expect(parseValueText('sentence', 'p12y/P15Y')).toEqual({ ok: true, value: { min: 'P12Y', max: 'P15Y' }, form: 'machine' });
    expect(parseValueText('sentence', 'life')).toEqual({ ok: true, value: 'life', form: 'machine' });
    expect(parseValueText('date', '2017-08-22')).toEqual({ ok: true, value: '2017-08-22', form: 'machine' });
    expect(parseValueText('date', '2015/2017')).toEqual({ ok: true, value: { min: '2015', max: '2017' }, form: 'machine' });
    expect(parseValueText('count', '250')).toEqual({ ok: true, value: 250, form: 'machine' });
    expect(parseValueText('age', '4')).toEqual({ ok: true, value: 4, form: 'machine' });
    expect(parseValueText('fraction', '0.2')).toEqual({ ok: true, value: 0.2, form: 'machine' });
    expect(parseValueText('money', '{"amount": 80000, "currency": "TJS"}')).toEqual({ ok: true, value: { amount: 80000, currency: 'TJS' }, form: 'machine' });
    expect(parseValueText('count', '{"min": 100, "max": 250}')).toEqual({ ok: true, value: { min: 100, max: 250 }, form: 'machine' });
  });

  it('ignores spacing and a full stop at the end', () => {
    expect(parseValueText('sentence', '  12   years. ')).toEqual({ ok: true, value: 'P12Y', form: 'words' });
  });
});

describe('parseValueText: failures say in words what was expected', () => {
  const fail = (kind: Parameters<typeof parseValueText>[0], typed: string, publishedAt?: string) => {
    const r = parseValueText(kind, typed, { publishedAt });
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.message;
  };
  it('an amount without a currency', () => {
    expect(fail('money', '80,000')).toBe('“80,000” has no currency. Write it with one, such as 80,000 somoni, TJS 80,000 or $80,000.');
  });
  it('a relative date in an article without a publication date', () => {
    expect(fail('date', 'last November')).toMatch(/needs the article's publication date.*such as November 2016/);
  });
  it('two values in one field', () => {
    expect(fail('sentence', '12 years and a fine of $500')).toBe(
      'Only “12 years” of this reads as a prison term; a value field holds one value. Write a prison term such as 12 years, 18 months, 12 to 15 years or life.',
    );
    expect(fail('count', '12 years')).toMatch(/^Only “12” of this reads as a count/);
  });
  it('nonsense, the wrong kind, and values out of range', () => {
    expect(fail('duration', 'banana')).toBe('Could not read “banana” as a span of time. Write a span of time such as 25 years, 18 months or 48 hours.');
    expect(fail('money', '12 years')).toMatch(/^Could not read “12 years” as an amount of money\. Write an amount with its currency/);
    expect(fail('age', '200')).toBe('200 is not an age in whole years from 0 to 150. Write an age in whole years, such as 4, 59 years or 18 to 25.');
    expect(fail('fraction', '20')).toBe('20 is more than a whole; a share is written 20% or 0.2. Write a share such as 20%, one-fifth, one in five or 0.2.');
    expect(fail('date', '2017-02-30')).toMatch(/^2017-02-30 is not a day of the calendar\./);
    expect(fail('money', '{"amount": 5')).toMatch(/^This looks like JSON but is not valid JSON\./);
    expect(fail('money', '{"amount": 5}')).toMatch(/^This JSON is not an amount of money/);
  });
  it('empty and over-long entries', () => {
    expect(fail('count', '   ')).toBe('Write a number or a range, such as 250, about 10,000 or 100-250.');
    expect(fail('count', '1 '.repeat(150))).toMatch(/^That is too long for one value/);
  });
  it('every kind has a message that names what it expects', () => {
    for (const kind of CLAIM_KINDS) expect(fail(kind, 'zzz')).toMatch(/^Could not read “zzz” as .+\. Write .+ such as .+\.$/);
  });
});

describe('an edit field prefilled with the value in words saves the same value', () => {
  it('formatBareValue → parseValueText gives back every value of the seed article’s claims, and of each kind’s shapes', async () => {
    const { readFileSync } = await import('node:fs');
    const { formatBareValue } = await import('../../../src/domain/value-format');
    const gold = JSON.parse(readFileSync('schema/seed/claims.gold.json', 'utf8')) as { claims: { kind: Parameters<typeof parseValueText>[0]; value: unknown }[] };
    const more: { kind: Parameters<typeof parseValueText>[0]; value: unknown }[] = [
      { kind: 'sentence', value: { min: 'P12Y', max: 'P15Y' } }, { kind: 'sentence', value: 'life' }, { kind: 'sentence', value: 'P3Y6M' },
      { kind: 'duration', value: 'PT48H' }, { kind: 'money', value: { amount: 7100, currency: 'USD' } }, { kind: 'money', value: { amount: 2.3e9, currency: 'EUR' } },
      { kind: 'money', value: { min: 5e6, max: 1e7, currency: 'USD' } }, { kind: 'date', value: { min: '1990', max: '1999' } }, { kind: 'date', value: { min: '2015', max: '2017' } },
      { kind: 'age', value: { min: 18, max: 25 } }, { kind: 'fraction', value: { min: 0.1, max: 0.15 } }, { kind: 'count', value: { min: 100, max: 250 } },
    ];
    for (const { kind, value } of [...gold.claims, ...more]) {
      const words = formatBareValue(kind, value);
      const back = parseValueText(kind, words, { publishedAt: '2017-08' });
      expect(back.ok && back.value, `${kind} ${JSON.stringify(value)} → “${words}”`).toEqual(value);
    }
  });
});
