import { describe, expect, it } from 'vitest';
import { BLOCK_TAGS, ROOT_SELECTOR, SKIP_SELECTOR, chooseRoot, matchesSimple, parseSimpleSelector } from '../../../src/domain/page-reading';

const SKIP_SELECTORS = SKIP_SELECTOR.split(',');
const ROOT_SELECTORS = ROOT_SELECTOR.split(',');

describe('the shared reading rules', () => {
  it('use only the selector forms both readers understand', () => {
    for (const s of [...SKIP_SELECTORS, ...ROOT_SELECTORS]) expect(() => parseSimpleSelector(s), s).not.toThrow();
    expect(() => parseSimpleSelector('div > p')).toThrow();
    expect(() => parseSimpleSelector('[class~=x]')).toThrow();
  });

  it('match as CSS does', () => {
    const attrs = (a: Record<string, string>) => (n: string) => a[n] ?? null;
    expect(matchesSimple(parseSimpleSelector('[aria-hidden=true]'), 'p', attrs({ 'aria-hidden': 'true' }))).toBe(true);
    expect(matchesSimple(parseSimpleSelector('[aria-hidden=true]'), 'p', attrs({ 'aria-hidden': 'false' }))).toBe(false);
    expect(matchesSimple(parseSimpleSelector('[hidden]'), 'div', attrs({ hidden: '' }))).toBe(true);
    expect(matchesSimple(parseSimpleSelector('[class*=pullquote]'), 'figure', attrs({ class: 'wp-block-pullquote is-style-solid' }))).toBe(true);
    expect(matchesSimple(parseSimpleSelector('nav'), 'nav', attrs({}))).toBe(true);
    expect(matchesSimple(parseSimpleSelector('nav'), 'navbar', attrs({}))).toBe(false);
  });

  it('skip navigation, hidden text and pull quotes; paragraphs and cells are blocks', () => {
    expect(SKIP_SELECTORS).toEqual(expect.arrayContaining(['script', 'style', 'nav', '[hidden]', '[aria-hidden=true]', '[class*=pullquote]']));
    expect(BLOCK_TAGS).toEqual(expect.arrayContaining(['p', 'div', 'br', 'li', 'td', 'h1']));
  });
});

describe('choosing the story root', () => {
  const page = (parts: [string, string][]) => {
    // [label, text] pieces; returns the raw text and each labelled piece's range.
    let raw = '';
    const at: Record<string, [number, number]> = {};
    for (const [label, text] of parts) {
      at[label] = [raw.length, raw.length + text.length];
      raw += text + '\n';
    }
    return { raw, at };
  };

  it('takes the candidate with the most text', () => {
    const { raw, at } = page([['menu', 'Home News Sport'], ['a', 'x'.repeat(300)], ['b', 'y'.repeat(500)]]);
    expect(chooseRoot(raw, [at.a, at.b])).toBe(1);
  });

  it('reads the whole page when the best candidate is a small part of it (a teaser card)', () => {
    const { raw, at } = page([['story', 'z'.repeat(2000)], ['teaser', 'Council votes 7-2 to close the library']]);
    expect(chooseRoot(raw, [at.teaser])).toBe(-1);
    expect(chooseRoot(raw, [])).toBe(-1);
    expect(chooseRoot('', [[0, 0]])).toBe(-1);
  });

  it('goes into a candidate holding most of the chosen one (the article in a main with comments)', () => {
    const story = 's'.repeat(1000);
    const comments = 'c'.repeat(300);
    const raw = `${story}\n${comments}`;
    const main: [number, number] = [0, raw.length];
    const article: [number, number] = [0, story.length];
    const comment: [number, number] = [story.length + 1, raw.length];
    expect(chooseRoot(raw, [main, article, comment])).toBe(1);
    // …but not into one holding less than half of it.
    const short = 's'.repeat(200);
    const raw2 = `${short}\n${comments}`;
    expect(chooseRoot(raw2, [[0, raw2.length], [0, short.length]])).toBe(0);
  });

  it('does not count whitespace', () => {
    const raw = `${'\n'.repeat(5000)}${'a'.repeat(100)}`;
    expect(chooseRoot(raw, [[5000, 5100]])).toBe(0);
  });
});
