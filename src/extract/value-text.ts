// A claim's value as a person types it ("12 years", "about 80,000 somoni", "last November")
// read by the extractor's own family parsers: one code path for the article's text and for
// the value field, so "80,000 somoni" means the same thing in both. The machine form
// (`P12Y`, `2017-08-22`, `{"amount":80000,"currency":"TJS"}`) is still accepted as typed.
//
// How: the typed text is set in a short neutral frame when a family needs a cue word that a
// person would leave out ("sentenced to" before "life", "aged" before "18 to 25", "people"
// after "two hundred"), the family's finder runs over it, and the answer is the span that
// covers every typed character. Anything left over means the text says more than one value,
// and is refused rather than half-read.

import { VALUE_SCHEMAS } from '../domain/claim-values';
import { VALUE_EXPECTATIONS } from '../domain/value-format';
import type { Bound, ClaimKind } from '../domain/vocabulary';
import { findAges } from './ages';
import { findCounts } from './counts';
import { findDates, parseRef } from './dates';
import { findDurations } from './durations';
import { findFractions } from './fractions';
import { findMoney } from './money';
import type { RefDate, Span } from './types';

export { VALUE_EXPECTATIONS };

export interface ParseValueOptions {
  /** The article's publication date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`): what "last November" counts back from. */
  publishedAt?: string | null;
}

export type ParsedValueText =
  | {
      ok: true;
      /** The machine value, valid for the kind (src/domain/claim-values.ts). */
      value: unknown;
      /** "about", "some", "nearly" were written. */
      approximate?: true;
      /** "more than" / "at least" → at_least; "up to" / "under" → at_most. */
      bound?: Bound;
      /** What the typed text says is counted or paid ("about 10,000 prisoners" → prisoners). */
      subject?: string;
      /** `machine`: typed in the stored form; `words`: read by the extractor's parsers. */
      form: 'machine' | 'words';
    }
  | {
      ok: false;
      /** What was expected, in words, with examples: shown beside the field. */
      message: string;
    };

const KIND_NOUNS: Record<ClaimKind, string> = {
  sentence: 'a prison term',
  money: 'an amount of money',
  count: 'a count',
  date: 'a date',
  duration: 'a span of time',
  age: 'an age',
  fraction: 'a share',
};

type Finder = (text: string, ref: RefDate | null) => Span[];

/** Which family reads each kind, which span kinds it may answer with, and the frames to try in turn. */
const READERS: Record<ClaimKind, { find: Finder; kinds: ClaimKind[]; frames: [string, string][] }> = {
  // A prison term and any other span share one grammar; the value is the same ISO duration.
  sentence: { find: (t) => findDurations(t), kinds: ['sentence', 'duration'], frames: [['', ''], ['sentenced to ', '']] },
  duration: { find: (t) => findDurations(t), kinds: ['duration', 'sentence'], frames: [['', ''], ['for ', '']] },
  money: { find: (t) => findMoney(t), kinds: ['money'], frames: [['', '']] },
  // Numbers in words need the noun they count ("two hundred people"); vague plurals need "of".
  count: { find: (t) => findCounts(t), kinds: ['count'], frames: [['', ''], ['', ' people'], ['', ' of people']] },
  // "May" and "March" are dates only after a date word.
  date: { find: (t, ref) => findDates(t, ref), kinds: ['date'], frames: [['', ''], ['in ', '']] },
  age: { find: (t) => findAges(t), kinds: ['age'], frames: [['', ''], ['aged ', ''], ['', ' old'], ['', ' years old']] },
  fraction: { find: (t) => findFractions(t), kinds: ['fraction'], frames: [['', ''], ['', ' of them']] },
};

const NUMERIC_KINDS = new Set<ClaimKind>(['count', 'age', 'fraction']);

/** The stored form, typed: `P12Y`, `2017-08-22`, `P12Y/P15Y`, `0.2`, JSON. Null when it is not one. */
function machineForm(kind: ClaimKind, text: string): { value: unknown } | { invalid: string } | null {
  const schema = VALUE_SCHEMAS[kind];
  if (/^[{["]/.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { invalid: 'This looks like JSON but is not valid JSON.' };
    }
    const r = schema.safeParse(json);
    return r.success ? { value: r.data } : { invalid: `This JSON is not ${KIND_NOUNS[kind]}: ${r.error.issues[0]?.message ?? 'wrong shape'}.` };
  }
  if (NUMERIC_KINDS.has(kind) && /^\d+(?:\.\d+)?$/.test(text)) {
    const r = schema.safeParse(Number(text));
    if (r.success) return { value: r.data };
    // A share above 1 may be a percentage written without its sign: said below, in words.
    return kind === 'fraction' ? null : { invalid: `${text} is not ${kind === 'age' ? 'an age in whole years from 0 to 150' : KIND_NOUNS[kind]}.` };
  }
  if (kind === 'sentence' || kind === 'duration' || kind === 'date') {
    // ISO 8601 writes an interval with a solidus: P12Y/P15Y, 2015/2017.
    const parts = text.split('/');
    const candidate = kind === 'date' || /^p/i.test(text) ? parts.map((p) => (/^p/i.test(p) ? p.toUpperCase() : p)) : parts;
    const value = candidate.length === 2 ? { min: candidate[0], max: candidate[1] } : candidate.length === 1 ? candidate[0] : null;
    if (value === null) return null;
    const r = schema.safeParse(value);
    if (r.success) return { value: r.data };
    if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text)) return { invalid: `${text} is not a day of the calendar.` };
  }
  return null;
}

