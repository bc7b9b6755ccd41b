import { describe, expect, it } from 'vitest';
import { ofKind, one } from './helpers';

describe('counts', () => {
  it.each([
    ['the rough estimate of 100-250 political prisoners remaining', { min: 100, max: 250 }, 'political prisoners'],
    ['a decree amnestying some 10,000 prisoners', 10000, 'prisoners'],
    ['Earlier this year two UN bodies issued opinions.', 2, 'UN bodies'],
    ['A dozen activists were detained.', 12, 'activists'],
    ['between 300 and 400 protesters', { min: 300, max: 400 }, 'protesters'],
    ['More than 2.9 million voters cast ballots.', 2900000, 'voters'],
    ['The party won 48 seats.', 48, 'seats'],
    ['They sold 1.2m copies in a week.', 1200000, 'copies'],
    ['Some 20 000 people marched.', 20000, 'people'],
    ['The smelter exceeded the limits on 186 days last year.', 186, 'days'],
    ['Mr Walsh, a father of three and a keen cyclist, died.', 3, 'children'],
  ])('%s', (text, value, subject) => {
    const c = one(text, 'count', '2017-08');
    expect(c.value).toEqual(value);
    expect(c.subject).toBe(subject);
  });

  it('vague plurals are approximate ranges', () => {
    expect(one('Hundreds of people gathered.', 'count')).toMatchObject({ value: { min: 200, max: 999 }, approximate: true, subject: 'people' });
    expect(one('tens of thousands of refugees', 'count')).toMatchObject({ value: { min: 20000, max: 99999 }, approximate: true });
  });

  it('hedges and bounds', () => {
    expect(one('some 10,000 prisoners', 'count')).toMatchObject({ quote: 'some 10,000 prisoners', approximate: true });
    expect(one('at least 12 people died', 'count')).toMatchObject({ bound: 'at_least' });
    expect(one('as many as 40 journalists', 'count')).toMatchObject({ bound: 'at_most' });
  });

  it('a digit range stands alone without a subject', () => {
    expect(one('“100-250 is a number I’ve heard,” she said.', 'count').value).toEqual({ min: 100, max: 250 });
  });

  it('not counts: list numbering, legal references, scores, phone numbers, times, versions, bare number words', () => {
    const text = [
      '1. The first point.',
      'Under Article 328 of the Criminal Code and page 12 of the ruling,',
      'the team won 3-1.',
      'Call +992 37 221 1234 or (555) 123-4567.',
      'The hearing starts at 10:30 a.m. and ends at 4 pm.',
      'The app, version 4.2.1, ships with iOS 17 and COVID-19 data.',
      'Only one of them came.',
      'Windows 11 and Office 365 were updated near junction 10.',
      'The 9/11 attacks and a 24/7 helpline.',
      'See https://example.org/report/2017/55 or write to desk42@example.org.',
    ].join('\n');
    expect(ofKind(text, 'count')).toEqual([]);
  });
});

describe('counts: a failed range keeps both numbers', () => {
  it('"from 4 in 2021 to 9 last year" gives 4 and 9, not a range from 2021', () => {
    const c = ofKind('Deaths had risen from 4 in 2021 to 9 last year.', 'count', '2024-05-03');
    expect(c.map((x) => x.value)).toEqual([4, 9]);
  });
});

describe('counts: parts of a group', () => {
  it('"Eleven of the victims" counts victims; a figure after "of the" is its own count', () => {
    expect(one('Eleven of the victims were teenagers.', 'count')).toMatchObject({ value: 11, subject: 'victims' });
    expect(one("Two of Okafor's managers were sentenced.", 'count')).toMatchObject({ value: 2, subject: 'managers' });
    const c = ofKind('More than 2.9 million of the roughly 4.1 million registered voters cast ballots.', 'count');
    expect(c.map((x) => x.value)).toEqual([2900000, 4100000]);
  });
});
