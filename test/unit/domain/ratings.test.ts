import { describe, expect, it } from 'vitest';
import { INK, RATING_CODES, RATINGS, ratingFor } from '../../../src/domain/ratings';

/** WCAG 2.x relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('ratings', () => {
  it('has a label and colours for each of the seven codes of the scale', () => {
    expect(RATING_CODES).toEqual(['true', 'mostly-true', 'half-true', 'misleading', 'mostly-false', 'false', 'unverifiable']);
    for (const code of RATING_CODES) expect(RATINGS[code]).toMatchObject({ label: expect.any(String), bg: expect.stringMatching(/^#[0-9a-f]{6}$/), accent: expect.stringMatching(/^#[0-9a-f]{6}$/) });
  });

  it('passes WCAG AA for dark text on every highlight background', () => {
    for (const code of RATING_CODES) expect(contrast(INK, RATINGS[code].bg), code).toBeGreaterThanOrEqual(4.5);
  });

  it('has underline/border accents with at least 3:1 contrast against white', () => {
    for (const code of RATING_CODES) expect(contrast(RATINGS[code].accent, '#ffffff'), code).toBeGreaterThanOrEqual(3);
  });

  it('gives distinct backgrounds so verdicts can be told apart', () => {
    expect(new Set(RATING_CODES.map((c) => RATINGS[c].bg)).size).toBe(RATING_CODES.length);
  });

  it('falls back to unverifiable for unknown codes, including Object.prototype names', () => {
    expect(ratingFor('mostly-false')).toBe(RATINGS['mostly-false']);
    expect(ratingFor('bogus')).toBe(RATINGS.unverifiable);
    expect(ratingFor('constructor')).toBe(RATINGS.unverifiable);
    expect(ratingFor(undefined)).toBe(RATINGS.unverifiable);
  });

  it('numbers the first six ratings 5..1 for ClaimReview and leaves unverifiable unnumbered', () => {
    expect(RATING_CODES.map((c) => RATINGS[c].value)).toEqual([5, 4, 3, 2, 2, 1, null]);
  });
});
