// Hedges and bounds written around a figure ("about", "some", "more than",
// "up to", "or more"). DESIGN.md says they are kept beside the value, never
// dropped, and the gold includes them in the quote ("some 10,000 prisoners",
// "A little more than a month ago"), so callers extend the span over them.

export interface Qualifier {
  /** UTF-16 offset where the qualifier starts (== the figure's start if none). */
  start: number;
  approximate?: boolean;
  bound?: 'at_least' | 'at_most';
}

// Anchored at the end of the text that precedes the figure.
const BEFORE =
  /(?:^|[^A-Za-z0-9])((?:(?:a\s+little|just|slightly|well|far|a\s+bit|much)\s+)?(?:more\s+than|over|at\s+least|in\s+excess\s+of|upwards\s+of|no\s+(?:fewer|less)\s+than|not\s+less\s+than|above|exceeding|a\s+minimum\s+of|a\s+maximum\s+of|up\s+to|as\s+many\s+as|as\s+much\s+as|at\s+most|less\s+than|fewer\s+than|under|below|no\s+more\s+than|not\s+more\s+than|nearly|almost|about|around|roughly|approximately|approx\.|some|an\s+estimated|estimated|close\s+to|circa|c\.|~|≈|more\s+or\s+less|an\s+approximate))\s*$/i;

const AT_LEAST = /^(?:more than|over|at least|in excess of|upwards of|no (?:fewer|less) than|not less than|above|exceeding|a minimum of)$/;
const AT_MOST = /^(?:up to|as many as|as much as|at most|less than|fewer than|under|below|no more than|not more than|a maximum of)$/;

// The last word of every phrase in BEFORE (those ending in '.', '~' or '≈' are not listed).
const LAST_WORDS = new Set([
  'than', 'over', 'least', 'of', 'above', 'exceeding', 'to', 'as', 'most', 'under', 'below', 'nearly', 'almost',
  'about', 'around', 'roughly', 'approximately', 'some', 'estimated', 'circa', 'less', 'approximate',
]);

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function qualifierBefore(text: string, start: number): Qualifier {
  // Fast exit: every qualifier ends in a letter, '.', '~' or '≈' before optional spaces.
  let j = start - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\u00a0')) j--;
  if (j < 0 || !/[A-Za-z.~≈]/.test(text[j])) return { start };
  const from = Math.max(0, start - 40);
  // Second fast exit, for the common case of a figure after an ordinary word
  // ("in 2017"): a phrase ending in a letter ends in one of LAST_WORDS. The
  // word is read no further back than the regex's window, as the regex sees it.
  if (isAsciiLetter(text.charCodeAt(j))) {
    let k = j;
    while (k > from && isAsciiLetter(text.charCodeAt(k - 1))) k--;
    if (!LAST_WORDS.has(text.slice(k, j + 1).toLowerCase())) return { start };
  }
  const m = BEFORE.exec(text.slice(from, start));
  if (!m) return { start };
  const phrase = m[1];
  const q: Qualifier = { start };
  // The phrase ends where the spaces before the figure begin.
  const preceding = text.slice(from, start);
  const phraseEnd = preceding.trimEnd().length;
  q.start = from + phraseEnd - phrase.length;
  const norm = phrase.toLowerCase().replace(/\s+/g, ' ');
  const modifier = /^(a little|just|slightly|well|far|a bit|much) /.exec(norm);
  const core = modifier ? norm.slice(modifier[0].length) : norm;
  if (AT_LEAST.test(core)) q.bound = 'at_least';
  else if (AT_MOST.test(core)) q.bound = 'at_most';
  else q.approximate = true;
  // "a little more than", "just under": a bound that is also a hedge.
  if (modifier && q.bound) q.approximate = true;
  return q;
}

const AFTER = /^\s*(or\s+(?:more|so|less|fewer|thereabouts)|plus)\b/i;

/** Trailing qualifiers ("10,000 or more"). Returns the new end and flags. */
export function qualifierAfter(text: string, end: number): { end: number; approximate?: boolean; bound?: 'at_least' | 'at_most' } {
  const m = AFTER.exec(text.slice(end, end + 24));
  if (!m) return { end };
  const w = m[1].toLowerCase().replace(/\s+/g, ' ');
  const out: { end: number; approximate?: boolean; bound?: 'at_least' | 'at_most' } = { end: end + m[0].length };
  if (w === 'or more' || w === 'plus') out.bound = 'at_least';
  else if (w === 'or less' || w === 'or fewer') out.bound = 'at_most';
  else out.approximate = true;
  return out;
}
