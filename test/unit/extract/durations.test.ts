import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../../src/extract/index';
import { ofKind, one } from './helpers';

describe('prison sentences', () => {
  it.each([
    ['A court sentenced him to 12 years in prison.', 'P12Y'],
    ['She was sentenced to seven years.', 'P7Y'],
    ['He was jailed for 18 months.', 'P18M'],
    ['He received an eight-year sentence.', 'P8Y'],
    ['a 10-year prison term', 'P10Y'],
    ['He faces 15 years behind bars if convicted.', 'P15Y'],
    ['He was sentenced to three years and six months.', 'P3Y6M'],
    ['She was given two and a half years in jail.', 'P2Y6M'],
    ['The court handed him a suspended sentence of two years.', 'P2Y'],
    ['sentenced to five years in a strict-regime penal colony', 'P5Y'],
    ['A four-and-a-half-year sentence was upheld on appeal.', 'P4Y6M'],
    ['The sentence was reduced from 12 to eight years.', 'P8Y'],
    ['He was fined and given three months’ imprisonment.', 'P3M'],
    ['He served 15 years before being paroled.', 'P15Y'],
    ['Russian court jails councillor for seven years over war comments', 'P7Y'],
    ['She was placed on a wanted list and faces up to 10 years if she returns.', 'P10Y'],
    ['Activist jailed for 10 days after picket', 'P10D'],
    ['Uzbek blogger handed six-year term as rights groups decry crackdown', 'P6Y'],
    ['He was sentenced to 7 1/2 years in prison.', 'P7Y6M'],
    ['He got five years for the robbery, the court ruled.', 'P5Y'],
    ['Former nursing home owner gets 12 years for $38M Medicare fraud', 'P12Y'],
    ["Okafor's attorney argued for no more than eight years.", 'P8Y'],
    ['In 2019 the court gave him a 12-month community order.', 'P12M'],
    ['The court ordered 150 hours of unpaid work.', 'PT150H'],
  ])('%s', (text, value) => {
    expect(one(text, 'sentence').value).toBe(value);
  });

  it('ranges', () => {
    expect(one('Prosecutors sought between 20 and 22 years in prison.', 'sentence').value).toEqual({ min: 'P20Y', max: 'P22Y' });
    expect(one('He could be jailed for 15 to 20 years.', 'sentence').value).toEqual({ min: 'P15Y', max: 'P20Y' });
  });

  it('figures sharing one unit are separate terms', () => {
    const c = ofKind('The two men were sentenced to 15 and 17 years respectively.', 'sentence');
    expect(c.map((x) => [x.quote, x.value])).toEqual([
      ['15', 'P15Y'],
      ['17 years', 'P17Y'],
    ]);
  });

  it('bounds: "up to"', () => {
    expect(one('The offence carries up to 10 years in prison.', 'sentence')).toMatchObject({ value: 'P10Y', bound: 'at_most' });
  });

  it('life sentences', () => {
    expect(one('He was sentenced to life in prison.', 'sentence').value).toBe('life');
    expect(one('She is serving a life sentence.', 'sentence').value).toBe('life');
  });

  it('quotes the prison words that make it a sentence (gold convention)', () => {
    expect(one('sentenced Tajik journalist Khayrullo Mirsaidov to 12 years in prison.', 'sentence').quote).toBe('12 years in prison');
  });
});

