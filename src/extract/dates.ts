// Dates: full dates, month-day, month-year, bare months, years, year ranges,
// decades, seasons, weekdays, relative expressions ("last November",
// "earlier this year", "a month ago", "15 years ago") — all resolved to a
// partial ISO 8601 date against publishedAt and the tense of the clause.
//
// Resolution rules (the reason this module needs context at all):
//  - a month (and day) without a year, in a past-tense clause, is the most
//    recent such date on or before publication; in a future/planned clause
//    ("will", "preparing to", "scheduled") it is the next one on or after it;
//  - "last/next/this <month|season|year|week>" are fixed offsets from
//    publication and ignore tense;
//  - "N units ago" subtracts from publication and keeps the unit's precision.
// Without publishedAt, relative dates and months without a year cannot be
// resolved to a partial ISO date and are left out.

import type { RefDate, Span } from './types';
import { NUMBER, WORD_NUMBER, parseNumber } from './numbers';
import { tenseAt } from './context';
import { keepLongest } from './spans';
import { qualifierBefore } from './qualifiers';

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};
// Month a season is anchored on when resolving "last summer" etc.
const SEASON_MONTH: Record<string, number> = { spring: 4, summer: 7, autumn: 10, fall: 10, winter: 1 };

const MONTH_FULL = 'January|February|March|April|May|June|July|August|September|October|November|December';
const MONTH_ABBR = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
// Month names are capitalised in English; matching case-sensitively keeps
// "may" (the verb) and "march" (the walk) out.
const MONTH = `(?:(?:${MONTH_FULL})\\b|(?:${MONTH_ABBR})\\b\\.?)`;
// A month name written in full (compiled once, not per month found).
const RE_MONTH_FULL = new RegExp(`^(?:${MONTH_FULL})$`);
const DAY = '(?:3[01]|[12]\\d|0?[1-9])';
const ORD = '(?:st|nd|rd|th)?';
const YEAR = '(?:1[5-9]\\d\\d|20\\d\\d)';
const WEEKDAY = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';

