// Ages ("a 10-year-old", "Four-year-old", "59 years old", "aged 45", "at the
// age of 12", news apposition "Ivanov, 45,") and fractions of a whole
// ("one-fifth of his salary", "two-thirds", "a quarter of", "half of",
// "20 percent", "20%", "one in five"). Ages are whole years; fractions are
// numbers in 0..1 (a percentage above 100 is a change, not a share, and is
// left out).

import type { Span } from './types';
import { NUMBER, matchesAt, numberStarts, parseNumber } from './numbers';
import { qualifierBefore } from './qualifiers';

// Found from the word "old" backwards: scanning for NUMBER at every position is slow.
const RE_OLD = /years?[\s-]+olds?\b/gi;
// "16- to 24-year-olds", "18-24-year-olds", "between 18 and 24 years old": an age range.
const RE_AGE_OLD_BEFORE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:(?:between\\s+)?(${NUMBER})(?:[\\s-]+years?)?-?\\s*(?:-|–|to|and)\\s*)?(${NUMBER})[\\s-]+$`,
  'iu',
);
// "aged 18 to 25" is a range; "ages 34 and 41" two people, two ages.
const RE_AGE_AGED = new RegExp(`\\b(?:aged|age|ages|at\\s+the\\s+age\\s+of)\\s+(${NUMBER})(?:\\s*(?:(-|–|to)|(and|,))\\s*(${NUMBER}))?\\b`, 'gi');
// "He turned 70 in August"
const RE_AGE_TURNED = new RegExp(`\\bturn(?:s|ed|ing)?\\s+(${NUMBER})(?![\\d.,%]|\\s*(?:per|percent|%|million|billion|thousand|points?|degrees?|[a-z]+s\\b))`, 'gi');
// "the median age of those who died was 38", "an average age of 45"
const RE_AGE_STAT = new RegExp(`\\b(?:median|average|mean)\\s+age\\b[^.;!?]{0,60}?\\b(?:was|is|were|of|at|stood\\s+at|reached|rose\\s+to|fell\\s+to)\\s+(${NUMBER})\\b`, 'gi');
// "voters under 30", "people over 65", "children under five": an age bound on a group of people.
// Anchored on the bound word; the group noun before it is checked in code.
const RE_AGE_BOUND = new RegExp(
  `\\b((?:under|over|above|below|younger\\s+than|older\\s+than)\\s+(${NUMBER}))(?![\\d.,]|\\s*(?:%|per|kg|km|pounds|dollars|euros|years?\\s+(?!old)))`,
  'gi',
);
const AGE_GROUP_BEFORE = /\b(?:people|persons|voters|children|adults|those|women|men|residents|patients|kids|youths?|pensioners|workers|drivers|users|girls|boys|teenagers|anyone|everyone)\s+(?:aged\s+)?$/i;
// "Sergei Ivanov, 45, was …" — a capitalised name, a comma, a small number, a comma.
const RE_AGE_APPOSITION = /,\s(?:(now|aged)\s+)?(\d{1,3}),\s/g;
const NOT_NAME = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|In|On|Of|By|And|But|The|Since|From|To|At|For|After|Before|Article|Section|Part|Page|Chapter|Ward|District|No|Room|Flat|Vol)$/;

const DENOMS: Record<string, number> = {
  half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fourth: 4, fourths: 4,
  fifth: 5, fifths: 5, sixth: 6, sixths: 6, seventh: 7, sevenths: 7, eighth: 8, eighths: 8,
  ninth: 9, ninths: 9, tenth: 10, tenths: 10, twentieth: 20, twentieths: 20, hundredth: 100, hundredths: 100,
};
const DENOM = 'halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|twentieths?|hundredths?';
// Anchored on the denominator word; the numerator is read from just before it.
const RE_DENOM = new RegExp(`\\b(${DENOM})\\b(?:\\s+(?:of|the)\\b)?`, 'gi');
const NUMERATOR_BEFORE = /(?:^|[^A-Za-z])(one|two|three|four|five|six|seven|eight|nine|an?)[\s-]+$/i;
// Both sticky: tried only where a number starts (numbers.ts, matchesAt).
const RE_PERCENT = new RegExp(
  `(${NUMBER})(?:\\s*(?:-|–|to)\\s*(${NUMBER}))?\\s*(%|per\\s*cent\\b|percent\\b|pc\\b|percentage\\s+points?\\b)`,
  'iy',
);
const RE_ONE_IN = new RegExp(`(?<![A-Za-z0-9])(${NUMBER})\\s+(?:in|out\\s+of)\\s+(?:every\\s+)?(${NUMBER})\\b`, 'iy');
const SUBJECT_OF = /^\s+(?:(of)\s+)?((?:(?:the|his|her|their|its|our|all|a|an)\s+)?(?:[\p{L}'’-]+\s+){0,2}[\p{L}'’-]+)/u;
const STOP = /\b(?:to|in|on|at|for|from|by|with|and|or|but|was|were|is|are|be|been|has|have|had|will|would|that|which|who|over|under|since|than|as)\b/i;

function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
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

export function findAges(text: string): Span[] {
  const out: Span[] = [];
  let m: RegExpExecArray | null;
  RE_OLD.lastIndex = 0;
  while ((m = RE_OLD.exec(text))) {
    // a range ("16- to 24-year-olds") only when a separator is in reach; else a short window
    const w0 = Math.max(0, m.index - (/(?:[-–]|\bto|\band)\s*\S+[\s-]+$/i.test(text.slice(Math.max(0, m.index - 30), m.index)) ? 60 : 28));
    const b = RE_AGE_OLD_BEFORE.exec(text.slice(w0, m.index));
    if (!b) continue;
    const n = parseNumber(b[2]);
    if (n === null || n > 130 || !Number.isInteger(n)) continue;
    const lo = b[1] !== undefined ? parseNumber(b[1]) : null;
    const isRange = lo !== null && Number.isInteger(lo) && lo < n;
    const lead = /^[^\p{L}\p{N}]/u.test(b[0]) ? 1 : 0;
    const start = isRange ? w0 + b.index + lead : w0 + b.index + b[0].lastIndexOf(b[2]);
    out.push({ kind: 'age', start, end: m.index + m[0].length, value: isRange ? { min: lo, max: n } : n, confidence: 0.95 });
  }
  RE_AGE_AGED.lastIndex = 0;
  while ((m = RE_AGE_AGED.exec(text))) {
    const a = parseNumber(m[1]);
    const b = m[4] ? parseNumber(m[4]) : null;
    if (a === null || a > 130 || !Number.isInteger(a)) continue;
    const firstEnd = m.index + m[0].indexOf(m[1]) + m[1].length;
    if (b !== null && m[2] && b > a && b <= 130) {
      out.push({ kind: 'age', start: m.index, end: m.index + m[0].length, value: { min: a, max: b }, confidence: 0.9 });
      continue;
    }
    out.push({ kind: 'age', start: m.index, end: firstEnd, value: a, confidence: 0.9 });
    if (b !== null && m[3] && Number.isInteger(b) && b <= 130) {
      const bs = m.index + m[0].lastIndexOf(m[4]);
      out.push({ kind: 'age', start: bs, end: bs + m[4].length, value: b, confidence: 0.85 });
    }
  }
  RE_AGE_TURNED.lastIndex = 0;
  while ((m = RE_AGE_TURNED.exec(text))) {
    const n = parseNumber(m[1]);
    if (n === null || n < 1 || n > 130 || !Number.isInteger(n)) continue;
    const st = m.index + m[0].lastIndexOf(m[1]);
    out.push({ kind: 'age', start: st, end: st + m[1].length, value: n, confidence: 0.6 });
  }
  RE_AGE_STAT.lastIndex = 0;
  while ((m = RE_AGE_STAT.exec(text))) {
    const n = parseNumber(m[1]);
    if (n === null || n > 130 || !Number.isInteger(n)) continue;
    const s = m.index + m[0].lastIndexOf(m[1]);
    out.push({ kind: 'age', start: s, end: s + m[1].length, value: n, confidence: 0.8 });
  }
  RE_AGE_BOUND.lastIndex = 0;
  while ((m = RE_AGE_BOUND.exec(text))) {
    if (!AGE_GROUP_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    const n = parseNumber(m[2]);
    if (n === null || n > 130 || !Number.isInteger(n)) continue;
    const start = m.index;
    const bound = /under|below|younger/i.test(m[1]) ? 'at_most' : 'at_least';
    out.push({ kind: 'age', start, end: start + m[1].length, value: n, bound, confidence: 0.7 });
  }
  RE_AGE_APPOSITION.lastIndex = 0;
  while ((m = RE_AGE_APPOSITION.exec(text))) {
    // Checked here rather than with a lookbehind, which is slow on large texts.
    const prev = /(?:^|[^\p{L}])(\p{Lu}[\p{Ll}'’-]+|(?:husband|wife|son|daughter|mother|father|brother|sister|man|woman|boy|girl|partner|colleague|friend|lawyer|teacher|student|driver|victim|suspect|defendant|journalist|activist|blogger))$/u.exec(
      text.slice(Math.max(0, m.index - 30), m.index),
    );
    // "The Portuguese midfielder, 26, has …": any noun after "the/a" + up to two words,
    // when a verb or "who" follows the second comma.
    const described =
      !prev &&
      /\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\p{L}'’-]+\s+){0,2}\p{Ll}[\p{Ll}'’-]+$/u.test(text.slice(Math.max(0, m.index - 50), m.index)) &&
      /^(?:who|has|had|is|was|were|said|says|told|died|became|won|spent|lives|lived|joined|denied|admitted|pleaded|faces|faced|remains)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12));
    // ", now 61," / ", aged 61,": the word says it is an age.
    if (!m[1] && ((!prev && !described) || (prev && NOT_NAME.test(prev[1])))) continue;
    const n = Number(m[2]);
    if (n < 1 || n > 110) continue;
    const s = m.index + m[0].indexOf(m[2], m[1] ? m[0].indexOf(m[1]) + m[1].length : 0);
    out.push({ kind: 'age', start: s, end: s + m[2].length, value: n, confidence: m[1] ? 0.85 : 0.6 });
  }
  return out;
}

export function findFractions(text: string, starts: number[] = numberStarts(text)): Span[] {
  const out: Span[] = [];
  let m: RegExpExecArray | null;

  for (m of matchesAt(RE_PERCENT, text, starts)) {
    const a = parseNumber(m[1]);
    const b = m[2] ? parseNumber(m[2]) : null;
    if (a === null) continue;
    if (a > 100 || (b !== null && b > 100)) continue;
    const points = /points?/i.test(m[3]);
    const value = b !== null && b > a ? { min: round4(a / 100), max: round4(b / 100) } : round4(a / 100);
    const q = qualifierBefore(text, m.index);
    const span: Span = { kind: 'fraction', start: q.start, end: m.index + m[0].length, value, confidence: 0.9 };
    if (q.approximate) span.approximate = true;
    if (q.bound) span.bound = q.bound;
    if (points) span.subject = 'percentage points';
    else {
      const sub = subjectOf(text, span.end, true);
      if (sub) span.subject = sub.subject;
    }
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

  for (m of matchesAt(RE_ONE_IN, text, starts)) {
    const a = parseNumber(m[1]);
    const b = parseNumber(m[2]);
    if (a === null || b === null || b <= a || b > 1000 || (b >= 1500 && b <= 2100)) continue;
    // "won 3 in 10 races"? keep it: it is still a share.
    out.push({ kind: 'fraction', start: m.index, end: m.index + m[0].length, value: round4(a / b), confidence: 0.7 });
  }
  return out;
}