describe('durations (not prison terms)', () => {
  it.each([
    ['“For 25 years,” he said, “Central Asia has had crooks in power.”', 'P25Y'],
    ['He spent 29 months in pre-trial detention.', 'P29M'],
    ['He was banned from journalism for three years.', 'P3Y'],
    ['pay one-fifth of his salary over the next two years', 'P2Y'],
    ['The talks lasted 48 hours.', 'PT48H'],
    ['a 10-year plan', 'P10Y'],
    ['within two weeks', 'P2W'],
    ['The trial is expected to last three weeks.', 'P3W'],
    ['The former convict had served as mayor for 12 years.', 'P12Y'],
    ['He was sentenced last week, two years after his arrest.', 'P2Y'],
    ['New hires serve a six-month probation period.', 'P6M'],
    ['She was elected to a four-year term in 2019.', 'P4Y'],
    ['She has lived there for the past decade.', 'P10Y'],
    ['He must also serve three years of supervised release after his prison term ends.', 'P3Y'],
  ])('%s', (text, value) => {
    expect(one(text, 'duration').value).toBe(value);
    expect(ofKind(text, 'sentence')).toEqual([]);
  });

  it('a sentencing word governs only the first span after it', () => {
    const c = extractClaims('He was given a two-year suspended jail term and a three-year driving ban.');
    expect(c.map((x) => [x.kind, x.value])).toEqual([
      ['sentence', 'P2Y'],
      ['duration', 'P3Y'],
    ]);
  });

  it('"N years ago" is a date and "N-year-old" an age, never a duration', () => {
    const c = extractClaims('Fifteen years ago a 10-year-old boy left.', { publishedAt: '2017-08' });
    expect(c.map((x) => x.kind)).toEqual(['date', 'age']);
  });

  it('an article before a unit is a duration only when it is a span ("for a year"), not a rate', () => {
    expect(ofKind('He earns $50,000 a year.', 'duration')).toEqual([]);
    expect(one('She worked there for a year.', 'duration').value).toBe('P1Y');
  });
});

describe('time before parole is a prison term', () => {
  it.each([
    ['He was jailed for nine years with a non-parole period of five years and six months.', 'P5Y6M'],
    ['Sentenced to life, he will serve without parole for 25 years.', 'P25Y'],
    ['The judge set a minimum term of 18 years before he can apply for parole.', 'P18Y'],
  ])('%s', (text, value) => {
    expect(ofKind(text, 'sentence').map((c) => c.value)).toContain(value);
  });

  it('a minimum period or term outside a court story is a duration', () => {
    expect(one('The council agreed a minimum period of 30 days for consultation.', 'duration').value).toBe('P30D');
    expect(one('The lease has a minimum term of 12 months.', 'duration').value).toBe('P12M');
    expect(ofKind('The lease has a minimum term of 12 months.', 'sentence')).toEqual([]);
  });
});

describe('"a second" / "a minute" before a noun are not spans of time', () => {
  it('ordinal and adjective', () => {
    expect(ofKind('A ban of eight years for a second offence.', 'duration').map((c) => c.value)).toEqual(['P8Y']);
    expect(ofKind('He found a minute amount of the drug.', 'duration')).toEqual([]);
  });
  it('still a span when it is one', () => {
    expect(one('He paused for a second before answering.', 'duration').value).toBe('PT1S');
    expect(one('He hesitated for a second, then left.', 'duration').value).toBe('PT1S');
  });
});

describe('a figure whose unit a comparison leaves out', () => {
  it('takes the unit of the figure it is compared with', () => {
    const d = ofKind('Assessments now take an average of nine days, down from 21 in 2022.', 'duration');
    expect(d.map((c) => [c.quote, c.value])).toEqual([['nine days', 'P9D'], ['21', 'P21D']]);
    const f = ofKind('The jobless rate was 7.1%, up from 6.8 a year earlier.', 'fraction');
    expect(f.map((c) => c.value)).toEqual([0.071, 0.068]);
    expect(ofKind('Waiting times were 12 weeks, compared with 9 last year.', 'duration').map((c) => c.value)).toEqual(['P12W', 'P9W']);
  });
  it('not when the number has a noun of its own, or is a year', () => {
    expect(ofKind('He was held for 47 days, up from 5,304 arrivals.', 'duration').map((c) => c.value)).toEqual(['P47D']);
    expect(ofKind('Patients waited 18 weeks, down from 2019.', 'duration', '2024-06').map((c) => c.value)).toEqual(['P18W']);
  });
});
