// Number recognition shared by every family: digits with thousands
// separators, decimals, scale words ("1.5 million") and English number words
// up to the trillions ("two hundred and fifty thousand", "a dozen").
//
// The patterns are exported as regex *source strings* so that each family can
// embed them in its own larger pattern; `parseNumber` turns whatever one of
// them matched back into a value. Keeping the grammar and the parser in one
// place is what keeps "80,000", "eighty thousand" and "80k" equal everywhere.

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = {
  thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
  // South Asian scales, common in money: 1 lakh = 100,000; 1 crore = 10,000,000
  lakh: 1e5, lakhs: 1e5, crore: 1e7, crores: 1e7, lakhcrore: 1e12,
};
/** Short scale suffixes used with money ("$5m", "€2bn", "80k"). */
const SHORT_SCALES: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, bn: 1e9, b: 1e9, tn: 1e12 };

// Longer alternatives first so that the engine does not settle on "seven"
// inside "seventeen" and then fail the word boundary.
const UNIT_WORD = 'one|two|three|four|five|six|seven|eight|nine';
const SMALL_WORD =
  `(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:${UNIT_WORD})\\b)?` +
  '|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|zero|' +
  `${UNIT_WORD})`;
const SEP = '[- \\u00A0]+';
// "two hundred (and) fifty" | "fifty"
const HUNDREDS = `(?:(?:${SMALL_WORD}|an?)${SEP}hundred(?:${SEP}(?:and${SEP})?${SMALL_WORD})?|${SMALL_WORD})`;
// "three million two hundred thousand", "a million", "half a million", "two dozen"
export const WORD_NUMBER =
  `(?:half${SEP}an?${SEP}(?:dozen|million|billion)` +
  `|(?:${HUNDREDS}|an?)${SEP}dozen` +
  `|(?:${HUNDREDS}|an?)${SEP}(?:trillion|billion|million|thousand)(?:${SEP}(?:and${SEP})?${HUNDREDS}(?:${SEP}(?:billion|million|thousand))?)*` +
  `|(?:an?${SEP})?hundred(?:${SEP}(?:and${SEP})?${SMALL_WORD})?` +
  `|${HUNDREDS})`;

/** Digits: "80,000", "8.5", "2014"; never part of a longer digit run. */
export const DIGITS = '(?<![\\d.,])(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?![\\d]|[.,]\\d)';
const LONG_SCALE = '(?:[ \\u00A0-]?(?:trillion|billion|million|thousand|hundred|lakh[ \\u00A0]+crores?|lakhs?|crores?)\\b)';

/** A number as prose writes it: digits (optionally scaled) or words. */
export const NUMBER = `(?:${DIGITS}${LONG_SCALE}?|\\b${WORD_NUMBER}\\b)`;
/**
 * Money also admits glued short scales ("$5m", "€2.3bn", "80k") and thousands
 * grouped by spaces ("20 000 rubles", common in Russian and French styles) —
 * only here, where a currency marks the figure, not in free text where
 * "May 5 100 people" would be misread.
 */
const SPACE_GROUPED = '(?<![\\d.,])\\d{1,3}(?:[ \\u00A0\\u202F]\\d{3})+(?![\\d]|[.,]\\d)';
export const MONEY_NUMBER = `(?:${SPACE_GROUPED}|${DIGITS}(?:${LONG_SCALE}|(?:[Bb][Nn]|[Mm][Ll][Nn]|[Mm][Nn]|[Tt][Nn]|[MmKkBb])\\b)?|\\b${WORD_NUMBER}\\b)`;

const RE_PLAIN = /^\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$/;

/**
 * Parse any string matched by NUMBER / MONEY_NUMBER. Returns null when the
 * string holds no number (so callers can reject a match).
 */
export function parseNumber(raw: string): number | null {
  // Fast path for the common case, plain digits ("2,310", "7.5"): no normalising needed.
  if (RE_PLAIN.test(raw)) return Number(raw.includes(',') ? raw.replace(/,/g, '') : raw);
  const s = normalise(raw);
  const m = /^(\d[\d,]*(?:\.\d+)?)\s*([a-z]*)$/.exec(s);
  if (m) {
    const base = Number(m[1].replace(/,/g, ''));
    if (!Number.isFinite(base)) return null;
    const suffix = m[2];
    if (!suffix) return base;
    if (suffix === 'hundred') return round(base * 100);
    const scale = SCALES[suffix] ?? SHORT_SCALES[suffix];
    return scale ? round(base * scale) : null;
  }
  return parseWords(s);
}

/**
 * Lower-case, join space-grouped thousands, and make separators plain spaces.
 * Each replacement is skipped when the string cannot contain what it replaces
 * (numbers in words have no digits; most have no NBSP and no "lakh").
 */
function normalise(raw: string): string {
  let s = raw.toLowerCase();
  const digits = /\d/.test(s);
  if (digits) s = s.replace(/(\d)[ \u00a0\u202f](?=\d{3}(?!\d))/g, '$1');
  if (s.includes('\u00a0')) s = s.replace(/\u00a0/g, ' ');
  if (digits) s = s.replace(/(\d)-(?=[a-z])/g, '$1 ');
  if (s.includes('lakh')) s = s.replace(/lakh\s+crores?$/, 'lakhcrore');
  return s.trim();
}

