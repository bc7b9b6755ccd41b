import { describe, expect, it } from 'vitest';
import { addDays, dayOf, dayRange, daysBetween, formatDuration, isDay, MAX_WEEKS, parseRange, percentile, percentileOf, percentileRanks, weekOf, weekRange } from '../../../src/domain/stats';

describe('dashboard calendar arithmetic (UTC days, weeks from Monday)', () => {
  it('puts every day of a week in the week of its Monday', () => {
    expect(weekOf('2026-03-02')).toBe('2026-03-02'); // Monday
    expect(weekOf('2026-03-05')).toBe('2026-03-02'); // Thursday
    expect(weekOf('2026-03-08')).toBe('2026-03-02'); // Sunday
    expect(weekOf('2026-03-09')).toBe('2026-03-09');
    expect(weekOf('2027-01-01')).toBe('2026-12-28'); // across a year end
  });

  it('lists days and weeks of a range, ends included', () => {
    expect(dayRange('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(weekRange('2026-03-04', '2026-03-16')).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(dayOf('2026-03-01T23:59:59.999Z')).toBe('2026-03-01');
  });

  it('accepts only real calendar days', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-2-3')).toBe(false);
    expect(isDay('2026-02-28T00:00:00Z')).toBe(false);
  });
});

describe('percentile', () => {
  it('interpolates between closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3], 0.5)).toBe(2);
    expect(percentile([10], 0.9)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe('percentiles from a few ranks', () => {
  it('gives what percentile gives on all the values', () => {
    for (const values of [[5], [1, 2], [3, 9, 27], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], Array.from({ length: 37 }, (_, i) => i * i)]) {
      for (const p of [0.5, 0.9]) {
        const ranks = new Set(percentileRanks(values.length, p));
        expect(percentileOf(values.length, p, (r) => (ranks.has(r) ? values[r] : undefined))).toBe(percentile(values, p));
      }
    }
    expect(percentileOf(0, 0.5, () => 1)).toBeNull();
  });
});

describe('formatDuration', () => {
  it('says a duration as people read it', () => {
    expect(formatDuration(30)).toBe('30 s');
    expect(formatDuration(45 * 60)).toBe('45 min');
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(formatDuration(28 * 3600)).toBe('1 d 4 h');
    expect(formatDuration(48 * 3600)).toBe('2 d');
    expect(formatDuration(null)).toBe('–');
  });
});

describe('the dashboard period from the address', () => {
  const today = '2026-03-04'; // a Wednesday

  it('defaults to the 12 weeks up to today, from a Monday', () => {
    expect(parseRange({}, today)).toEqual({ from: '2025-12-15', to: '2026-03-08' });
    expect(weekRange('2025-12-15', '2026-03-08')).toHaveLength(12);
  });

  it('covers whole weeks: the start moves back to its Monday, the end on to its Sunday', () => {
    expect(parseRange({ from: '2026-01-07', to: '2026-01-29' }, today)).toEqual({ from: '2026-01-05', to: '2026-02-01' });
    expect(parseRange({ from: '2026-01-05', to: '2026-02-01' }, today)).toEqual({ from: '2026-01-05', to: '2026-02-01' });
  });

  it('says what was wrong and uses the defaults instead', () => {
    expect(parseRange({ from: 'yesterday' }, today).notice).toMatch(/not a date/);
    expect(parseRange({ from: '2026-02-01', to: '2026-01-01' }, today)).toMatchObject({ to: '2026-01-04', notice: expect.stringMatching(/started after it ended/) });
    const long = parseRange({ from: '2020-01-01', to: '2026-03-04' }, today);
    expect(weekRange(long.from, long.to)).toHaveLength(MAX_WEEKS);
    expect(long.notice).toMatch(/at most 53 weeks/);
  });
});
