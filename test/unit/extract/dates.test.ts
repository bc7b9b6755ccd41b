import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../../src/extract/index';
import { ofKind, one } from './helpers';

const PUB = '2017-08';

describe('dates: explicit', () => {
  it.each([
    ['The law was passed on 22 August 2017.', '2017-08-22'],
    ['It happened on August 22, 2017.', '2017-08-22'],
    ['beginning in February 2016', '2016-02'],
    ['The decree of 2017-03-05 was annulled.', '2017-03-05'],
    ['The party was banned in 2015.', '2015'],
    ['He has ruled the country since 1992.', '1992'],
    ['in the summer of 2014', '2014'],
    ['Aug. 3, 2016', '2016-08-03'],
    ['on 25/12/2019', '2019-12-25'],
    ['A decree signed on 12.05.2023 took effect.', '2023-05-12'],
    ['The state budget for 2020 is large.', '2020'],
  ])('%s', (text, value) => {
    expect(one(text, 'date', PUB).value).toBe(value);
  });

  it('year ranges and decades', () => {
    expect(one('the 2015-2017 drought', 'date', PUB).value).toEqual({ min: '2015', max: '2017' });
    expect(one('for the 2025-26 fiscal year', 'date', PUB).value).toEqual({ min: '2025', max: '2026' });
    expect(one('in the 1990s', 'date', PUB).value).toEqual({ min: '1990', max: '1999' });
    expect(one('The summit was held on 15-16 November.', 'date', '2023-05-10').value).toEqual({ min: '2022-11-15', max: '2022-11-16' });
  });

  it('keeps "since" in the quote', () => {
    expect(one('He has ruled since 1992.', 'date', PUB).quote).toBe('since 1992');
  });
});

describe('dates: resolved against publishedAt and tense', () => {
  it('a past-tense month and day is the most recent one before publication', () => {
    expect(one('On August 22, a regional court changed the sentence.', 'date', PUB).value).toBe('2017-08-22');
    expect(one('The protest took place on October 3.', 'date', PUB).value).toBe('2016-10-03');
    expect(one('He was arrested in December.', 'date', '2022-02').value).toBe('2021-12');
    expect(one('Revenue for the nine months to September 30 was $2.1 billion.', 'date', '2023-11-09').value).toBe('2023-09-30');
  });

  it('an announced or planned event lands ahead of publication', () => {
    expect(one('Authorities were preparing to pardon prisoners on Constitution Day in November.', 'date', PUB).value).toBe('2017-11');
    expect(one('The new parliament will meet on March 2.', 'date', '2023-10-16').value).toBe('2024-03-02');
    expect(one('The next release is scheduled for March 15.', 'date', '2022-02').value).toBe('2022-03-15');
  });

  it('last / this / next', () => {
    expect(one('He accused officials of corruption last November.', 'date', PUB).value).toBe('2016-11');
    expect(one('The vote is due next March.', 'date', PUB).value).toBe('2018-03');
    expect(one('Earlier this year two UN bodies issued opinions.', 'date', PUB).value).toBe('2017');
    expect(one('They were prevented from leaving earlier this summer.', 'date', PUB).value).toBe('2017');
    expect(one('Prices rose last year.', 'date', PUB).value).toBe('2016');
    expect(one('Jobs were added last month.', 'date', '2022-02').value).toBe('2022-01');
    expect(one('in mid-August', 'date', PUB).value).toBe('2017-08');
    expect(one('in March last year', 'date', PUB).value).toBe('2016-03');
  });

  it('weekdays: the day something was said is in the past; a present-tense opening is ahead', () => {
    // 2019-09-15 is a Sunday.
    expect(one('Speaking on Thursday, the minister said prices would fall.', 'date', '2019-09-15').value).toBe('2019-09-12');
    expect(one('The museum reopens on 1 October.', 'date', '2019-09-15').value).toBe('2019-10-01');
    expect(one('The agreement expires at the end of the year.', 'date', '2019-09-15').value).toBe('2019');
  });

  it('"since" and the present perfect point back, whatever follows in the sentence', () => {
    expect(one('Okafor, who has been in custody since his arrest on Jan. 12, will receive credit for the time served.', 'date', '2023-11-14').value).toBe('2023-01-12');
  });

  it('a postponement points ahead', () => {
    expect(one('The hearing was postponed until June 3.', 'date', '2023-05-10').value).toBe('2023-06-03');
  });

  it('a season with "the" resolves by tense; attribution verbs do not set the tense', () => {
    expect(one('The appeal will be heard by the Supreme Court, probably in the autumn, a court spokesperson said.', 'date', '2024-03-14').value).toBe('2024');
    expect(one('Prices rose sharply in the autumn.', 'date', '2024-03-14').value).toBe('2023');
  });

  it('"ago" subtracts from publication at the unit\'s precision', () => {
    expect(one('since meeting him 15 years ago', 'date', PUB).value).toBe('2002');
    expect(one('A little more than a month ago, a court ruled.', 'date', PUB)).toMatchObject({ value: '2017-07', approximate: true });
    expect(one('three days ago', 'date', '2024-03-14').value).toBe('2024-03-11');
    expect(one('a decade ago', 'date', '2022-02').value).toBe('2012');
  });

  it('weekdays need a publication day; with one they resolve by tense', () => {
    // 2024-03-14 is a Thursday.
    expect(one('A court on Wednesday sentenced him.', 'date', '2024-03-14').value).toBe('2024-03-13');
    expect(one('The court will rule on Monday.', 'date', '2024-03-14').value).toBe('2024-03-18');
    expect(one('Yesterday the court ruled.', 'date', '2024-03-14').value).toBe('2024-03-13');
  });

  it('without publishedAt, an unresolvable month-day is not returned, and its day is not a count either', () => {
    expect(extractClaims('The court ruled on March 3.').map((c) => c.kind)).toEqual([]);
  });

  it('without publishedAt, only dates that carry their own year are given', () => {
    expect(ofKind('On August 22 he was freed; in 2015 the party was banned; last year prices rose.', 'date').map((c) => c.value)).toEqual(['2015']);
  });
});

describe('dates: not dates', () => {
  it.each([
    'You may leave now.',
    'The March on Washington drew crowds.',
    'April Ryan asked a question.',
    'Some 2000 people marched.',
    'The plan costs 2,015 euros.',
    'He is 1,999 kilometres away.',
    'Call 555-123-4567 for details.',
    'Version 2.1.2017 was released.',
    'The 9/11 attacks changed everything.',
    'A 2000-strong crowd gathered.',
    'The government launched its Vision 2030 plan.',
    'Fans travelled to Euro 2024 in Germany.',
    'He forfeited two homes and a 2019 Bentley.',
  ])('%s', (text) => {
    expect(ofKind(text, 'date', PUB)).toEqual([]);
  });
});
