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