function round(n: number): number {
  // 1.15 * 1e6 is 1149999.9999999998 in binary floating point.
  return Math.round(n * 1e6) / 1e6;
}

function parseWords(s: string): number | null {
  const tokens = s.split(/[\s-]+/).filter((t) => t && t !== 'and');
  if (tokens.length === 0) return null;
  let total = 0;
  let current = 0;
  let seen = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'a' || t === 'an') {
      if (current === 0) current = 1;
      continue;
    }
    if (t === 'half') {
      current = 0.5;
      // "half a million": the article belongs to "half"
      if (tokens[i + 1] === 'a' || tokens[i + 1] === 'an') i++;
      seen = true;
      continue;
    }
    if (t in UNITS) {
      current += UNITS[t];
      seen = true;
    } else if (t === 'hundred') {
      current = (current || 1) * 100;
      seen = true;
    } else if (t === 'dozen') {
      current = (current || 1) * 12;
      seen = true;
    } else if (t in SCALES) {
      total += (current || 1) * SCALES[t];
      current = 0;
      seen = true;
    } else {
      return null;
    }
  }
  return seen ? total + current : null;
}

/**
 * Values like "5-10 million": the scale written once after the second number
 * applies to both. Returns the scaled minimum.
 */
export function shareScale(minRaw: string, min: number, maxRaw: string, max: number): number {
  if (!/^[\d.,\s]+$/.test(minRaw)) return min; // the minimum carries its own scale or is in words
  const sm = /([a-z]+)\s*$/i.exec(maxRaw.trim());
  if (!sm || !/\d/.test(maxRaw)) return min;
  const word = sm[1].toLowerCase();
  const scale = word === 'hundred' ? 100 : SCALES[word] ?? SHORT_SCALES[word] ?? 0;
  return scale && min * scale <= max ? round(min * scale) : min;
}

// ---------------------------------------------------------------------------
// Speed: most family patterns begin with a number, and asking the regex engine
// to try a large word-number alternation at every character of a long text is
// what dominated the run time. Instead the numbers are found once, and each
// number-led pattern is tried (sticky) only where a number starts.

// Digits and words are scanned separately (a digit scan is nearly free) and merged.
const RE_DIGIT_START = new RegExp(DIGITS, 'g');
// The word-number pattern is large, and a global scan with it runs it at every
// word of the text. Instead a small pattern finds where one can begin (the
// first word of every alternative of WORD_NUMBER; a lone "a"/"an" only before
// a scale word) and the full pattern is tried there, sticky (see scanAnchored).
const RE_WORD_START = new RegExp(`\\b${WORD_NUMBER}\\b`, 'iy');
const RE_WORD_ANCHOR =
  /\b(?:half|hundred|an?[- \u00A0]+(?:dozen|trillion|billion|million|thousand|hundred)|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|zero|one|two|three|four|five|six|seven|eight|nine)/gi;

/** UTF-16 offsets where a number (digits or words) starts, ascending. */
export function numberStarts(text: string): number[] {
  const digits: number[] = [];
  RE_DIGIT_START.lastIndex = 0;
  for (let m = RE_DIGIT_START.exec(text); m; m = RE_DIGIT_START.exec(text)) digits.push(m.index);
  const words: number[] = [];
  for (const m of scanAnchored(RE_WORD_ANCHOR, RE_WORD_START, text)) words.push(m.index);
  if (words.length === 0) return digits;
  const out: number[] = new Array(digits.length + words.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < digits.length || j < words.length) {
    if (j >= words.length || (i < digits.length && digits[i] < words[j])) out[k++] = digits[i++];
    else out[k++] = words[j++];
  }
  return out;
}

/**
 * Iterate the matches of a sticky (`y`) regex tried at each of `starts`,
 * skipping starts inside the previous match, like a global scan would.
 */
export function* matchesAt(re: RegExp, text: string, starts: number[]): Generator<RegExpExecArray> {
  let after = -1;
  for (const s of starts) {
    if (s < after) continue;
    re.lastIndex = s;
    const m = re.exec(text);
    if (m) {
      after = m.index + Math.max(1, m[0].length);
      yield m;
    }
  }
}

/**
 * The matches a global scan with `re` would find, found faster: `anchor` (a
 * small global pattern that matches wherever a match of `re` can begin, and
 * possibly elsewhere) proposes positions, and `re` (sticky) is tried at each,
 * skipping positions inside the previous match as a global scan does.
 */
export function* scanAnchored(anchor: RegExp, re: RegExp, text: string): Generator<RegExpExecArray> {
  let after = 0;
  anchor.lastIndex = 0;
  for (let a = anchor.exec(text); a; a = anchor.exec(text)) {
    const p = a.index;
    if (p >= after) {
      re.lastIndex = p;
      const m = re.exec(text);
      if (m) {
        after = p + Math.max(1, m[0].length);
        yield m;
      }
    }
    // Next candidate: any later position, even inside this anchor match.
    anchor.lastIndex = Math.max(p + 1, after);
  }
}
