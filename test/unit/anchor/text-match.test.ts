import { describe, expect, it } from 'vitest';
import { alignStart, anchorAll, approxSearch, editDistance, fold, foldString, type QuoteTarget } from '../../../src/domain/text-match';

/** Naive semi-global DP: least edits of `pat` against a substring ending at each offset. */
function naiveEnds(text: string, pat: string): number[] {
  const m = pat.length;
  let col = Array.from({ length: m + 1 }, (_, i) => i);
  const out: number[] = [];
  for (let j = 1; j <= text.length; j++) {
    const next = [0];
    for (let i = 1; i <= m; i++) {
      next[i] = Math.min(col[i] + 1, next[i - 1] + 1, col[i - 1] + (pat[i - 1] === text[j - 1] ? 0 : 1));
    }
    col = next;
    out.push(col[m]);
  }
  return out;
}

/** A seeded generator so a failure is reproducible. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

/** The text a match covers in the original (unfolded) string. */
function covered(raw: string, t: QuoteTarget): string | null {
  const [a] = anchorAll(fold(raw).text, [t]);
  if (!a) return null;
  const f = fold(raw);
  return raw.slice(f.toRaw(a.start), f.toRaw(a.end - 1) + 1);
}

describe('fold', () => {
  it('collapses whitespace runs, non-breaking and thin spaces into one space', () => {
    expect(fold('  12\u00a0years \n\t in\u202fprison  ').text).toBe('12 years in prison');
  });

  it('straightens typographic quotes and unifies dashes and minus signs', () => {
    expect(fold('“Tajikistan’s” — 100–250 ‑ −5').text).toBe('"Tajikistan\'s" - 100-250 - -5');
  });

  it('drops soft hyphens and zero-width characters', () => {
    expect(fold('Mir\u00adsai\u200bdov\ufeff').text).toBe('Mirsaidov');
  });

  it('maps every folded unit back to the raw offset it came from', () => {
    const raw = 'a  \u00adb\u2019c';
    const f = fold(raw);
    expect(f.text).toBe("a b'c");
    expect([0, 1, 2, 3, 4].map(f.toRaw)).toEqual([0, 1, 4, 5, 6]);
  });

  it('foldString agrees with fold for any mix of whitespace, quotes, dashes and invisible characters', () => {
    const rand = rng(11);
    const alphabet = ['a', 'b', ' ', '  ', '\n', '\u00a0', '\u00ad', '\u200b', '’', '“', '—', '-', 'é', '😀'];
    for (let round = 0; round < 300; round++) {
      const s = Array.from({ length: Math.floor(rand() * 12) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      expect(foldString(s), JSON.stringify(s)).toBe(fold(s).text);
      expect(foldString(s, false), JSON.stringify(s)).toBe(fold(s, false).text);
    }
  });

  it('matches a character-by-character reference fold, and maps each unit to a raw unit that folds to it', () => {
    const WS = /[\t-\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
    const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
    const one = (c: string) => (/[‘’‚‛′ʼ]/.test(c) ? "'" : /[“”„‟″«»]/.test(c) ? '"' : /[‐‑‒–—―−﹘﹣－]/.test(c) ? '-' : c);
    const reference = (s: string) => {
      let out = '';
      for (const c of s.split('')) {
        if (INVISIBLE.test(c)) continue;
        if (WS.test(c)) {
          if (out && !out.endsWith(' ')) out += ' ';
        } else out += one(c);
      }
      return out.endsWith(' ') ? out.slice(0, -1) : out;
    };
    const rand = rng(17);
    const alphabet = ['a', 'B', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2009', '\u3000', '\u00ad', '\u200b', '\ufeff', '’', '‘', '“', '”', '«', '—', '–', '−', '-', 'é', '😀'];
    for (let round = 0; round < 500; round++) {
      const s = Array.from({ length: Math.floor(rand() * 16) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const f = fold(s);
      expect(f.text, JSON.stringify(s)).toBe(reference(s));
      for (let i = 0; i < f.text.length; i++) {
        const raw = s[f.toRaw(i)];
        expect(f.text[i] === ' ' ? WS.test(raw) : one(raw) === f.text[i], `${JSON.stringify(s)} @${i}`).toBe(true);
      }
    }
  });

  it('keeps one boundary space in context strings', () => {
    expect(fold(' to ', false).text).toBe(' to ');
    expect(fold('x  ', false).text).toBe('x ');
  });
});

describe('approxSearch', () => {
  it('agrees with a naive DP for short and multi-block patterns', () => {
    const rand = rng(7);
    const alphabet = 'ab c’é😀';
    const pick = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    for (let round = 0; round < 60; round++) {
      const m = 1 + Math.floor(rand() * 90);
      const pat = pick(m);
      const text = pick(200);
      const k = Math.floor(m / 3);
      const expected = naiveEnds(text, pat)
        .map((errors, j) => ({ end: j + 1, errors }))
        .filter((h) => h.errors <= k);
      expect(approxSearch(text, pat, k)).toEqual(expected);
    }
  });

  it('finds a quote with one substitution and reports one error', () => {
    const hits = approxSearch('he was sentenced to 12 yeers in prison.', '12 years in prison', 2);
    expect(Math.min(...hits.map((h) => h.errors))).toBe(1);
  });

  it('alignStart recovers the start of the best alignment', () => {
    const text = 'sentenced to 12 yeers in prison.';
    const end = text.indexOf('.');
    expect(alignStart(text, '12 years in prison', end, 3)).toBe(text.indexOf('12'));
  });

  it('editDistance counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
  });

  it('editDistance agrees with a naive DP, across pattern blocks', () => {
    const rand = rng(3);
    const pick = (n: number) => Array.from({ length: n }, () => 'abcd '[Math.floor(rand() * 5)]).join('');
    for (let round = 0; round < 100; round++) {
      const a = pick(Math.floor(rand() * 80));
      const b = pick(Math.floor(rand() * 80));
      const dp = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++) dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      expect(editDistance(a, b), `${a}|${b}`).toBe(dp[a.length][b.length]);
    }
  });

  it('alignStart finds a start whose span has the fewest edits', () => {
    const rand = rng(5);
    const pick = (n: number) => Array.from({ length: n }, () => 'abc'[Math.floor(rand() * 3)]).join('');
    for (let round = 0; round < 100; round++) {
      const pat = pick(3 + Math.floor(rand() * 40));
      const text = pick(60) + pat.replace(/a/, 'c') + pick(10);
      const k = Math.floor(pat.length / 3);
      const end = 60 + pat.length;
      const s = alignStart(text, pat, end, k);
      let least = Infinity;
      for (let x = Math.max(0, end - pat.length - k); x < end; x++) least = Math.min(least, editDistance(pat, text.slice(x, end)));
      expect(editDistance(pat, text.slice(s, end))).toBe(least);
    }
  });
});

describe('anchorAll', () => {
  it('uses the position selector when the page reproduces the quote there', () => {
    const text = 'On August 22, however, a court changed the sentence. On August 22 he walked.';
    const start = text.lastIndexOf('August 22');
    const [a] = anchorAll(text, [{ exact: 'August 22', start, end: start + 9 }]);
    expect(a).toMatchObject({ start, how: 'position' });
  });

  it('rejects a position that does not reproduce the quote and falls back to the quote', () => {
    const text = 'A court in Khujand sentenced him to 12 years in prison. ' + 'Filler text. '.repeat(20);
    const [a] = anchorAll(text, [{ exact: '12 years in prison', start: 200, end: 218 }]);
    expect(a).toMatchObject({ start: text.indexOf('12 years'), how: 'quote' });
  });

  it.each([
    {
      name: 'matches across typographic quotes, dashes, nbsp and whitespace runs',
      page: 'she said that \u201c100\u2013250 is a number I\u2019ve\u00a0heard\n   batted around\u201d today',
      exact: '"100-250 is a number I\'ve heard batted around"',
      found: '\u201c100\u2013250 is a number I\u2019ve\u00a0heard\n   batted around\u201d',
    },
    {
      name: 'tolerates an edit in a long quote with no context given',
      page: 'What can we learn from the recent release of jailed Tajik journalst Khayrullo Mirsaidov? Nothing.',
      exact: 'the recent release of jailed Tajik journalist Khayrullo Mirsaidov',
      found: 'the recent release of jailed Tajik journalst Khayrullo Mirsaidov',
    },
  ])('$name', ({ page, exact, found }) => {
    expect(covered(page, { exact })).toBe(found);
  });

  it('chooses among repeats by prefix and suffix', () => {
    const page = 'Back in July, he was detained. In July the court met. Then in July, the appeal failed.';
    const t = { exact: 'July', prefix: 'detained. In ', suffix: ' the court met' };
    const [a] = anchorAll(page, [t]);
    expect(a?.start).toBe(page.indexOf('In July') + 3);
    const [b] = anchorAll(page, [{ exact: 'July', prefix: 'Then in ', suffix: ', the appeal' }]);
    expect(b?.start).toBe(page.lastIndexOf('July'));
  });

  it('chooses among repeats with identical context by the expected position', () => {
    const para = 'He was fined 80,000 somoni for it. ';
    const page = para.repeat(5);
    const second = para.length * 3 + para.indexOf('80,000');
    const [a] = anchorAll(page, [{ exact: '80,000 somoni', prefix: 'was fined ', suffix: ' for it', start: second + 7, end: second + 20 }]);
    expect(a?.start).toBe(second);
  });

  it('tolerates a small edit in the quote when the context agrees', () => {
    const page = 'a court in Khujand sentenced Tajik journalist Khayrullo Mirsaidov to 12 years of prison. His troubles';
    const a = covered(page, { exact: '12 years in prison', prefix: 'Khayrullo Mirsaidov to ', suffix: '. His troubles' });
    expect(a).toBe('12 years of prison');
  });

  it('prefers an edited quote near its position over an exact repeat far away', () => {
    const para = 'The court in Khujand sentenced the journalist to twelve years in prison on a Tuesday. ';
    const filler = 'Unrelated reporting fills the space between the two accounts of the trial. '.repeat(20);
    const source = para + filler + para;
    const second = source.lastIndexOf('sentenced the journalist');
    const page = para + filler + para.replace('sentenced the journalist', 'sentenced the jornalist');
    const t = { exact: 'sentenced the journalist', prefix: source.slice(second - 20, second), suffix: source.slice(second + 24, second + 44), start: second, end: second + 24 };
    const [a] = anchorAll(page, [t]);
    expect(a).toMatchObject({ how: 'fuzzy', start: page.lastIndexOf('sentenced the jornalist'), errors: 1 });
  });

  it('does not take a nearby repeat by position when its context disagrees', () => {
    const page = 'in July he was arrested; in July he was released.';
    const at = page.lastIndexOf('July');
    // The position points at the second July (shifted by a few characters), the context at the first.
    const [a] = anchorAll(page, [{ exact: 'July', prefix: 'in ', suffix: ' he was arrested', start: at + 3, end: at + 7 }]);
    expect(a?.start).toBe(page.indexOf('July'));
  });

  it('does not anchor a quote that is absent from the page', () => {
    const page = 'A little more than a month ago, a court in Khujand sentenced Tajik journalist Khayrullo Mirsaidov to 12 years in prison.';
    const [a, b, c] = anchorAll(page, [
      { exact: 'some 10,000 prisoners', prefix: 'there are ', suffix: ' in Tajikistan' },
      { exact: '2009' },
      { exact: 'August 24', prefix: 'released on ', suffix: ', the court' },
    ]);
    expect([a, b, c]).toEqual([null, null, null]);
  });

  it('does not take a short quote found only elsewhere in other words (a nav link) for a removed claim', () => {
    const page = 'Home | Subscribe for 12 years in prison news | About. ' + 'The court changed the sentence and he walked free. '.repeat(30);
    const t = { exact: '12 years in prison', prefix: 'Khayrullo Mirsaidov to ', suffix: '. Mirsaidov’s troubles began' };
    expect(anchorAll(page, [t])).toEqual([null]);
    expect(anchorAll(page, [{ ...t, start: 900, end: 918 }])).toEqual([null]);
    // …but the same words with their context agreeing are the claim.
    expect(anchorAll('Khayrullo Mirsaidov to 12 years in prison. Mirsaidov’s troubles began', [t])[0]).toMatchObject({ how: 'quote', start: 23 });
  });

  it('does not take a different short number elsewhere for an edited one', () => {
    const page = 'He was fined in August 23 by a court. Nothing else happened later that year in Dushanbe.';
    const [a] = anchorAll(page, [{ exact: 'August 22', prefix: 'walked free on ', suffix: ', however' }]);
    expect(a).toBeNull();
  });

  it('counts positions in code points, so astral characters before the quote do not shift it', () => {
    const page = '😀😀 #FreeKhayrullo 😀 campaign began 15 years ago in Khujand';
    const cp = [...page];
    const startCp = cp.indexOf('1');
    const [a] = anchorAll(page, [{ exact: '15 years ago', start: startCp, end: startCp + 12 }]);
    expect(a).toMatchObject({ how: 'position', start: page.indexOf('15 years') });
  });

  it('matches quotes containing astral characters', () => {
    const page = 'the emoji 😀 campaign 🎉 #FreeKhayrullo trended';
    expect(covered(page, { exact: 'campaign 🎉 #FreeKhayrullo' })).toBe('campaign 🎉 #FreeKhayrullo');
  });

  it('follows the drift of earlier anchors when the page has extra text before the article', () => {
    const source = 'It was 2014. Then 2014 again. And 2014 once more.';
    const page = 'Menu Home About Subscribe now ' + source.replace(/ /g, '  ');
    const folded = fold(page).text;
    const starts = [...source.matchAll(/2014/g)].map((x) => x.index!);
    const got = anchorAll(
      folded,
      starts.map((s) => ({ exact: '2014', start: s, end: s + 4, prefix: source.slice(Math.max(0, s - 32), s), suffix: source.slice(s + 4, s + 36) })),
    );
    const expected = [...folded.matchAll(/2014/g)].map((x) => x.index);
    expect(got.map((a) => a?.start)).toEqual(expected);
  });
});
