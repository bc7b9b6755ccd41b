import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { balanceQuotes, quoteSentence, sentenceBounds, STATEMENT_MAX, statementProblem, suggestStatement } from '../../../src/domain/statement';
import { normaliseText } from '../../../src/domain/text';

const cps = (s: string) => [...s].length;
/** Code-point offsets of the first occurrence of `q` in `text`. */
const at = (text: string, q: string): [number, number, string] => {
  const i = text.indexOf(q);
  if (i < 0) throw new Error(`${q} not in text`);
  const s = cps(text.slice(0, i));
  return [s, s + cps(q), q];
};

const LONG =
  'Short one. In a ruling that surprised observers, the regional court in the northern city sentenced the opposition journalist to 12 years in prison for extremism and inciting hatred. ' +
  'He must pay a fine of $80,000.\n\nThe end.';

describe('suggestStatement: the claim as a sentence, from the article', () => {
  it('uses the whole sentence when it fits', () => {
    expect(suggestStatement(LONG, ...at(LONG, '$80,000'))).toBe('He must pay a fine of $80,000.');
  });
  it('keeps whole clauses, or whole words, around the quote of a long sentence, with ellipses', () => {
    const s = suggestStatement(LONG, ...at(LONG, '12 years in prison'));
    expect(cps(s)).toBeLessThanOrEqual(STATEMENT_MAX);
    expect(s).toContain('12 years in prison');
    expect(s).toMatch(/^…\S/);
    expect(s).toMatch(/\S…$/);
    // never inside a word: what it keeps is words of the sentence
    const kept = s.replace(/…/g, '');
    expect(LONG).toContain(kept);
    const i = LONG.indexOf(kept);
    expect(LONG[i - 1]).toMatch(/\s/);
    expect(LONG[i + kept.length]).toMatch(/\s|[,.]/);
  });
  it('shortens an over-long quote on a word boundary', () => {
    const q = 'the regional court in the northern city sentenced the opposition journalist to 12 years in prison';
    const s = suggestStatement(LONG, ...at(LONG, q));
    expect(cps(s)).toBeLessThanOrEqual(STATEMENT_MAX);
    expect(s.endsWith('…')).toBe(true);
    expect(q).toContain(s.replace(/…/g, ''));
  });
  it('balances a quotation it cuts into (the seed’s “100-250 …” headline)', () => {
    const text = 'While Kate Barth, legal director for Freedom Now, clarified that her organization does not conduct survey research, she told The Diplomat that “100-250 is a number I’ve heard batted around — the majority of whom would be IRPT members.”';
    expect(suggestStatement(text, ...at(text, '100-250'))).toBe('“100-250 is a number I’ve heard batted around…”');
  });
  it('falls back to the quote when the offsets do not point at it', () => {
    expect(suggestStatement('Something else entirely.', 0, 7, 'twelve years')).toBe('twelve years');
  });
  it('on every claim of the seed article: within the limit, whole words, balanced quotes', () => {
    const text = normaliseText(readFileSync('schema/seed/article.txt', 'utf8'));
    const gold = JSON.parse(readFileSync('schema/seed/claims.gold.json', 'utf8')) as { claims: { quote: string }[] };
    expect(gold.claims.length).toBe(31);
    for (const c of gold.claims) {
      const s = suggestStatement(text, ...at(text, c.quote));
      expect(cps(s), s).toBeLessThanOrEqual(STATEMENT_MAX);
      expect(s, s).toContain(c.quote);
      expect((s.match(/“/g) ?? []).length, s).toBe((s.match(/”/g) ?? []).length);
      for (const piece of s.split('…').map((p) => p.replace(/^[“”]|[“”]$/g, '').trim()).filter(Boolean)) {
        const i = text.indexOf(piece);
        expect(i, piece).toBeGreaterThanOrEqual(0);
        expect(/[\p{L}\p{N}]/u.test(text[i - 1] ?? ' ') && /^[\p{L}\p{N}]/u.test(piece), `cut before “${piece}”`).toBe(false);
        expect(/[\p{L}\p{N}]$/u.test(piece) && /[\p{L}\p{N}]/u.test(text[i + piece.length] ?? ' '), `cut after “${piece}”`).toBe(false);
      }
    }
  });
});

describe('sentences and quotation marks', () => {
  it('does not end a sentence at an abbreviation or an initial', () => {
    const t = 'First. Mr. Mirsaidov left the U.S. embassy on Monday. Next.';
    const s = t.indexOf('Mirsaidov');
    const [a, b] = sentenceBounds(t, s, s + 9);
    expect(t.slice(a, b)).toBe('Mr. Mirsaidov left the U.S. embassy on Monday.');
  });
  it('keeps the closing quotation mark with its sentence', () => {
    const t = 'He said: “It was 12 years.” Then he left.';
    expect(quoteSentence(t, ...at(t, '12 years'))).toBe('He said: “It was 12 years.”');
  });
  it('adds the missing partner of a quotation mark, and leaves apostrophes alone', () => {
    expect(balanceQuotes('100-250 is a number I’ve heard.”')).toBe('“100-250 is a number I’ve heard.”');
    expect(balanceQuotes('“For 25 years, Central Asia')).toBe('“For 25 years, Central Asia”');
    expect(balanceQuotes('it’s fine')).toBe('it’s fine');
    expect(balanceQuotes('said "twelve')).toBe('said "twelve"');
  });
});

describe('statementProblem: what a checker writes', () => {
  it('accepts a sentence within the limit and says what is wrong otherwise', () => {
    expect(statementProblem('Tajikistan holds 100 to 250 political prisoners.')).toBeNull();
    expect(statementProblem('x'.repeat(STATEMENT_MAX))).toBeNull();
    expect(statementProblem('x'.repeat(STATEMENT_MAX + 1))).toBe(`must be at most 74 characters, Google's limit for a fact-check's claim (it has 75)`);
    expect(statementProblem('two\nlines')).toBe('must be one line');
    expect(statementProblem('  ')).toMatch(/must not be empty/);
  });
});
