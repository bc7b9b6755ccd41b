// Fractions of a whole: "one-fifth of his salary", "two-thirds", "a quarter
// of", "half of", "20 percent", "20%", "one in five", and the points of a
// rate ("0.5 percentage points", "25 basis points"). Values are numbers in
// 0..1; a percentage above 100 is a change, not a share, and is left out.

import type { Span } from './types';
import { NUMBER, matchesAt, numberStarts, parseNumber } from './numbers';
import { qualifierBefore } from './qualifiers';
import { elidedAfter } from './comparisons';

const DENOMS: Record<string, number> = {
  half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fourth: 4, fourths: 4,
  fifth: 5, fifths: 5, sixth: 6, sixths: 6, seventh: 7, sevenths: 7, eighth: 8, eighths: 8,
  ninth: 9, ninths: 9, tenth: 10, tenths: 10, twentieth: 20, twentieths: 20, hundredth: 100, hundredths: 100,
};
const DENOM = 'halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|twentieths?|hundredths?';
// Anchored on the denominator word; the numerator is read from just before it.
const RE_DENOM = new RegExp(`\\b(${DENOM})\\b(?:\\s+(?:of|the)\\b)?`, 'gi');
const NUMERATOR_BEFORE = /(?:^|[^A-Za-z])(one|two|three|four|five|six|seven|eight|nine|an?)[\s-]+$/i;
// Both sticky: tried only where a number starts (numbers.ts, matchesAt). The unit
// may be written once ("1 to 3 per cent") or twice ("10% to 15%"); basis points
// are hundredths of a percentage point.
const PCT_UNIT = '%|per\\s*cent\\b|percent\\b|pc\\b|percentage[\\s-]+points?\\b|basis[\\s-]+points?\\b|bps\\b|bp\\b';
const RE_PERCENT = new RegExp(`(${NUMBER})(?:\\s*(${PCT_UNIT}))?(?:\\s*(-|–|to)\\s*(${NUMBER}))?\\s*(${PCT_UNIT})`, 'iy');
// "between 10% and 15%": the second figure, read after the first.
const RE_AND_PERCENT = new RegExp(`\\s+and\\s+(${NUMBER})\\s*(${PCT_UNIT})`, 'iy');
// "half a percentage point", "a quarter of a percentage point", "a quarter-point cut":
// a word fraction of a point (read after the denominator word).
const POINT_AFTER = /^(?:\s+of)?\s+a\s+percentage[\s-]+point\b|^-point\b/i;
// "55 cents in the dollar", "between 55 and 60 cents on the dollar", "40p in the pound": a rate.
const RE_CENTS_IN = new RegExp(
  `(${NUMBER})(?:\\s*(?:-|–|to|and)\\s*(${NUMBER}))?\\s*(?:cents?|pence|p)\\s+(?:in|on|to)\\s+the\\s+(?:dollar|pound|euro|rand)\\b`,
  'iy',
);
const RE_ONE_IN = new RegExp(`(?<![A-Za-z0-9])(${NUMBER})\\s+(?:in|out\\s+of)\\s+(?:every\\s+)?(${NUMBER})\\b`, 'iy');
const SUBJECT_OF = /^\s+(?:(of)\s+)?((?:(?:the|his|her|their|its|our|all|a|an)\s+)?(?:[\p{L}'’-]+\s+){0,2}[\p{L}'’-]+)/u;
const STOP = /\b(?:to|in|on|at|for|from|by|with|and|or|but|was|were|is|are|be|been|has|have|had|will|would|that|which|who|over|under|since|than|as)\b/i;

// ---------------------------------------------------------------------------
// Speed: the three sticky number-led patterns above (RE_PERCENT, RE_CENTS_IN,
// RE_ONE_IN) rarely match, yet trying one at each of the text's number starts
// is a large share of the run time. Everything they consume — numbers, units,
// connecting words, range dashes — is made of ASCII letters and digits,
// whitespace, '-', '–', '%', and '.' or ',' followed by a digit ("1,200",
// "7.5"). So a match starting at s lies inside the "figure run" from s up to
// the first other character (a full stop, a comma before a space, a quote, a
// bracket), and can only exist if a word the pattern needs ('%'/"per…", " in ",
// "the dollar") begins inside that run. Starts without one are not tried: the
// same matches come out, as the skipped attempts would have failed.

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** True when no pattern above can consume text[i]. */
function endsFigureRun(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isAsciiAlnum(c) || c === 32 || c === 45 || c === 37 || c === 0x2013 || c === 0xa0) return false;
  if (c === 44 || c === 46) {
    const d = text.charCodeAt(i + 1);
    return !(d >= 48 && d <= 57);
  }
  if (c > 32 && c < 127) return true;
  return !/\s/.test(text[i]);
}

