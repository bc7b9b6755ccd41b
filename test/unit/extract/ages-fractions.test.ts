import { describe, expect, it } from 'vitest';
import { ofKind, one } from './helpers';

describe('ages', () => {
  it.each([
    ['Four-year-old Hamza Tillozoda', 4],
    ['10-year-old Fatima Dovlatova', 10],
    ['a 59-year-old man', 59],
    ['She is 34 years old.', 34],
    ['He died aged 87.', 87],
    ['at the age of 12', 12],
    ['Sergei Ivanov, 45, was detained.', 45],
    ['and her husband, 36, were arrested', 36],
    ['He turned 70 in August.', 70],
    ['the officer, now 61, demanded money', 61],
  ])('%s', (text, value) => {
    expect(one(text, 'age').value).toBe(value);
  });

  it('age ranges', () => {
    expect(one('Among 16- to 24-year-olds, the rate was higher.', 'age').value).toEqual({ min: 16, max: 24 });
    expect(one('people aged 18 to 25', 'age').value).toEqual({ min: 18, max: 25 });
  });

  it('two ages joined by "and" are two claims; a median age is an age', () => {
    expect(ofKind('Two men, ages 34 and 41, were charged.', 'age').map((c) => c.value)).toEqual([34, 41]);
    expect(one('the median age of those who died was 38', 'age').value).toBe(38);
  });

  it('age bounds on a group of people', () => {
    expect(one('One in five voters under 30 backed the Greens.', 'age')).toMatchObject({ value: 30, bound: 'at_most', quote: 'under 30' });
    expect(one('free travel for people over 65', 'age')).toMatchObject({ value: 65, bound: 'at_least' });
    expect(ofKind('children under 5 kg', 'age')).toEqual([]);
  });

  it('not ages', () => {
    expect(ofKind('In March, 45, perhaps 50, people came.', 'age')).toEqual([]);
    expect(ofKind('a 10-year plan', 'age')).toEqual([]);
  });
});

describe('fractions and percentages', () => {
  it.each([
    ['pay one-fifth of his salary', 0.2, 'salary'],
    ['two-thirds of voters', 0.6667, 'voters'],
    ['a quarter of the budget', 0.25, 'budget'],
    ['half of the gains', 0.5, 'gains'],
    ['20 percent of the vote', 0.2, 'vote'],
    ['turnout was 71.3%', 0.713, undefined],
    ['one in five voters', 0.2, undefined],
    ['12.5 per cent', 0.125, undefined],
  ])('%s', (text, value, subject) => {
    const c = one(text, 'fraction');
    expect(c.value).toBeCloseTo(value, 4);
    if (subject) expect(c.subject).toBe(subject);
  });

  it('subjects stop before a verb or another figure', () => {
    expect(one('Two-thirds of councillors voted in favour.', 'fraction').subject).toBe('councillors');
    expect(one('About 40% of the 1,200 respondents were women.', 'fraction').subject).toBeUndefined();
  });

  it('quotes the share with what it is a share of (gold convention)', () => {
    expect(one('and pay one-fifth of his salary over the next two years', 'fraction').quote).toBe('one-fifth of his salary');
  });

  it('hedges', () => {
    expect(one('about 28 percent of all unemployed', 'fraction')).toMatchObject({ approximate: true, value: 0.28 });
  });

  it('not fractions: ordinals, halves of time, rises above 100%', () => {
    expect(ofKind('in the first half of the year', 'fraction')).toEqual([]);
    expect(ofKind('a 150% increase', 'fraction')).toEqual([]);
    expect(ofKind('at a quarter past nine', 'fraction')).toEqual([]);
  });
});

describe('ages in apposition after a description', () => {
  it('"The Portuguese midfielder, 26, has …" is an age; a list of figures is not', () => {
    expect(one('The Portuguese midfielder, 26, has now scored 18 goals.', 'age').value).toBe(26);
    expect(ofKind('The totals were 12, 15, and 18 last year.', 'age')).toEqual([]);
  });
});