/** Typed text as the finders expect it: one space between words, no full stop at the end. */
function tidy(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().replace(/\s*[.;,]$/, '').trim();
}

const LEADING_WORD = /^(?:for|in|on|at|during|of|from)\s+/i;

interface Reading {
  span: Span;
  /** The span reaches into the frame's words after the typed text (a subject there is the frame's). */
  intoSuffix: boolean;
}

/** The span of `kinds` that covers all of the typed text inside one frame, if any. */
function readIn(kind: ClaimKind, text: string, ref: RefDate | null): Reading | { partial: string } | null {
  const reader = READERS[kind];
  let partial: string | null = null;
  for (const [before, after] of reader.frames) {
    const framed = before + text + after;
    const from = before.length;
    const to = from + text.length;
    const spans = reader.find(framed, ref).filter((s) => reader.kinds.includes(s.kind) && !s.hidden);
    // A leading preposition may stay outside the span ("for 25 years", "in 2017").
    const lead = LEADING_WORD.exec(text);
    const covering = spans.filter((s) => (s.start <= from || (lead && s.start <= from + lead[0].length)) && s.end >= to);
    // The tightest cover: "between 100 and 250" also yields "250" alone, which does not cover.
    covering.sort((a, b) => a.end - a.start - (b.end - b.start));
    if (covering.length) return { span: covering[0], intoSuffix: covering[0].end > to };
    const inside = spans.filter((s) => s.end > from && s.start < to);
    if (inside.length && partial === null) partial = framed.slice(Math.max(from, inside[0].start), Math.min(to, inside[0].end));
  }
  return partial ? { partial } : null;
}

/**
 * Reads what a checker typed in a value field for a claim of `kind`: the machine form as
 * stored, or words as an article would write them, parsed by the extractor's parsers.
 * Dates without a year ("last November", "August 22") are resolved against `publishedAt`.
 *
 * @example
 * parseValueText('sentence', '12 to 15 years') // { ok: true, value: { min: 'P12Y', max: 'P15Y' }, form: 'words' }
 * parseValueText('money', 'about 80,000 somoni') // { ok: true, value: { amount: 80000, currency: 'TJS' }, approximate: true, form: 'words' }
 * parseValueText('date', 'last November', { publishedAt: '2017-08' }) // { ok: true, value: '2016-11', form: 'words' }
 * parseValueText('money', '80,000') // { ok: false, message: '“80,000” has no currency. Write …' }
 */
export function parseValueText(kind: ClaimKind, raw: string, options: ParseValueOptions = {}): ParsedValueText {
  const expected = VALUE_EXPECTATIONS[kind];
  if (!READERS[kind]) return { ok: false, message: `Unknown kind of claim “${String(kind)}”.` };
  const text = tidy(typeof raw === 'string' ? raw : '');
  if (!text) return { ok: false, message: `Write ${expected}.` };
  if (text.length > 200) return { ok: false, message: `That is too long for one value. Write ${expected}.` };

  const machine = machineForm(kind, text);
  if (machine && 'value' in machine) return { ok: true, value: machine.value, form: 'machine' };
  if (machine) return { ok: false, message: `${machine.invalid} Write ${expected}.` };

  const ref = parseRef(options.publishedAt ?? undefined);
  const read = readIn(kind, text, ref);
  if (read && 'span' in read) {
    const { span, intoSuffix } = read;
    const checked = VALUE_SCHEMAS[kind].safeParse(span.value);
    if (!checked.success) return { ok: false, message: `“${text}” reads as a value Factmark cannot store (${checked.error.issues[0]?.message ?? 'out of range'}). Write ${expected}.` };
    const out: ParsedValueText = { ok: true, value: checked.data, form: 'words' };
    if (span.approximate) out.approximate = true;
    if (span.bound) out.bound = span.bound;
    if (span.subject && !intoSuffix) out.subject = span.subject;
    return out;
  }
  if (read && 'partial' in read) {
    return { ok: false, message: `Only “${read.partial}” of this reads as ${KIND_NOUNS[kind]}; a value field holds one value. Write ${expected}.` };
  }
  // Say what is missing when another reading shows it.
  const asCount = kind === 'money' ? readIn('count', text, ref) : null;
  if (asCount && 'span' in asCount && !asCount.span.subject && !asCount.intoSuffix) {
    return { ok: false, message: `“${text}” has no currency. Write it with one, such as ${text} somoni, TJS ${text} or $${text}.` };
  }
  if (kind === 'date' && !ref && readIn('date', text, { y: 2000, m: 6, d: 15 })) {
    return { ok: false, message: `“${text}” needs the article's publication date to be read, and the article has none. Write the year too, such as November 2016 or 22 August 2017.` };
  }
  if (kind === 'fraction' && /^\d+(?:\.\d+)?$/.test(text)) {
    return { ok: false, message: `${text} is more than a whole; a share is written 20% or 0.2. Write ${expected}.` };
  }
  return { ok: false, message: `Could not read “${text}” as ${KIND_NOUNS[kind]}. Write ${expected}.` };
}