/** For each number start, where its figure run ends (runs are shared by nearby starts). */
function figureRunEnds(text: string, starts: number[]): number[] {
  const ends = new Array<number>(starts.length);
  let end = -1;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k];
    if (s >= end) {
      end = s;
      while (end < text.length && !endsFigureRun(text, end)) end++;
    }
    ends[k] = end;
  }
  return ends;
}

/** Positions where the global `cue` matches, ascending; retried from the next character, so overlapping ones are kept. */
function cuePositions(cue: RegExp, text: string): number[] {
  const out: number[] = [];
  cue.lastIndex = 0;
  for (let m = cue.exec(text); m; m = cue.exec(text)) {
    out.push(m.index);
    cue.lastIndex = m.index + 1;
  }
  return out;
}

/** The starts whose figure run holds a cue position. */
function startsWithCue(starts: number[], ends: number[], cues: number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (let k = 0; k < starts.length; k++) {
    while (j < cues.length && cues[j] < starts[k]) j++;
    if (j < cues.length && cues[j] < ends[k]) out.push(starts[k]);
  }
  return out;
}

// Where each pattern's indispensable word can begin (PCT_UNIT always starts
// with one of these; so does the "in"/"out of" of RE_ONE_IN, with its space).
// Not lookaheads: a pattern starting with a lookahead is tried at every position.
const CUE_PERCENT = /%|per|pc|basis|bp/gi;
const CUE_CENTS_IN = /the\s+(?:dollar|pound|euro|rand)/gi;
const CUE_ONE_IN = /\s(?:in|out)\s/gi;

function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}

/** Basis points need two more decimals than percentages ("2.5 bp" = 0.00025). */
function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** Noun phrase after "of", cut at the first function word. */
function subjectOf(text: string, e: number, requireOf: boolean): { subject: string; end: number } | undefined {
  const m = SUBJECT_OF.exec(text.slice(e, e + 60));
  if (!m || (requireOf && !m[1])) return undefined;
  const words = m[2].split(/\s+/);
  const kept: string[] = [];
  for (const w of words) {
    if (STOP.test(w)) break;
    // a participle after a plural noun starts the verb phrase ("two-thirds of councillors voted")
    if (kept.length > 0 && /(?:ed|ing)$/i.test(w) && /s$/i.test(kept[kept.length - 1])) break;
    kept.push(w);
  }
  // "40% of the 1,200 respondents": only a determiner before another figure — no subject here.
  if (kept.every((w) => /^(?:the|his|her|their|its|our|all|a|an)$/i.test(w))) return undefined;
  if (kept.length === 0) return undefined;
  const phrase = kept.join(' ');
  const off = m[0].indexOf(m[2]);
  return { subject: phrase.replace(/^(?:the|his|her|their|its|our|a|an)\s+/i, ''), end: e + off + phrase.length };
}

/** Scale of a percentage unit: basis points are hundredths of a percentage point and may exceed 100. */
function unitOf(unit: string): { scale: number; round: (n: number) => number; pointsSubject?: string } {
  if (/^b/i.test(unit)) return { scale: 10000, round: round6, pointsSubject: 'basis points' };
  return { scale: 100, round: round4, pointsSubject: /points?/i.test(unit) ? 'percentage points' : undefined };
}

