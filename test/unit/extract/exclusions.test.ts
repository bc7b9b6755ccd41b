import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../../src/extract/index';
import { findExclusions } from '../../../src/extract/exclusions';

describe('non-claims', () => {
  it.each([
    'Call the office on +44 20 7946 0958 today.',
    'Phone (555) 123-4567.',
    'The meeting starts at 6 p.m. sharp.',
    'Doors open at 18:30.',
    'Update to version 3.0.2 now.',
    'Download v2.1 from the site.',
    'Read https://example.com/2017/08/22/story-12 for more.',
    'Write to press2017@example.org.',
    '3. Results',
    'as set out in Article 302 of the criminal code',
    'on page 418',
    'Flight MH17 and the F-16 jets',
    '#FreeKhayrullo2017',
  ])('%s', (text) => {
    expect(extractClaims(text, { publishedAt: '2017-08' })).toEqual([]);
  });

  it('does not exclude real figures next to excluded ones', () => {
    const c = extractClaims('At 10:30 a.m. police detained 45 protesters.', { publishedAt: '2017-08' });
    expect(c.map((x) => x.quote)).toEqual(['45 protesters']);
  });

  it('returns merged, sorted ranges', () => {
    const r = findExclusions('call 555-123-4567 at 10:30 or see www.example.com/x');
    for (let i = 1; i < r.length; i++) expect(r[i][0]).toBeGreaterThan(r[i - 1][1]);
  });
});

describe('non-claims: street addresses, model years, any domain with a path', () => {
  it.each([
    'He bought a house at 14 Hedges Avenue, Mermaid Beach.',
    'The meeting is at City Hall, 200 Main Street.',
    'the sale of a 2021 Range Rover',
    'The decision is archived at bankofcanada.example.ca/2025/10/fad today.',
    'See moneysmart.gov.au/scams/2024 for help.',
  ])('%s', (text) => {
    expect(extractClaims(text, { publishedAt: '2025-10' })).toEqual([]);
  });
  it('real figures beside them stay', () => {
    const c = extractClaims('Police searched 14 homes on Hedges Avenue and seized 3 cars.', { publishedAt: '2025-10' });
    expect(c.map((x) => x.value)).toEqual([14, 3]);
  });

  // Courts, squares and doctors are not streets; a date's day or a year is not a house number;
  // a full stop without a space is not a domain.
  it.each([
    ['On August 22 Dushanbe City Court sentenced him.', 'August 22'],
    ['In 2017 Supreme Court judges ruled on it.', '2017'],
    ['On 25 January Tahrir Square filled with protesters.', '25 January'],
    ['In 2016 Wembley Road was closed for the final.', '2016'],
    ['In 2019 Dr Jones left the hospital.', '2019'],
    ['He was arrested in 2015.He/she said nothing.', '2015'],
    ['They paid in 2019.it/was a loan.', '2019'],
  ])('keeps the figure in %s', (text, quote) => {
    expect(extractClaims(text, { publishedAt: '2024-06' }).map((x) => x.quote)).toContain(quote);
  });
  it('still takes a year-like house number written as an address', () => {
    const c = extractClaims('He lives at 1600 Pennsylvania Avenue.', { publishedAt: '2024-06' });
    expect(c).toEqual([]);
  });
});
