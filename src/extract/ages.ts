// Ages: "a 10-year-old", "Four-year-old", "59 years old", "aged 45", "at the
// age of 12", news apposition "Ivanov, 45,", age bounds on groups ("voters
// under 30") and decades of life ("in their 80s"). Whole years, or {min, max}.

import type { Span } from './types';
import { NUMBER, parseNumber } from './numbers';

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
const AGE_GROUP_BEFORE = /\b(?:people|persons?|voters|child|children|minors?|adults|those|women|men|residents|patients|kids?|youths?|juveniles?|pensioners|workers|drivers|users|girls?|boys?|teenagers?|students?|pupils?|individuals?|anyone|everyone|no\s+one|nobody)\s+(?:aged\s+)?$/i;
// "aged 65 and over", "aged 18 or under": an open-ended age group.
const AGE_OPEN_AFTER = /^\s+(?:and|or)\s+(over|older|above|up(?:wards)?|under|younger|below)\b/i;
// "some as young as 14", "patients as old as 90": the youngest or oldest of a group.
// Both begin with a literal word, not "\b" (a leading "\b" is tried at every position);
// the word boundary before them is checked in code.
const RE_AGE_AS = new RegExp(`as\\s+(young|old)\\s+as\\s+(${NUMBER})(?!\\d|[.,]\\d|\\s*(?:%|million|billion|thousand|centuries|decades|years?\\s+(?!old)))`, 'gi');
// "both in their 80s", "in her early forties", "in his teens": a decade of life.
const RE_AGE_DECADE = /in\s+(?:his|her|their)\s+(?:(early|mid|late)[\s-]+)?(teens|[1-9]0['’]?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/gi;
const DECADE_WORDS: Record<string, number> = { twenties: 20, thirties: 30, forties: 40, fifties: 50, sixties: 60, seventies: 70, eighties: 80, nineties: 90 };
// "Sergei Ivanov, 45, was …" — a capitalised name, a comma, a small number, a comma.
// At the end of a sentence ("said the director, Eleni Markou, 52.") only after a name.
const RE_AGE_APPOSITION = /,\s(?:(now|aged)\s+)?(\d{1,3})(?:,\s|(\.)(?=\s|$))/g;
const NOT_NAME = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|In|On|Of|By|And|But|The|Since|From|To|At|For|After|Before|Article|Section|Part|Page|Chapter|Ward|District|No|Room|Flat|Vol)$/;
// The last word of an institution's name, not a person's: "Human Rights Watch, 45." is no age.
const INSTITUTION = /^(?:Watch|International|Office|Court|Ministry|Bank|Group|Council|Committee|Association|Union|Agency|Department|Commission|Party|Police|Service|Services|Institute|Foundation|Fund|Organisation|Organization|Authority|Board|Bureau|Centre|Center|Company|Corporation|Limited|Ltd|Inc|Network|Coalition|Federation|Assembly|Parliament|Government|Times|News|Post|Press|Nations)$/;

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
    const open = b === null ? AGE_OPEN_AFTER.exec(text.slice(firstEnd, firstEnd + 24)) : null;
    if (open) {
      const bound = /^(?:under|younger|below)$/i.test(open[1]) ? 'at_most' : 'at_least';
      out.push({ kind: 'age', start: m.index, end: firstEnd + open[0].length, value: a, bound, confidence: 0.9 });
      continue;
    }
    out.push({ kind: 'age', start: m.index, end: firstEnd, value: a, confidence: 0.9 });
    if (b !== null && m[3] && Number.isInteger(b) && b <= 130) {
      const bs = m.index + m[0].lastIndexOf(m[4]);
      out.push({ kind: 'age', start: bs, end: bs + m[4].length, value: b, confidence: 0.85 });
    }
  }
  RE_AGE_AS.lastIndex = 0;
  while ((m = RE_AGE_AS.exec(text))) {
    if (m.index > 0 && /[A-Za-z]/.test(text[m.index - 1])) continue;
    const n = parseNumber(m[2]);
    if (n === null || n < 1 || n > 130 || !Number.isInteger(n)) continue;
    out.push({ kind: 'age', start: m.index, end: m.index + m[0].length, value: n, bound: /young/i.test(m[1]) ? 'at_least' : 'at_most', confidence: 0.75 });
  }
  RE_AGE_DECADE.lastIndex = 0;
  while ((m = RE_AGE_DECADE.exec(text))) {
    if (m.index > 0 && /[A-Za-z]/.test(text[m.index - 1])) continue;
    const w = m[2].toLowerCase();
    const [lo, hi] = w === 'teens' ? [13, 19] : [DECADE_WORDS[w] ?? parseInt(w, 10), (DECADE_WORDS[w] ?? parseInt(w, 10)) + 9];
    // early / mid / late: the first, middle or last few years of the decade
    const part = m[1]?.toLowerCase();
    const value = part === 'early' ? { min: lo, max: lo + 3 } : part === 'mid' ? { min: lo + 3, max: lo + 6 } : part === 'late' ? { min: hi - 3, max: hi } : { min: lo, max: hi };
    out.push({ kind: 'age', start: m.index, end: m.index + m[0].length, value, confidence: 0.8 });
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
    if (!m[1] && ((!prev && !described) || (prev && (NOT_NAME.test(prev[1]) || INSTITUTION.test(prev[1]))))) continue;
    // At a sentence end only after a full name ("Eleni Markou, 52."), not any capitalised word.
    if (m[3] && !m[1] && !/\p{Lu}[\p{Ll}'’-]+\s+\p{Lu}[\p{Ll}'’-]+$/u.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    const n = Number(m[2]);
    if (n < 1 || n > 110) continue;
    const s = m.index + m[0].indexOf(m[2], m[1] ? m[0].indexOf(m[1]) + m[1].length : 0);
    out.push({ kind: 'age', start: s, end: s + m[2].length, value: n, confidence: m[1] ? 0.85 : 0.6 });
  }
  return out;
}

