import { describe, expect, it } from 'vitest';
import { formatCorrection, formatPartialDate, formatValue, machineValueText, valuePreview } from '../../../src/domain/value-format';

// Intl puts a no-break space between a currency code and its amount; compare as readers see it.
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const f = (kind: string, value: unknown, opts = {}) => nb(formatValue(kind, value, opts));

describe('formatValue: values in words and local number formats', () => {
  it('writes the issue’s examples', () => {
    expect(f('sentence', 'P12Y')).toBe('12 years');
    expect(f('sentence', { min: 'P12Y', max: 'P15Y' })).toBe('12 to 15 years');
    expect(f('money', { amount: 80000, currency: 'TJS' }, { approximate: true })).toBe('TJS 80,000 · approximate');
    expect(f('date', '2017-08-22')).toBe('22 August 2017');
    expect(f('date', '2016-11')).toBe('November 2016');
  });
  it('writes every kind', () => {
    expect(f('sentence', 'P1Y')).toBe('1 year');
    expect(f('sentence', 'P3Y6M')).toBe('3 years and 6 months');
    expect(f('sentence', 'life')).toBe('life imprisonment');
    expect(f('duration', 'PT4H38M12S')).toBe('4 hours, 38 minutes and 12 seconds');
    expect(f('duration', 'PT10.61S')).toBe('10.61 seconds');
    expect(f('duration', { min: 'P1Y', max: 'P18M' })).toBe('1 year to 18 months');
    expect(f('money', { amount: 7100, currency: 'USD' })).toBe('US$7,100');
    expect(f('money', { amount: 0.7162, currency: 'USD' })).toBe('US$0.72');
    expect(f('money', { amount: 2.3e9, currency: 'EUR' })).toBe('€2.3 billion');
    expect(f('money', { amount: 1234567, currency: 'GBP' })).toBe('£1,234,567');
    expect(f('money', { min: 5e6, max: 1e7, currency: 'USD' })).toBe('US$5 million to 10 million');
    expect(f('money', { min: 5000, max: 7500.5, currency: 'TJS' })).toBe('TJS 5,000 to 7,500.5');
    expect(f('count', 10000)).toBe('10,000');
    expect(f('count', { min: 100, max: 250 })).toBe('100 to 250');
    expect(f('date', '2017')).toBe('2017');
    expect(f('date', { min: '2015', max: '2017' })).toBe('2015 to 2017');
    expect(f('date', { min: '1990', max: '1999' })).toBe('the 1990s');
    expect(f('age', 4)).toBe('4 years old');
    expect(f('age', 1)).toBe('1 year old');
    expect(f('age', { min: 18, max: 25 })).toBe('18 to 25 years old');
    expect(f('fraction', 0.2)).toBe('20%');
    expect(f('fraction', { min: 0.1, max: 0.15 })).toBe('10% to 15%');
  });
  it('keeps the qualifiers the text had', () => {
    expect(f('count', 100, { bound: 'at_least' })).toBe('at least 100');
    expect(f('sentence', 'P10Y', { bound: 'at_most' })).toBe('up to 10 years');
    expect(f('count', { min: 100, max: 250 }, { bound: 'at_least' })).toBe('100 to 250 · at least');
    expect(f('count', 100, { bound: 'at_most', approximate: true })).toBe('up to 100 · approximate');
  });
  it('follows the locale for numbers and dates', () => {
    expect(f('count', 10000, { locale: 'de-DE' })).toBe('10.000');
    expect(f('date', '2017-08-22', { locale: 'en-US' })).toBe('August 22, 2017');
    expect(f('count', 10000, { locale: 'not a locale!' })).toBe('10,000');
  });
  it('never shows [object Object]', () => {
    expect(f('money', { weird: 1 })).toBe('{"weird":1}');
    expect(f('count', null)).toBe('');
  });
});

describe('the machine form and the preview', () => {
  it('writes the stored form compactly', () => {
    expect(machineValueText({ min: 'P12Y', max: 'P15Y' })).toBe('P12Y/P15Y');
    expect(machineValueText({ amount: 80000, currency: 'TJS' })).toBe('{"amount":80000,"currency":"TJS"}');
  });
  it('shows the code beside the words for durations and dates only', () => {
    expect(valuePreview('sentence', 'P12Y')).toBe('P12Y · 12 years');
    expect(valuePreview('date', '2016-11')).toBe('2016-11 · November 2016');
    expect(valuePreview('count', 250)).toBe('250');
    expect(valuePreview('sentence', 'life')).toBe('life imprisonment');
  });
});

describe('dates and corrections', () => {
  it('formats a timestamp by its date', () => {
    expect(formatPartialDate('2024-03-06T10:00:00Z')).toBe('6 March 2024');
    expect(formatPartialDate(null)).toBe('');
    expect(formatPartialDate('soon')).toBe('soon');
  });
  it('puts the claimed figure beside the correct one', () => {
    expect(formatCorrection('12 years', '10 years')).toBe('Claimed: 12 years · Actually: 10 years');
  });
});