/** A percentage (or points) span with its qualifier and, for a share, what it is a share of. */
function percentSpan(text: string, s: number, e: number, value: number | { min: number; max: number }, pointsSubject: string | undefined): Span {
  const q = qualifierBefore(text, s);
  const span: Span = { kind: 'fraction', start: q.start, end: e, value, confidence: 0.9 };
  if (q.approximate) span.approximate = true;
  if (q.bound) span.bound = q.bound;
  if (pointsSubject) span.subject = pointsSubject;
  else {
    const sub = subjectOf(text, e, true);
    if (sub) span.subject = sub.subject;
  }
  return span;
}

export function findFractions(text: string, starts: number[] = numberStarts(text)): Span[] {
  const out: Span[] = [];
  let m: RegExpExecArray | null;
  const runEnds = figureRunEnds(text, starts);

  for (m of matchesAt(RE_PERCENT, text, startsWithCue(starts, runEnds, cuePositions(CUE_PERCENT, text)))) {
    const { scale, round, pointsSubject } = unitOf(m[5]);
    const a = parseNumber(m[1]);
    let b = m[4] ? parseNumber(m[4]) : null;
    if (a === null || a > scale || (b !== null && b > scale)) continue;
    let end = m.index + m[0].length;
    if (b !== null && m[2]) {
      // The unit written twice: a range ("10% to 15%", "10%-15%") unless "from" makes it a
      // change ("rose from 10% to 15%") or the second is far larger, a level after a change
      // ("cut by 0.25% to 4.5%"). Otherwise two figures, each its own claim.
      const from = /\bfrom\s+$/i.test(text.slice(Math.max(0, m.index - 6), m.index));
      if (!(b > a) || from || (/^to$/i.test(m[3]) && b > 5 * a)) {
        const firstEnd = m.index + m[0].indexOf(m[2], m[1].length) + m[2].length;
        const secondStart = m.index + m[0].lastIndexOf(m[4], m[0].length - m[5].length);
        const first = unitOf(m[2]);
        if (a <= first.scale) out.push(percentSpan(text, m.index, firstEnd, first.round(a / first.scale), first.pointsSubject));
        out.push(percentSpan(text, secondStart, end, round(b / scale), pointsSubject));
        continue;
      }
    }
    let start = m.index;
    const between = b === null ? /\bbetween\s+$/i.exec(text.slice(Math.max(0, m.index - 8), m.index)) : null;
    if (between) {
      RE_AND_PERCENT.lastIndex = end;
      const and = RE_AND_PERCENT.exec(text);
      const b2 = and ? parseNumber(and[1]) : null;
      if (and && b2 !== null && b2 > a && b2 <= scale) {
        b = b2;
        end = and.index + and[0].length;
        start -= between[0].length;
      }
    }
    const value = b !== null && b > a ? { min: round(a / scale), max: round(b / scale) } : round(a / scale);
    const span = percentSpan(text, start, end, value, pointsSubject);
    out.push(span);
    // "7.1%, up from 6.8": the compared figure shares the unit.
    if (typeof value === 'number') {
      const el = elidedAfter(text, end);
      if (el && el.n <= scale) out.push({ kind: 'fraction', start: el.start, end: el.end, value: round(el.n / scale), subject: pointsSubject, confidence: 0.6 });
    }
  }

  for (m of matchesAt(RE_CENTS_IN, text, startsWithCue(starts, runEnds, cuePositions(CUE_CENTS_IN, text)))) {
    const a = parseNumber(m[1]);
    const b = m[2] ? parseNumber(m[2]) : null;
    if (a === null || a > 100 || (b !== null && (b > 100 || b <= a))) continue;
    let start = m.index;
    const between = b !== null ? /\bbetween\s+$/i.exec(text.slice(Math.max(0, start - 8), start)) : null;
    if (between) start -= between[0].length;
    const q = qualifierBefore(text, start);
    const span: Span = { kind: 'fraction', start: q.start, end: m.index + m[0].length, value: b !== null ? { min: round4(a / 100), max: round4(b / 100) } : round4(a / 100), confidence: 0.85 };
    if (q.approximate) span.approximate = true;
    if (q.bound) span.bound = q.bound;
    out.push(span);
  }

  RE_DENOM.lastIndex = 0;
  let d: RegExpExecArray | null;
  while ((d = RE_DENOM.exec(text))) {
    const nb = NUMERATOR_BEFORE.exec(text.slice(Math.max(0, d.index - 10), d.index));
    const isHalf = /^half$/i.test(d[1]);
    if (!nb && !isHalf) continue;
    // The fraction starts at its numerator ("one-fifth", "a third") or at a bare "half".
    const startAt = nb ? d.index - (nb[0].length - (/^[^A-Za-z]/.test(nb[0]) ? 1 : 0)) : d.index;
    const whole = text.slice(startAt, d.index + d[0].length);
    let value: number;
    const trailing = /\s+(of|the)$/i.exec(whole);
    // "the first half", "second quarter": ordinals are not shares.
    if (/\b(?:first|second|third|fourth|last|final|next|previous|latter|former)\s+$/i.test(text.slice(Math.max(0, startAt - 12), startAt))) continue;
    // "half a percentage point", "a quarter-point cut": a share of one percentage point.
    const point = POINT_AFTER.exec(text.slice(d.index + d[1].length, d.index + d[1].length + 30));
    if (point && (nb || isHalf)) {
      const num = !nb || /^an?$/i.test(nb[1]) ? 1 : parseNumber(nb[1]);
      const den = DENOMS[d[1].toLowerCase()];
      if (num === null || num >= den) continue;
      const q = qualifierBefore(text, startAt);
      const span: Span = { kind: 'fraction', start: q.start, end: d.index + d[1].length + point[0].length, value: round4(num / den / 100), subject: 'percentage points', confidence: 0.85 };
      if (q.approximate) span.approximate = true;
      if (q.bound) span.bound = q.bound;
      out.push(span);
      continue;
    }
    if (!nb) {
      // bare "half" only as "half of …" / "half the …"
      if (!trailing) continue;
      value = 0.5;
    } else {
      const numRaw = nb[1].toLowerCase();
      const num = numRaw === 'a' || numRaw === 'an' ? 1 : parseNumber(numRaw);
      const den = DENOMS[d[1].toLowerCase()];
      if (num === null || !den || num >= den) continue;
      // "a quarter"/"a half" without "of" is often time ("a quarter past") — require "of".
      if ((numRaw === 'a' || numRaw === 'an') && !trailing) continue;
      value = round4(num / den);
    }
    const coreEnd = startAt + whole.length - (trailing ? trailing[0].length : 0);
    const q = qualifierBefore(text, startAt);
    const span: Span = { kind: 'fraction', start: q.start, end: coreEnd, value, confidence: 0.85 };
    if (q.approximate) span.approximate = true;
    if (q.bound) span.bound = q.bound;
    // "one-fifth of his salary": the share is of something; keep it in the quote.
    const sub = subjectOf(text, coreEnd, false);
    if (sub) {
      span.subject = sub.subject;
      span.end = sub.end;
    }
    out.push(span);
  }

  for (m of matchesAt(RE_ONE_IN, text, startsWithCue(starts, runEnds, cuePositions(CUE_ONE_IN, text)))) {
    const a = parseNumber(m[1]);
    const b = parseNumber(m[2]);
    if (a === null || b === null || b <= a || b > 1000 || (b >= 1500 && b <= 2100)) continue;
    // "won 3 in 10 races"? keep it: it is still a share.
    out.push({ kind: 'fraction', start: m.index, end: m.index + m[0].length, value: round4(a / b), confidence: 0.7 });
  }
  return out;
}
