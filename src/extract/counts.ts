// Counts: how many people or things ("100-250 political prisoners", "some
// 10,000 prisoners", "two UN bodies", "a dozen activists", "hundreds of
// protesters"). A count is a number (or range) that no other family claimed,
// followed — usually — by the noun phrase it counts, which becomes `subject`.
// Numbers in words need that noun phrase (a bare "two" is rarely a claim);
// digits stand alone (a range such as "100-250 is a number" is still a count).
// Vague plurals ("hundreds of", "tens of thousands of") are approximate
// ranges: hundreds → 200..999, thousands → 2,000..9,999, and so on.

import type { Span } from './types';
import { DIGITS, NUMBER, matchesAt, numberStarts, parseNumber, shareScale } from './numbers';
import { qualifierBefore, qualifierAfter } from './qualifiers';

// One number, optionally followed by a second one that makes a range. "between
// X and Y" is recognised by looking behind the first number, which is much
// cheaper than an optional prefix tried at every position of the text.
const RE_COUNT = new RegExp(
  `(${NUMBER})(?:\\s*(-|–|\\bto\\b|\\bor\\b)\\s*(${NUMBER}))?(?![A-Za-z0-9]|-(?:year|month|week|day|hour)|\\s*%)`,
  'iy', // sticky: tried only where a number starts
);
// "1.2m copies", "3bn people": glued short scales only before a plural noun ("a 10m wall" is a length).
const RE_SHORT_SCALED = new RegExp(`(${DIGITS})(bn|mn|m|k)(?=\\s+[a-z]+s\\b)`, 'y');
const RE_AND_NUMBER = new RegExp(`\\s+and\\s+(${NUMBER})(?![A-Za-z0-9]|-(?:year|month|week|day|hour)|\\s*%)`, 'iy');
// "a father of three", "mother of two": children counted by an idiom with no noun.
// Sticky: found from the number, whose start is one of the number starts (a
// global scan for the parent words with this large pattern was slow).
const RE_PARENT_OF = new RegExp(`\\b(?:father|mother|parent|grandfather|grandmother|grandparent)\\s+of\\s+(${NUMBER})\\b`, 'iy');
// Longest first: "grandfather" must be tried before the "father" it ends with.
const PARENT_WORDS = ['grandfather', 'grandmother', 'grandparent', 'father', 'mother', 'parent'];
const RE_VAGUE = /\b(dozens|scores|hundreds|thousands|millions|billions)\s+of\b/gi;
const VAGUE: Record<string, [number, number]> = {
  dozens: [24, 99], scores: [40, 99], hundreds: [200, 999], thousands: [2000, 9999],
  millions: [2e6, 999999999], billions: [2e9, 999999999999],
};

// Words that end a subject noun phrase.
const STOPWORDS = new Set(
  ('the a an of in on at to for from by with and or but nor is are was were be been being has have had do does did ' +
    'will would shall should can could may might must who whom whose which that this these those it its they them their ' +
    'he she his her we our you your i me my as than then so such per each every more less most least other others ' +
    'said says told according about around over under since until while when where after before during into onto ' +
    'out up down off also only just not no yes all both some any many much few several same own very too ' +
    'percent per cent times last next ago earlier later').split(' '),
);
const UNIT_WORDS = /^(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|percent|per|%|am|pm|a\.m\.|p\.m\.|st|nd|rd|th)$/i;
const SMALL_WORDS = /^(?:one|a|an)$/i;

interface Subject {
  text: string;
  end: number;
}

// "Eleven of the victims", "three of those arrested": a part of a group.
const OF_GROUP = /^\s+of\s+(?:the|those|these|its|their|his|her|our|[A-Z][\w-]*['’]s)\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\b(?!['’])/;