// A day number must not be the start of a count ("In May 15 people died").
const NOT_DAY_AFTER = /^\s+(?:people|persons|men|women|children|percent|per\s+cent|%|million|billion|thousand|hundred|of\s+(?:the|them|us|these|those)|years?|months?|weeks?|days?|hours?|(?!(?:was|has|is|does|says|seems|remains|marks|follows|sees|comes|goes)\b)[a-z]{2,}s\b(?!['’]))/;

const RE_ISO = /\b(1[5-9]\d\d|20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/g;
// d/m/yyyy or m/d/yyyy (only when one part cannot be a month), and d.m.yyyy (the dotted form is day-first wherever it is used).
const RE_SLASH = /(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2((?:1[5-9]|20)\d\d)(?![\d/]|\.\d)/g;
// "22 August 2017", "the 22nd of August", and day ranges "15-16 November".
// (Digit-led: a leading optional group would be tried at every position of the text.)
const RE_DMY = new RegExp(`\\b(${DAY})${ORD}(?:\\s*(?:-|–|to|and)\\s*(${DAY})${ORD})?\\s+(?:of\\s+)?(${MONTH})(?:,?\\s+(${YEAR})(?!\\d))?`, 'g');
const RE_MDY = new RegExp(`\\b(${MONTH})(?:\\s+(?:the\\s+)?(${DAY})${ORD}(?![\\d:]|\\.\\d))?(?:,?\\s+(?:of\\s+)?(${YEAR})(?!\\d))?`, 'g');
const RE_YEAR_RANGE = new RegExp(`(?<![\\d.,$€£¥₽-])\\b(${YEAR})\\s*(?:[-–/]|\\bto\\b)\\s*(${YEAR}|\\d\\d)(?![\\d])`, 'g');
const RE_YEAR = new RegExp(`(?<![\\d.,$€£¥₽])\\b(${YEAR})(?![\\d]|[.,]\\d|['’]?s\\b|\\s*(?:%|per\\s*cent|percent))`, 'g');
// These patterns start with their mandatory word; optional words before it
// ("the early 1990s", "earlier this year", "last Tuesday") are read from the
// text just before the match. A leading optional group makes the engine try
// it at every position of the text, which is slow on long articles.
const RE_DECADE = /(?<![\d.,])(1[5-9]\d0|20\d0)['’]?s\b/g;
const DECADE_PREFIX = /(?:^|[^A-Za-z])((?:the\s+)?(?:(early|mid|late)[\s-]+)?)$/i;
const RE_REL = /\b(this|last|next)\s+(past\s+)?(year|month|week|weekend|spring|summer|autumn|fall|winter)\b/gi;
const REL_PREFIX = /(?:^|[^A-Za-z])((?:earlier|later|early|late|(?:the\s+)?(?:end|start|beginning|middle)\s+of)\s+)$/i;
const RE_SEASON_YEAR = new RegExp(`\\b(spring|summer|autumn|fall|winter)\\s+(?:of\\s+)?(${YEAR})(?!\\d)`, 'gi');
// "the end of the year", "since the start of the month": the publication's own year or month.
const RE_PART_OF_THIS = /\b(?:end|start|beginning|middle|turn)\s+of\s+the\s+(year|month)\b/gi;
// "in the autumn", "over the summer": a season without this/last/next, resolved by tense like a month.
// Found from "the <season>" (a leading word alternation is tried at every position); the
// preposition before it is checked in code.
const RE_THE_SEASON = /the\s+(spring|summer|autumn|fall|winter)\b(?!\s+(?:of|months?|term|season|break|holidays?|olympics|games)\b)/gi;
const SEASON_PREP_BEFORE = /(?:^|[^A-Za-z])(?:in|during|by|over|until|through)\s+$/i;
const RE_DAYWORD = /\b(yesterday|tomorrow)\b/gi;
const RE_WEEKDAY = new RegExp(`\\b(${WEEKDAY})(?![s\\w])`, 'g');
// "N units ago" is found from the word "ago" backwards (cheaper than trying a
// number pattern at every position of the text).
const RE_AGO_WORD = /\bago\b/gi;
const RE_AGO_BEFORE = new RegExp(
  `(?:^|[^A-Za-z0-9])(${NUMBER}(?:\\s+and\\s+a\\s+half)?|an?(?:\\s+${WORD_NUMBER})?|half\\s+an?)[\\s-]+(years?|months?|weeks?|days?|decades?|centur(?:y|ies))(\\s+and\\s+a\\s+half)?\\s+$`,
  'i',
);

// Words before a month/year that make it a date even when it could be a word
// ("in May", "since March") and that, before a 4-digit number, make it a year.
const DATE_CUE_BEFORE = /(?:^|[^\p{L}])(?:in|on|of|since|by|from|until|till|to|through|between|and|during|before|after|the|early|mid|late|last|this|next|back|as\s+of|starting|beginning|ending|end|start|summer|winter|spring|autumn|fall|year|month|fiscal|financial|FY|in\s+early|in\s+late)[\s-]*$/iu;
// Extension of a date's quote over words that change what it says.
const PREFIX = /(?:^|[^\p{L}])((?:since|back\s+in|as\s+early\s+as|as\s+late\s+as|(?:the\s+)?(?:end|beginning|start|middle)\s+of|early|mid|late)[\s-]+)$/iu;
const PREFIX_REL = /(?:^|[^\p{L}])((last|this|next)\s+)$/iu;
const POST_YEAR_REL = /^,?\s+(?:of\s+)?(last|this|next)\s+year\b/i;
const BORROW_YEAR = new RegExp(
  `^\\s*(?:[-–]|to|and|until|till|through)\\s+(?:${DAY}${ORD}\\s+)?(?:(?:${MONTH_FULL}|${MONTH_ABBR})\\.?\\s*)?(?:${DAY}${ORD})?,?\\s*(${YEAR})(?!\\d)`,
);

export function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function isoDate(y: number, m?: number, d?: number): string {
  const ys = String(y).padStart(4, '0');
  if (m === undefined) return ys;
  if (d === undefined) return `${ys}-${pad(m)}`;
  return `${ys}-${pad(m)}-${pad(d)}`;
}

export function parseRef(publishedAt?: string): RefDate | null {
  if (!publishedAt) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(publishedAt.trim());
  if (!m) return null;
  const ref: RefDate = { y: Number(m[1]) };
  if (m[2]) ref.m = Number(m[2]);
  if (m[3]) ref.d = Number(m[3]);
  if (ref.m !== undefined && (ref.m < 1 || ref.m > 12)) return { y: ref.y };
  return ref;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Year of a month (and day) written without one. */
function resolveYear(ref: RefDate, month: number, day: number | undefined, mode: 'past' | 'future' | 'last' | 'next' | 'this'): number {
  if (mode === 'this' || ref.m === undefined) {
    if (ref.m === undefined && mode === 'last') return ref.y - 1;
    if (ref.m === undefined && mode === 'next') return ref.y + 1;
    return ref.y;
  }
  if (mode === 'last') return month < ref.m ? ref.y : ref.y - 1;
  if (mode === 'next') return month > ref.m ? ref.y : ref.y + 1;
  if (mode === 'past') {
    if (month < ref.m) return ref.y;
    if (month > ref.m) return ref.y - 1;
    return day !== undefined && ref.d !== undefined && day > ref.d ? ref.y - 1 : ref.y;
  }
  if (month > ref.m) return ref.y;
  if (month < ref.m) return ref.y + 1;
  return day !== undefined && ref.d !== undefined && day < ref.d ? ref.y + 1 : ref.y;
}

function shiftMonths(y: number, m: number, delta: number): [number, number] {
  const idx = y * 12 + (m - 1) + delta;
  return [Math.floor(idx / 12), (idx % 12) + 1];
}

function shiftDays(y: number, m: number, d: number, delta: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d) + delta * 86400000);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

interface Found {
  start: number;
  end: number;
  value: unknown;
  hidden?: boolean;
  approximate?: boolean;
  bound?: 'at_least' | 'at_most';
  confidence?: number;
}

function monthNum(raw: string): number {
  return MONTHS[raw.replace(/\.$/, '').toLowerCase()];
}

export function findDates(text: string, ref: RefDate | null): Span[] {
  const found: Found[] = [];
  const push = (f: Found) => found.push(f);

  const modeFor = (s: number, e: number, rel?: string): 'past' | 'future' | 'last' | 'next' | 'this' => {
    if (rel) {
      const r = rel.toLowerCase().replace(/\s+/g, ' ');
      return r === 'last' || r === 'this past' ? 'last' : r === 'next' ? 'next' : 'this';
    }
    return tenseAt(text, s, e) === 'future' ? 'future' : 'past';
  };

  // Extend over "since", "mid-", "early", "Back in"; report last/this/next.
  // Both prefix patterns end in whitespace (PREFIX also in '-'): they are run
  // only when the character before the date is one of those.
  const extend = (s: number): { s: number; rel?: string } => {
    let start = s;
    let rel: string | undefined;
    if (start > 0 && /\s/.test(text[start - 1])) {
      const w1 = text.slice(Math.max(0, start - 24), start);
      const r = PREFIX_REL.exec(w1);
      if (r) {
        rel = r[2];
        start -= r[1].length;
      }
    }
    if (start > 0 && (text[start - 1] === '-' || /\s/.test(text[start - 1]))) {
      const w2 = text.slice(Math.max(0, start - 24), start);
      const p = PREFIX.exec(w2);
      if (p) start -= p[1].length;
    }
    return { s: start, rel };
  };

  let m: RegExpExecArray | null;

  RE_ISO.lastIndex = 0;
  while ((m = RE_ISO.exec(text))) {
    push({ start: m.index, end: m.index + m[0].length, value: `${m[1]}-${m[2]}-${m[3]}`, confidence: 0.95 });
  }

  // d/m/yyyy or m/d/yyyy only when one part cannot be a month.
  RE_SLASH.lastIndex = 0;
  while ((m = RE_SLASH.exec(text))) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = Number(m[4]);
    let mo: number;
    let d: number;
    if (m[2] === '.') [d, mo] = [a, b];
    else if (a > 12 && b <= 12) [d, mo] = [a, b];
    else if (b > 12 && a <= 12) [mo, d] = [a, b];
    else continue;
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) continue;
    push({ start: m.index, end: m.index + m[0].length, value: isoDate(y, mo, d), confidence: 0.8 });
  }

  const monthDate = (s: number, e: number, monthRaw: string, dayRaw: string | undefined, yearRaw: string | undefined) => {
    const mo = monthNum(monthRaw);
    if (!mo) return;
    let day = dayRaw ? Number(dayRaw) : undefined;
    let end = e;
    const isAbbr = !RE_MONTH_FULL.test(monthRaw.replace(/\.$/, ''));
    if (day !== undefined && NOT_DAY_AFTER.test(text.slice(end, end + 20)) && !yearRaw) {
      // "May 15 people": the number belongs to what follows, not to the month.
      end = s + text.slice(s, e).search(/\s+(?:the\s+)?\d/);
      day = undefined;
    }
    if (!day && !yearRaw) {
      if (isAbbr) return; // "Jan" alone is more often a name than a month
      const before = text.slice(Math.max(0, s - 24), s);
      const cue = DATE_CUE_BEFORE.test(before);
      const name = monthRaw === 'May' || monthRaw === 'March' || monthRaw === 'April' || monthRaw === 'June' || monthRaw === 'August';
      if (name && !cue) {
        // "May" the verb at a sentence start, "April Ryan", "June Carter".
        return;
      }
      // "the March on Washington": after "the", a month is a date only before a noun ("the March elections").
      if (/(?:^|[^\p{L}])the\s+$/iu.test(before) && !/^\s+(?!(?:on|to|of|for|against|in|at|by|with|and|or|was|is)\b)[a-z]/.test(text.slice(end, end + 16))) return;
      if (!cue && /^\s+[A-Z][a-z]/.test(text.slice(end, end + 3)) && !/^\s+(?:and|to)\b/.test(text.slice(end, end + 5))) return;
    }
    if (day !== undefined && (day < 1 || day > 31)) return;
    const ext = extend(s);
    let year: number | undefined = yearRaw ? Number(yearRaw) : undefined;
    let rel = ext.rel;
    if (year === undefined) {
      const post = POST_YEAR_REL.exec(text.slice(end, end + 24));
      if (post) {
        end += post[0].length;
        const w = post[1].toLowerCase();
        if (ref) year = w === 'last' ? ref.y - 1 : w === 'next' ? ref.y + 1 : ref.y;
        rel = undefined;
      }
    }
    if (year === undefined) {
      const b = BORROW_YEAR.exec(text.slice(end, end + 40));
      if (b) year = Number(b[1]);
    }
    let value: string;
    let confidence = 0.9;
    if (year !== undefined) {
      value = isoDate(year, mo, day);
    } else if (ref) {
      year = resolveYear(ref, mo, day, modeFor(s, end, rel));
      value = isoDate(year, mo, day);
      confidence = ref.m === undefined ? 0.6 : 0.85;
    } else {
      // No year in the text and no publishedAt to resolve one: the value
      // cannot be a partial ISO date, so there is no candidate — but the span
      // stays taken, so its day is not read as a count.
      push({ start: ext.s, end, value: null, hidden: true });
      return;
    }
    if (day !== undefined && year !== undefined && day > daysInMonth(year, mo)) return;
    push({ start: ext.s, end, value, confidence });
  };

  RE_DMY.lastIndex = 0;
  while ((m = RE_DMY.exec(text))) {
    const before = found.length;
    monthDate(m.index, m.index + m[0].length, m[3], m[2] ?? m[1], m[4]);
    // A day range: the same month and year for both ends.
    const first = m[2] !== undefined ? Number(m[1]) : undefined;
    const last = found[found.length - 1];
    if (first !== undefined && found.length > before && typeof last.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(last.value)) {
      const day = Number(last.value.slice(8));
      if (first < day) last.value = { min: `${last.value.slice(0, 8)}${pad(first)}`, max: last.value };
    }
  }
  RE_MDY.lastIndex = 0;
  while ((m = RE_MDY.exec(text))) {
    monthDate(m.index, m.index + m[0].length, m[1], m[2], m[3]);
  }

  RE_YEAR_RANGE.lastIndex = 0;
  while ((m = RE_YEAR_RANGE.exec(text))) {
    const a = Number(m[1]);
    let b = Number(m[2]);
    if (m[2].length === 2) b = Math.floor(a / 100) * 100 + b;
    if (b <= a || b - a > 60) continue;
    const ext = extend(m.index);
    push({ start: ext.s, end: m.index + m[0].length, value: { min: String(a), max: String(b) }, confidence: 0.8 });
  }

  RE_YEAR.lastIndex = 0;
  while ((m = RE_YEAR.exec(text))) {
    const s = m.index;
    const e = s + m[0].length;
    const before = text.slice(Math.max(0, s - 24), s);
    const after = text.slice(e, e + 24);
    const cue = DATE_CUE_BEFORE.test(before);
    // "2000 people", "1500 km": a quantity, not a year — unless a date word precedes it.
    if (!cue && /^\s*(?:[a-z]{3,}s\b(?!['’])|people|men|women|children|police|staff|km|kg|m|ha|tons?|tonnes?|votes?|more|other|new|of\s+(?:the|them|whom|which))/.test(after)) continue;
    if (/^[\s-]*(?:years?|months?|weeks?|days?|hours?)\b/i.test(after)) continue;
    // "a 2000-strong crowd", "a 1500-page report": a quantity in a compound adjective.
    if (!cue && /^-[a-z]/.test(after)) continue;
    // "a 2019 Bentley", "a 1967 Mustang": a model year.
    if (/\ban?\s+$/.test(before) && /^\s+[A-Z]/.test(after)) continue;
    // "Vision 2030", "Euro 2024", "Windows 2000": a year that is part of a name.
    const nameBefore = /(?:^|[^A-Za-z.!?]\s*)\b([A-Z][A-Za-z]+)\s+$/.exec(before);
    if (!cue && nameBefore && !/^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|In|On|Since|By|From|Until|During|Before|After|Of|The|Early|Late|Mid|Summer|Winter|Spring|Autumn|Fall|And|Or|To|Through|Between|FY|Fiscal|Year)$/.test(nameBefore[1]) &&
      /[a-z,;)]\s+[A-Z][A-Za-z]+\s+$/.test(before)) continue;
    const ext = extend(s);
    push({ start: ext.s, end: e, value: m[1], confidence: cue ? 0.9 : 0.7 });
  }

  RE_DECADE.lastIndex = 0;
  while ((m = RE_DECADE.exec(text))) {
    const a = Number(m[1]);
    const p = DECADE_PREFIX.exec(text.slice(Math.max(0, m.index - 16), m.index));
    const pre = p ? p[1].length : 0;
    push({
      start: m.index - pre,
      end: m.index + m[0].length,
      value: { min: String(a), max: String(a + 9) },
      approximate: p?.[2] ? true : undefined,
      confidence: 0.8,
    });
  }

  RE_SEASON_YEAR.lastIndex = 0;
  while ((m = RE_SEASON_YEAR.exec(text))) {
    const ext = extend(m.index);
    push({ start: ext.s, end: m.index + m[0].length, value: m[2], confidence: 0.85 });
  }

  if (ref) {
    RE_REL.lastIndex = 0;
    while ((m = RE_REL.exec(text))) {
      // "for the last year" is a span of time, not a date.
      if (/\bthe\s+$/i.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
      const rel = (m[1] + (m[2] ? ' past' : '')).toLowerCase();
      const unit = m[3].toLowerCase();
      const delta = rel === 'last' ? -1 : rel === 'next' ? 1 : 0;
      const thisPast = rel === 'this past';
      let value: string | undefined;
      let approximate: boolean | undefined;
      if (unit === 'year') value = isoDate(ref.y + delta);
      else if (unit === 'month') {
        if (ref.m === undefined) value = isoDate(ref.y);
        else {
          const [y, mo] = shiftMonths(ref.y, ref.m, delta);
          value = isoDate(y, mo);
        }
      } else if (unit === 'week' || unit === 'weekend') {
        approximate = true;
        if (ref.m === undefined) value = isoDate(ref.y);
        else if (ref.d === undefined) value = isoDate(ref.y, ref.m);
        else {
          const [y, mo] = shiftDays(ref.y, ref.m, ref.d, 7 * delta);
          value = isoDate(y, mo);
        }
      } else {
        const sm = SEASON_MONTH[unit];
        const mode = thisPast ? 'last' : delta < 0 ? 'last' : delta > 0 ? 'next' : 'this';
        value = isoDate(resolveYear(ref, sm, undefined, mode));
      }
      const rp = REL_PREFIX.exec(text.slice(Math.max(0, m.index - 24), m.index));
      const ext = extend(m.index - (rp ? rp[1].length : 0));
      push({ start: ext.s, end: m.index + m[0].length, value, approximate, confidence: 0.85 });
    }

    RE_PART_OF_THIS.lastIndex = 0;
    while ((m = RE_PART_OF_THIS.exec(text))) {
      const year = m[1].toLowerCase() === 'year';
      if (!year && ref.m === undefined) continue;
      const s0 = /\bthe\s+$/i.test(text.slice(Math.max(0, m.index - 4), m.index)) ? m.index - 4 : m.index;
      push({ start: s0, end: m.index + m[0].length, value: year ? isoDate(ref.y) : isoDate(ref.y, ref.m), confidence: 0.6 });
    }

    RE_THE_SEASON.lastIndex = 0;
    while ((m = RE_THE_SEASON.exec(text))) {
      if (!SEASON_PREP_BEFORE.test(text.slice(Math.max(0, m.index - 10), m.index))) continue;
      const s = m.index;
      const e = m.index + m[0].length;
      const sm = SEASON_MONTH[m[1].toLowerCase()];
      const y = resolveYear(ref, sm, undefined, modeFor(s, e));
      push({ start: s, end: e, value: isoDate(y), confidence: 0.6 });
    }

    RE_DAYWORD.lastIndex = 0;
    while ((m = RE_DAYWORD.exec(text))) {
      const delta = m[1].toLowerCase() === 'yesterday' ? -1 : 1;
      let value: string;
      let approximate: boolean | undefined;
      if (ref.m !== undefined && ref.d !== undefined) {
        const [y, mo, d] = shiftDays(ref.y, ref.m, ref.d, delta);
        value = isoDate(y, mo, d);
      } else {
        value = isoDate(ref.y, ref.m);
        approximate = true;
      }
      push({ start: m.index, end: m.index + m[0].length, value, approximate, confidence: 0.6 });
    }

    RE_WEEKDAY.lastIndex = 0;
    while ((m = RE_WEEKDAY.exec(text))) {
      const s = m.index;
      const e = s + m[0].length;
      // "Monday, August 21" is taken whole by the month rules.
      if (/^,?\s+(?:the\s+)?(?:\d|January|February|March|April|May|June|July|August|September|October|November|December)/.test(text.slice(e, e + 12))) continue;
      const wd = WEEKDAYS[m[1].toLowerCase()];
      const relm = /(?:^|[^A-Za-z])((last|this|next|this\s+past)\s+)$/i.exec(text.slice(Math.max(0, s - 16), s));
      const relWord = relm?.[2];
      const qStart = relm ? s - relm[1].length : s;
      let value: string;
      let approximate: boolean | undefined;
      if (ref.m !== undefined && ref.d !== undefined) {
        const rel = relWord?.toLowerCase().replace(/\s+/g, ' ');
        const pubWd = new Date(Date.UTC(ref.y, ref.m - 1, ref.d)).getUTCDay();
        const mode = rel === 'last' || rel === 'this past' ? 'last' : rel === 'next' ? 'next' : tenseAt(text, s, e, true) === 'future' ? 'future' : 'past';
        let delta: number;
        if (mode === 'past') delta = -((pubWd - wd + 7) % 7);
        else if (mode === 'last') delta = -((pubWd - wd + 7) % 7 || 7);
        else if (mode === 'future') delta = (wd - pubWd + 7) % 7;
        else delta = (wd - pubWd + 7) % 7 || 7;
        const [y, mo, d] = shiftDays(ref.y, ref.m, ref.d, delta);
        value = isoDate(y, mo, d);
      } else {
        value = isoDate(ref.y, ref.m);
        approximate = true;
      }
      push({ start: qStart, end: e, value, approximate, confidence: 0.6 });
    }

    RE_AGO_WORD.lastIndex = 0;
    while ((m = RE_AGO_WORD.exec(text))) {
      const agoEnd = m.index + m[0].length;
      const w0 = Math.max(0, m.index - 80);
      const b = RE_AGO_BEFORE.exec(text.slice(w0, m.index));
      if (!b) continue;
      const matchStart = w0 + b.index + (/^[^A-Za-z0-9]/.test(b[0]) ? 1 : 0);
      const whole = text.slice(matchStart, agoEnd);
      const numRaw = b[1].toLowerCase();
      let n: number | null;
      if (/^an?$/.test(numRaw)) n = 1;
      else if (/^half\s+an?$/.test(numRaw)) n = 0.5;
      else n = parseNumber(numRaw.replace(/\s+and\s+a\s+half$/, '').replace(/^an?\s+(?=\D)/, ''));
      if (n === null) continue;
      if (/and\s+a\s+half/i.test(whole)) n += 0.5;
      const unit = b[2].toLowerCase().replace(/s$/, '').replace(/ie$/, 'y');
      let value: string;
      if (unit === 'year' || unit === 'decade' || unit === 'century') {
        const years = n * (unit === 'decade' ? 10 : unit === 'century' ? 100 : 1);
        if (Number.isInteger(years) || ref.m === undefined) value = isoDate(ref.y - Math.round(years));
        else {
          const [y, mo] = shiftMonths(ref.y, ref.m, -Math.round(years * 12));
          value = isoDate(y, mo);
        }
      } else if (unit === 'month') {
        if (ref.m === undefined) value = isoDate(ref.y);
        else {
          const [y, mo] = shiftMonths(ref.y, ref.m, -Math.round(n));
          value = isoDate(y, mo);
        }
      } else {
        const days = Math.round(n * (unit === 'week' ? 7 : 1));
        if (ref.m === undefined) value = isoDate(ref.y);
        else if (ref.d === undefined) {
          // No publication day: count back from mid-month, keep month precision.
          const [y, mo] = shiftDays(ref.y, ref.m, 15, -days);
          value = isoDate(y, mo);
        } else {
          const [y, mo, d] = shiftDays(ref.y, ref.m, ref.d, -days);
          value = isoDate(y, mo, d);
        }
      }
      const q = qualifierBefore(text, matchStart);
      push({
        start: q.start,
        end: agoEnd,
        value,
        approximate: q.approximate || q.bound ? true : undefined,
        confidence: 0.85,
      });
    }
  }

  // Within the family, keep the longest of overlapping matches.
  const kept = keepLongest(found, text.length);
  return kept.map((f) => {
    const span: Span = { kind: 'date', start: f.start, end: f.end, value: f.value };
    if (f.hidden) span.hidden = true;
    if (f.approximate) span.approximate = true;
    if (f.bound) span.bound = f.bound;
    if (f.confidence !== undefined) span.confidence = f.confidence;
    return span;
  });
}