describe('percentages: ranges with the unit written twice, basis points, points in words', () => {
  it('a range', () => {
    expect(one('Payments will rise by an average of 10% to 15%.', 'fraction').value).toEqual({ min: 0.1, max: 0.15 });
    expect(one('Prices rose 2%-3%.', 'fraction').value).toEqual({ min: 0.02, max: 0.03 });
    expect(one('between 10% and 15% of voters', 'fraction')).toMatchObject({ quote: 'between 10% and 15%', value: { min: 0.1, max: 0.15 } });
  });
  it('a change and a level are two figures, not a range', () => {
    expect(ofKind('Turnout rose from 10% to 15%.', 'fraction').map((c) => c.value)).toEqual([0.1, 0.15]);
    expect(ofKind('The bank cut rates by 0.25% to 4.5%.', 'fraction').map((c) => c.value)).toEqual([0.0025, 0.045]);
    expect(ofKind('It fell between 10% and 5%.', 'fraction').map((c) => c.value)).toEqual([0.1, 0.05]);
  });
  it('basis points are hundredths of a percentage point', () => {
    const c = ofKind('The bank cut its key rate by 25 basis points to 2.25 per cent.', 'fraction');
    expect(c.map((x) => [x.value, x.subject])).toEqual([[0.0025, 'basis points'], [0.0225, undefined]]);
    expect(one('a combined 275 basis points', 'fraction').value).toBe(0.0275);
    expect(one('Yields slipped 4 bps.', 'fraction').value).toBe(0.0004);
    expect(ofKind('a combined 275 basis points', 'count')).toEqual([]);
  });
  it('a word fraction of a percentage point', () => {
    expect(one('cutting by half a percentage point', 'fraction')).toMatchObject({ value: 0.005, subject: 'percentage points' });
    expect(one('a quarter of a percentage point', 'fraction').value).toBe(0.0025);
    expect(one('a quarter-point cut', 'fraction').value).toBe(0.0025);
    // not points: a share of something, or a time
    expect(one('a quarter of the budget', 'fraction').value).toBe(0.25);
    expect(ofKind('We met at a quarter past nine.', 'fraction')).toEqual([]);
  });
});

describe('cents in the dollar is a rate, not money', () => {
  it('a fraction', () => {
    expect(one('Investors could get back between 55 and 60 cents in the dollar.', 'fraction').value).toEqual({ min: 0.55, max: 0.6 });
    expect(one('Creditors were paid 40p in the pound.', 'fraction').value).toBe(0.4);
    expect(ofKind('Investors could get back 60 cents on the dollar.', 'money')).toEqual([]);
  });
  it('cents that are money stay money, in the named dollar', () => {
    expect(one('The loonie rose to 71.62 U.S. cents.', 'money').value).toEqual({ amount: 0.7162, currency: 'USD' });
    expect(one('A stamp costs 85 Canadian cents.', 'money').value).toEqual({ amount: 0.85, currency: 'CAD' });
    expect(one('A coffee costs 60 cents.', 'money').value).toEqual({ amount: 0.6, currency: 'USD' });
  });
});

describe('ages: decades of life, open-ended groups, "as young as", apposition at a sentence end', () => {
  it.each([
    ['One couple, both in their 80s, lost everything.', { min: 80, max: 89 }],
    ['a man in his early forties', { min: 40, max: 43 }],
    ['She was in her late 60s.', { min: 66, max: 69 }],
    ['Most victims were in their teens.', { min: 13, max: 19 }],
  ])('%s', (text, value) => {
    expect(one(text, 'age').value).toEqual(value);
  });
  it('bounds', () => {
    expect(one('people aged 65 and over reported losses', 'age')).toMatchObject({ quote: 'aged 65 and over', value: 65, bound: 'at_least' });
    expect(one('children aged 12 and under', 'age')).toMatchObject({ value: 12, bound: 'at_most' });
    expect(one('These are children, some as young as 14, locked up.', 'age')).toMatchObject({ value: 14, bound: 'at_least' });
    expect(one('No child under 18 should be detained.', 'age')).toMatchObject({ value: 18, bound: 'at_most' });
  });
  it('a full name, a comma, an age and a full stop', () => {
    expect(one("said the group's director, Eleni Markou, 52.", 'age').value).toBe(52);
  });
  it('not ages', () => {
    expect(ofKind('In the final vote it was Yes, 52.', 'age')).toEqual([]);
    // An institution's name is no person's.
    expect(ofKind('said a researcher at Human Rights Watch, 45.', 'age')).toEqual([]);
    expect(ofKind('according to Amnesty International, 12, and others', 'age')).toEqual([]);
    expect(ofKind('a fossil as old as 3,000 years', 'age')).toEqual([]);
    expect(ofKind('in the 1980s', 'age')).toEqual([]);
    expect(ofKind('exports in their first 80 days', 'age')).toEqual([]);
  });
});