// One word of the counted noun phrase (compiled once, not per call).
// Words on the same line: a headline's last number does not count the next paragraph's first words.
const RE_SUBJECT_WORD = /^[^\S\n]+([\p{L}][\p{L}'’.-]*)/u;

/** Up to three words after the number that look like the thing counted. */
function subjectAfter(text: string, e: number): Subject | undefined {
  const og = OF_GROUP.exec(text.slice(e, e + 50));
  if (og) {
    const words = og[1].split(/\s+/);
    // keep the first word, and the second only if it is not a verb-like or function word
    const keep = words.length > 1 && !STOPWORDS.has(words[1]) && !/(?:ed|ing|ly)$/.test(words[1]) && !/s$/.test(words[0]) ? words : [words[0]];
    const phrase = keep.join(' ');
    const rest = text.slice(e + og[0].indexOf(og[1]) + phrase.length, e + og[0].length + 20);
    // "of the roughly 4.1 million voters", "of the estimated 600": another figure follows, not a group noun.
    if (!STOPWORDS.has(keep[0]) && !/ly$|^(?:estimated|approximate|reported|official)$/.test(keep[0]) && !/^\s*[\d$€£]/.test(rest)) return { text: phrase, end: e + og[0].indexOf(og[1]) + phrase.length };
  }
  const words: string[] = [];
  let pos = e;
  let end = e;
  for (let i = 0; i < 3; i++) {
    // The pattern starts with whitespace: skip the slice and the regex when there is none.
    if (pos >= text.length || !/\s/.test(text[pos])) break;
    const m = RE_SUBJECT_WORD.exec(text.slice(pos, pos + 40));
    if (!m) break;
    let w = m[1].replace(/[.’']+$/, '');
    if (/['’]s$/.test(m[1])) break; // "the company's" is not what is counted
    const lw = w.toLowerCase();
    if (STOPWORDS.has(lw) || UNIT_WORDS.test(lw)) break;
    // A participle after a plural noun starts a new phrase ("prisoners remaining").
    if (words.length > 0 && /(?:ing|ed)$/.test(lw) && /s$/i.test(words[words.length - 1])) break;
    if (/ly$/.test(lw) && lw.length > 4) break; // adverb
    words.push(w);
    pos += m[0].length - (m[1].length - w.length);
    end = pos;
    // Stop after a plural noun: "two UN bodies", "10,000 prisoners".
    if (/[^s]s$/i.test(lw) || /^(?:people|men|women|children|police|staff|personnel|cattle|sheep)$/.test(lw)) break;
  }
  if (words.length === 0) return undefined;
  return { text: words.join(' '), end };
}

/** Where "<parent word> of " starts if it ends right before `n` (whitespace between), or -1. */
function parentOfBefore(text: string, n: number): number {
  let i = n;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  if (i === n || i < 2 || text.slice(i - 2, i).toLowerCase() !== 'of') return -1;
  let j = i - 2;
  while (j > 0 && /\s/.test(text[j - 1])) j--;
  if (j === i - 2) return -1;
  for (const w of PARENT_WORDS) {
    if (j >= w.length && text.slice(j - w.length, j).toLowerCase() === w) return j - w.length;
  }
  return -1;
}

export function findCounts(text: string, starts: number[] = numberStarts(text)): Span[] {
  const out: Span[] = [];
  let m: RegExpExecArray | null;
  for (m of matchesAt(RE_SHORT_SCALED, text, starts)) {
    const value = parseNumber(m[1] + m[2]);
    const subj = subjectAfter(text, m.index + m[0].length);
    if (value === null || !subj) continue;
    const q = qualifierBefore(text, m.index);
    const span: Span = { kind: 'count', start: q.start, end: subj.end, value, subject: subj.text, confidence: 0.7 };
    if (q.approximate) span.approximate = true;
    if (q.bound) span.bound = q.bound;
    out.push(span);
  }
  // Own loop rather than matchesAt: when "2021 to 9" turns out not to be a
  // range, the second number must still be tried on its own.
  let after = -1;
  for (const st of starts) {
    if (st < after) continue;
    RE_COUNT.lastIndex = st;
    m = RE_COUNT.exec(text);
    if (!m) continue;
    after = m.index + m[0].length;
    let start = m.index;
    let end = m.index + m[0].length;
    // Digits glued to letters ("A4", "3D") are not counts.
    if (start > 0 && /[A-Za-z0-9]/.test(text[start - 1])) continue;
    let minRaw: string | undefined;
    let maxRaw = m[1];
    // "20 000 people": thousands grouped by spaces, read as one number when a noun follows.
    if (/^\d{1,3}$/.test(m[1]) && m[3] === undefined) {
      const g = /^(?:[ \u00A0\u202F]\d{3})+(?![\d.,])(?=\s+[a-z])/.exec(text.slice(end, end + 24));
      if (g) {
        maxRaw = m[1] + g[0];
        end += g[0].length;
      }
    }
    // A group of a spaced number seen on its own ("000"): part of the number before it.
    if (/^0\d/.test(m[1])) continue;
    if (m[3] !== undefined) {
      minRaw = m[1];
      maxRaw = m[3];
    } else {
      const between = /\bbetween\s+$/i.exec(text.slice(Math.max(0, start - 10), start));
      if (between) {
        RE_AND_NUMBER.lastIndex = end;
        const a = RE_AND_NUMBER.exec(text);
        if (a) {
          minRaw = m[1];
          maxRaw = a[1];
          start -= between[0].length;
          end = a.index + a[0].length;
        }
      }
    }
    const max = parseNumber(maxRaw);
    if (max === null) continue;
    let value: number | { min: number; max: number } = max;
    if (minRaw !== undefined) {
      let min = parseNumber(minRaw);
      if (min === null) continue;
      min = shareScale(minRaw, min, maxRaw, max);
      if (min < max) value = { min, max };
      else if (m[3] !== undefined && /^(?:to|or)$/i.test(m[2])) {
        // "from 4 in 2021 to 9": not a range — the first number alone, the second tried next.
        end = m.index + m[1].length;
        after = end;
        maxRaw = m[1];
        value = parseNumber(m[1]) ?? min;
        minRaw = undefined;
      } else {
        // "3-1" is a score, "2015-16" a season: not a count.
        continue;
      }
    }
    const isWords = !/\d/.test(text.slice(start, end));
    if (isWords && SMALL_WORDS.test(maxRaw.trim())) continue;
    // Ordinal-like or decimal-without-subject digits are left alone.
    const subj = subjectAfter(text, end);
    if (isWords && !subj) continue;
    // "Office 365", "Boeing 737 MAX", "Route 66": a number after a mid-sentence
    // proper noun, with no lower-case noun after it, is usually part of a name.
    if ((!subj || /^[A-Z0-9]/.test(subj.text)) && minRaw === undefined && !/,/.test(maxRaw)) {
      const prev = /([A-Z][A-Za-z]*)\s+$/.exec(text.slice(Math.max(0, start - 24), start));
      if (prev && !/(?:^|[.!?]\s+|\n)$/.test(text.slice(Math.max(0, start - 24), start - prev[0].length)) &&
        !/^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/.test(prev[1])) continue;
    }
    // "a 2021 Range Rover", "his 1967 Mustang": a model year before a name, not 2,021 cars.
    if (subj && /^[A-Z]/.test(subj.text) && minRaw === undefined && /^(?:19|20)\d\d$/.test(maxRaw) &&
      /\b(?:an?|the|his|her|their|its|our|my)\s+$/i.test(text.slice(Math.max(0, start - 8), start))) continue;
    // "The 12" / "No 5" / a year on its own are taken by other families or exclusions.
    const q = qualifierBefore(text, start);
    const qa = qualifierAfter(text, end);
    let spanEnd = end;
    let subject: string | undefined;
    if (subj) {
      subject = subj.text;
      spanEnd = subj.end;
    } else if (qa.end > end) spanEnd = qa.end;
    const span: Span = { kind: 'count', start: q.start, end: spanEnd, value, confidence: subj ? 0.75 : 0.45 };
    if (subject) span.subject = subject;
    if (q.approximate || qa.approximate) span.approximate = true;
    if (q.bound || qa.bound) span.bound = q.bound ?? qa.bound;
    out.push(span);
  }

  // The same matches as a global scan: tried in text order, none inside the previous one.
  let afterParent = 0;
  for (const at of starts) {
    const p = parentOfBefore(text, at);
    if (p < afterParent) continue; // also p === -1
    RE_PARENT_OF.lastIndex = p;
    m = RE_PARENT_OF.exec(text);
    if (!m) continue;
    afterParent = p + m[0].length;
    const n = parseNumber(m[1]);
    if (n === null || !Number.isInteger(n)) continue;
    const st = m.index + m[0].lastIndexOf(m[1]);
    out.push({ kind: 'count', start: st, end: st + m[1].length, value: n, subject: 'children', confidence: 0.6 });
  }
  RE_VAGUE.lastIndex = 0;
  while ((m = RE_VAGUE.exec(text))) {
    // "tens of thousands of", "hundreds of millions of": the multiplier is read back from the text.
    const pre = /\b(tens|hundreds)\s+of\s+$/i.exec(text.slice(Math.max(0, m.index - 16), m.index));
    if (/^(?:tens|hundreds)$/i.test(m[1]) && /^\s+of\s+(?:thousands|millions|billions)\b/i.test(text.slice(m.index + m[1].length, m.index + m[1].length + 24))) continue; // the longer phrase is read from its last word
    const [lo, hi] = VAGUE[m[1].toLowerCase()];
    const mult = pre ? (pre[1].toLowerCase() === 'tens' ? 10 : 100) : 1;
    const e = m.index + m[0].length;
    const subj = subjectAfter(text, e);
    const span: Span = {
      kind: 'count',
      start: pre ? m.index - pre[0].length : m.index,
      end: subj ? subj.end : e,
      value: { min: lo * mult, max: hi * mult + (mult > 1 ? mult - 1 : 0) },
      approximate: true,
      confidence: 0.6,
    };
    if (subj) span.subject = subj.text;
    out.push(span);
  }
  return out;
}
