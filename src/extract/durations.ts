// Spans of time: prison terms (kind `sentence`) and every other duration
// (kind `duration`). Both share one grammar — "12 years", "three years and
// six months", "two and a half years", "15 to 20 years", "between 20 and 22
// years", "an 18-month" — and differ only in context, so they are found once
// and then classified:
//   sentence  when a sentencing word governs the figure ("sentenced to",
//             "jailed for", "faces up to" in a sentence about a court) or
//             prison words follow it ("in prison", "-year sentence",
//             "of imprisonment", "suspended sentence", "probation");
//   duration  otherwise (a detention, a ban, "for 25 years", "the next two years").
// "N years ago" is a date and "N-year-old" an age; both are left to their
// own modules. Life terms have no ISO 8601 duration; their value is "life".

import type { Span } from './types';
import { NUMBER, matchesAt, numberStarts, parseNumber } from './numbers';
import { qualifierBefore, qualifierAfter } from './qualifiers';
import { sentenceAt } from './context';
import { elidedAfter } from './comparisons';

const UNIT = '(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|decades?)';
// "two and a half", "four-and-a-half" (as in "a four-and-a-half-year sentence")
// "two and a half", "four-and-a-half", "7 1/2", "7½"
const QTY = `(?:${NUMBER}(?:[\\s-]+and[\\s-]+(?:a[\\s-]+)?half|\\s+1/2|½)?|an?|half\\s+an?)`;
const ATOM = `${QTY}(?:\\s+|-)${UNIT}\\b(?:['’]s?)?(?:\\s+and\\s+a\\s+half)?`;
// Sticky, tried where a number starts; durations led by an article ("a year",
// "half a year") are found from their own cheap pattern.
const RE_DURATION = new RegExp(`(?<![A-Za-z0-9])${ATOM}(?:,?\\s+(?:and\\s+)?${ATOM})*`, 'iy');
const RE_ARTICLE_DURATION = new RegExp(`\\b(?:half\\s+)?an?[\\s-]+${UNIT}\\b(?:,?\\s+(?:and\\s+)?${ATOM})*(?:\\s+and\\s+a\\s+half)?`, 'gi');
const RE_ATOM = new RegExp(`(${QTY})(?:\\s+|-)(${UNIT})\\b(?:['’]s?)?(\\s+and\\s+a\\s+half)?`, 'gi');
// The first figure of a range and its separator ("15 to", "20 and", "10-"), and the
// earlier figures of a list ("15 and", "three, five and"), tried sticky at the number
// starts just before a duration (stickyBefore).
const RE_RANGE_FIRST = new RegExp(`(${NUMBER})\\s*(-|–|to|or|and)\\s*`, 'iy');
// "15 and 17 [years]", "three, five and seven [years]" — not after "between".
const RE_LIST_FIRST = new RegExp(`(?:${NUMBER}\\s*,\\s*)*${NUMBER}\\s*,?\\s+and\\s+`, 'iy');
// Found from the word "life"; what makes it a term is checked around it.
const RE_LIFE_WORD = /\blife\b/gi;
const LIFE_AFTER = /^\s+(?:in\s+prison|in\s+jail|imprisonment|sentences?|terms?|behind\s+bars)\b/i;
const LIFE_BEFORE = /\b(?:sentenced|jailed|imprisoned)\s+(?:\w+\s+)?(?:to|for)\s+$/i;

// Prison words right after the figure.
// Spans that are not custodial even next to a sentencing word: bans, probation periods at work, plans.
const NOT_PRISON_AFTER =
  /^(?:['’]s?)?[\s-]*(?:(?:driving|travel|reporting|media|work|public\s+office|office|football|stadium|sports?|professional|employment|tenancy|probation(?=\s+period))\s+)?(?:bans?|suspensions?|disqualifications?|restrictions?|period|contracts?|plan|programmes?|programs?|leases?|warrant(?:y|ies)|loans?|bonds?|deals?|mandates?|moratori(?:um|a)|freeze|term\s+of\s+office|terms?\s+as|of\s+supervised\s+release|supervised\s+release|of\s+parole\s+supervision)\b/i;
const AFTER_PRISON =
  /^(?:['’]s?)?\s*(?:(?:in|of|behind)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,3}?(?:prisons?|jails?|gaol|penal\s+colon(?:y|ies)|colony|labou?r\s+camps?|imprisonment|incarceration|correctional\s+(?:facility|colony)|bars|community\s+service|unpaid\s+work|corrective\s+labou?r)|behind\s+bars|(?:(?:suspended|prison|jail|custodial|conditional|probationary)\s+)*(?:sentences?|jail\s+terms?|prison\s+terms?|imprisonment|probation|community\s+service|community\s+orders?))\b/i;
// Sentencing words before it. Strong ones are enough on their own.
// The time to serve before parole ("a non-parole period of five years", "without
// parole for 25 years") is time in prison too; "a minimum term of" is a weak cue below.
const STRONG_BEFORE =
  /\b(?:(?:re)?sentenc(?:ed|es|ing)|jail(?:s|ed|ing)?|imprison(?:s|ed|ing)?|incarcerated|(?:prison|jail|custodial)\s+(?:sentence|term)s?\s+of|sentences?\s+of|imprisonment\s+(?:of|for)|non-?parole\s+(?:period|term)\s+of|without\s+(?:the\s+possibility\s+of\s+)?parole\s+for)\b/gi;
// Weak ones need the sentence to be about a court or a prison.
const WEAK_BEFORE =
  /\b(?:punishable\s+by|gets?|got|getting|argued\s+for|pushed\s+for|recommended|faces?|faced|facing|(?:could|would|might|may)\s+(?:get|receive|face)|sought|seeks?|seeking|demanded|requested|asked\s+for|call(?:ed|ing)\s+for|given|gave|handed(?:\s+down)?|received|receives?|serve|serves|served|serving|(?:commuted|reduced|increased|cut|extended|lengthened|shortened)\s+(?:from\s+\S+\s+)?to|upheld|(?:his|her|their|the)\s+(?:sentence|jail\s+term|prison\s+term)|term\s+of|maximum\s+(?:sentence|penalty)\s+of|carries|carry|carrying)\b/gi;
const COURT_WORDS = /\b(?:prison|jail|sentenc|imprison|convict|court|judge|prosecut|penal|guilty|verdict|trial|offen[cs]e|crime|criminal|charges?|parole|behind\s+bars|inmate|attorney|lawyer|defen[cs]e|fraud|murder|corruption|brib|embezzl|theft|robbery|assault|rape|trafficking|smuggling|terroris|extremis|treason|espionage|manslaughter|homicide)/i;
// Words between the cue and the figure that mean the figure is about something else.
// Words between the cue and the figure that mean the figure is about something else;
// another span of time in between means the cue already has its figure.
const STOPPERS = /\b(?:after|before|while|having|spent|spending|held|detained|detention|custody|banned|ban|barred|since|ago|later|earlier|which|who|as|and\s+(?:a|an)\s+(?:fine|ban)|plus|years?|months?|weeks?|days?|decades?|life)\b|[.;]/i;
// "two years after his arrest", "three years later": a time relation, not the term itself.
const RELATION_AFTER = /^\s+(?:after|later|earlier|into|from\s+now)\b/i;
// "the next two years", "the past 12 months" (bare "last" is usually the verb: "to last three weeks")
const DURATION_PREFIX = /(?:^|[^\p{L}])((?:the\s+(?:next|past|last|previous|following|coming|first|final)|next|past)\s+)$/iu;

const UNIT_KEY: Record<string, 'Y' | 'M' | 'W' | 'D' | 'H' | 'MIN' | 'S'> = {
  year: 'Y', yr: 'Y', decade: 'Y', month: 'M', week: 'W', day: 'D', hour: 'H', hr: 'H', minute: 'MIN', min: 'MIN', second: 'S', sec: 'S',
};

type Parts = Partial<Record<'Y' | 'M' | 'W' | 'D' | 'H' | 'MIN' | 'S', number>>;

function qty(raw: string): number | null {
  const r = raw.toLowerCase().trim();
  if (/^an?$/.test(r)) return 1;
  if (/^half\s+an?$/.test(r)) return 0.5;
  const half = /(?:[\s-]+and[\s-]+(?:a[\s-]+)?half|\s+1\/2|½)$/.exec(r);
  const base = parseNumber(half ? r.slice(0, half.index) : r);
  if (base === null) return null;
  return half ? base + 0.5 : base;
}

function parts(matched: string): Parts | null {
  const out: Parts = {};
  RE_ATOM.lastIndex = 0;
  let any = false;
  for (let m = RE_ATOM.exec(matched); m; m = RE_ATOM.exec(matched)) {
    let n = qty(m[1]);
    if (n === null) return null;
    if (m[3]) n += 0.5;
    const u = m[2].toLowerCase().replace(/s$/, '');
    const key = UNIT_KEY[u];
    if (!key) return null;
    if (u === 'decade') n *= 10;
    out[key] = (out[key] ?? 0) + n;
    any = true;
  }
  return any ? out : null;
}

function fmt(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** ISO 8601 duration; fractional years become months ("2.5 years" → P2Y6M). */
export function isoDuration(p: Parts): string {
  const q = { ...p };
  if (q.Y !== undefined && !Number.isInteger(q.Y) && Number.isInteger(q.Y * 12)) {
    const whole = Math.floor(q.Y);
    q.M = (q.M ?? 0) + Math.round((q.Y - whole) * 12);
    q.Y = whole || undefined;
  }
  let s = 'P';
  if (q.Y) s += `${fmt(q.Y)}Y`;
  if (q.M) s += `${fmt(q.M)}M`;
  if (q.W) s += `${fmt(q.W)}W`;
  if (q.D) s += `${fmt(q.D)}D`;
  if (q.H || q.MIN || q.S) {
    s += 'T';
    if (q.H) s += `${fmt(q.H)}H`;
    if (q.MIN) s += `${fmt(q.MIN)}M`;
    if (q.S) s += `${fmt(q.S)}S`;
  }
  return s === 'P' ? 'P0D' : s;
}

function isSentence(text: string, s: number, e: number): { yes: boolean; after: number } {
  const tail = text.slice(e, e + 80);
  // "handed a six-year term": a term that is handed, given or received is a sentence
  // ("elected to" or "serving" a term can be an office).
  const term = /^(?:['’]s?)?\s*terms?\b/i.exec(tail);
  if (term && /\b(?:hand(?:s|ed)|g[ai]ve[ns]?|given|receiv(?:es|ed)|gets?|got)\s+(?:\S+\s+){0,2}$/i.test(text.slice(Math.max(0, s - 40), s))) {
    return { yes: true, after: term[0].length };
  }
  if (NOT_PRISON_AFTER.test(tail)) return { yes: false, after: 0 };
  // "jailed for 10 days after a picket": a sentencing verb right before the figure decides.
  if (/\b(?:(?:re)?sentenc(?:ed|es|ing)|jail(?:s|ed|ing)?|imprison(?:s|ed|ing)?|incarcerated)\s+(?:\S+\s+){0,3}?(?:to|for)\s+(?:up\s+to\s+|a\s+(?:total|maximum)\s+of\s+)?$/i.test(text.slice(Math.max(0, s - 60), s))) {
    const after = AFTER_PRISON.exec(tail);
    return { yes: true, after: after ? after[0].length : 0 };
  }
  if (RELATION_AFTER.test(text.slice(e, e + 16))) return { yes: false, after: 0 };
  const after = AFTER_PRISON.exec(tail);
  if (after) {
    // Probation, community service and unpaid work are sentences only in a story about a court.
    if (/probation|community|unpaid/i.test(after[0]) && !/prison|jail|imprison|penal|bars/i.test(after[0])) {
      const [ss, se] = sentenceAt(text, s);
      if (!COURT_WORDS.test(text.slice(ss, se))) return { yes: false, after: 0 };
    }
    return { yes: true, after: after[0].length };
  }
  const from = Math.max(0, s - 90);
  const before = text.slice(from, s);
  const cue = (re: RegExp): number => {
    re.lastIndex = 0;
    let last = -1;
    for (let m = re.exec(before); m; m = re.exec(before)) last = m.index + m[0].length;
    return last;
  };
  const strong = cue(STRONG_BEFORE);
  if (strong >= 0 && !STOPPERS.test(before.slice(strong))) return { yes: true, after: 0 };
  // "faces up to 10 years", "could get seven years": right before the figure this
  // is a prison term unless what follows says otherwise ("faces two years of uncertainty").
  if (/\b(?:fac(?:es|ed|ing|e)|(?:could|would|might|may|will)\s+(?:get|receive|face))\s+(?:up\s+to\s+|a\s+maximum\s+of\s+|as\s+many\s+as\s+|at\s+least\s+)?$/i.test(before) &&
    !/^\s+of\b/i.test(text.slice(e, e + 6))) return { yes: true, after: 0 };
  const weak = cue(WEAK_BEFORE);
  if (weak >= 0 && !STOPPERS.test(before.slice(weak)) && before.length - weak < 40) {
    const [ss, se] = sentenceAt(text, s);
    if (COURT_WORDS.test(text.slice(ss, se))) return { yes: true, after: 0 };
  }
  return { yes: false, after: 0 };
}

/**
 * The first figure of a range ending right before the duration at `s`: "15 to [20 years]",
 * "between 20 and [22 years]", "from 2 to [5 years]", "10-[15 years]". Its raw text, and
 * where the range starts (at "between" / "from" when they lead it).
 */
function rangeBefore(text: string, starts: number[], s: number): { minRaw: string; start: number } | null {
  // Cheap test first: a range needs a separator right before the figure.
  if (!/(?:[-–]|\bto|\bor|\band)\s*$/i.test(text.slice(Math.max(0, s - 6), s))) return null;
  const at = stickyBefore(RE_RANGE_FIRST, text, starts, s, (m, at) => m[2].toLowerCase() !== 'and' || /\bbetween\s+$/i.test(text.slice(Math.max(0, at - 10), at)));
  if (at < 0) return null;
  RE_RANGE_FIRST.lastIndex = at;
  const m = RE_RANGE_FIRST.exec(text)!;
  const lead = /\b(?:between|from)\s+$/i.exec(text.slice(Math.max(0, at - 10), at));
  // "from" leads only a "to" range; "between" only an "and" one.
  const led = lead && (/^between/i.test(lead[0]) ? m[2].toLowerCase() === 'and' : m[2].toLowerCase() === 'to');
  return { minRaw: m[1], start: led ? at - lead[0].length : at };
}

/**
 * The earliest number start within 60 characters before `s` where the sticky `re` matches
 * and ends exactly at `s` (and `accept` agrees), or -1. Earliest first, so a number in
 * words is read whole ("two hundred and fifty to"). Tried only at number starts: a
 * pattern ending in "$" run over a window is tried at every position of it, which is slow.
 */
function stickyBefore(re: RegExp, text: string, starts: number[], s: number, accept?: (m: RegExpExecArray, at: number) => boolean): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < s - 60) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < starts.length && starts[k] < s; k++) {
    const at = starts[k];
    if (at > 0 && /[\p{L}\p{N}]/u.test(text[at - 1])) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (m && at + m[0].length === s && (!accept || accept(m, at))) return at;
  }
  return -1;
}

// Unit words are much rarer than numbers: find them, then try the duration
// pattern at the nearest number start before each (within a short distance).
const RE_UNIT_WORD = new RegExp(`\\b${UNIT}\\b`, 'gi');

function startsBeforeUnits(text: string, starts: number[]): number[] {
  const out: number[] = [];
  let k = 0;
  RE_UNIT_WORD.lastIndex = 0;
  for (let m = RE_UNIT_WORD.exec(text); m; m = RE_UNIT_WORD.exec(text)) {
    while (k < starts.length && starts[k] < m.index) k++;
    // the last number starts before this unit (numbers in words can be long:
    // "two hundred and fifty"; "7 1/2 years" starts two numbers back)
    for (let j = Math.max(0, k - 3); j < k; j++) {
      if (m.index - starts[j] <= 60 && (out.length === 0 || out[out.length - 1] < starts[j])) out.push(starts[j]);
    }
  }
  return out;
}

// "for the past decade", "over the last year", "in the next month": one unit, no number.
const RE_THE_UNIT = /\bthe\s+(?:past|last|next|previous|coming|following)\s+(year|decade|month|week|century)\b(?!['’]s)/gi;

function* durationMatches(text: string, starts: number[]): Generator<RegExpExecArray> {
  yield* matchesAt(RE_DURATION, text, startsBeforeUnits(text, starts));
  RE_ARTICLE_DURATION.lastIndex = 0;
  for (let m = RE_ARTICLE_DURATION.exec(text); m; m = RE_ARTICLE_DURATION.exec(text)) yield m;
}

export function findDurations(text: string, starts: number[] = numberStarts(text)): Span[] {
  const out: Span[] = [];
  for (const m of durationMatches(text, starts)) {
    let s = m.index;
    let e = s + m[0].length;
    const tail = text.slice(e, e + 12);
    if (/^\s+ago\b/i.test(tail)) continue; // a date
    if (/^[\s-]+old\b/i.test(tail)) continue; // an age
    const p = parts(m[0]);
    if (!p) continue;
    const article = /^(?:an?|half\s+an?)[\s-]/i.test(m[0]);
    // "for a second offence", "a minute amount": an ordinal or adjective before a noun, not a span.
    if (article && /^an?\s+(?:second|minute)$/i.test(m[0]) && /^\s+(?!(?:or|and|to|of|in|on|at|for|ago|later|earlier|before|after|longer|more|less|each|per|when|while|as|the|too|then|but)\b)[a-z]/.test(tail)) continue;

    // Ranges: "15 to 20 years", "between 20 and 22 years", "10-15 years".
    let value: unknown = isoDuration(p);
    const rb = rangeBefore(text, starts, s);
    if (rb) {
      const min = parseNumber(rb.minRaw);
      const keys = Object.keys(p) as (keyof Parts)[];
      if (min !== null && keys.length === 1) {
        const k = keys[0];
        const max = p[k] as number;
        const unitScale = /decade/i.test(m[0]) ? 10 : 1;
        const minV = min * unitScale;
        if (minV < max) {
          value = { min: isoDuration({ [k]: minV }), max: isoDuration(p) };
          s = rb.start;
        }
      }
    }

    // "15 and 17 years respectively", "three, five and seven years": earlier
    // figures share the unit and are claims of their own.
    const shared: { s: number; e: number; value: string }[] = [];
    if (!rb && typeof value === 'string') {
      const keys = Object.keys(p) as (keyof Parts)[];
      // cheap test first: a list needs "and" right before the figure
      const listStart = keys.length === 1 && /\band\s+$/i.test(text.slice(Math.max(0, s - 8), s)) ? stickyBefore(RE_LIST_FIRST, text, starts, s) : -1;
      if (listStart >= 0 && !/\bbetween\s$/i.test(text.slice(Math.max(0, listStart - 8), listStart))) {
        const NUM_IN_LIST = new RegExp(NUMBER, 'gi');
        const listText = text.slice(listStart, s);
        for (let n = NUM_IN_LIST.exec(listText); n; n = NUM_IN_LIST.exec(listText)) {
          const v = parseNumber(n[0]);
          if (v === null) continue;
          shared.push({ s: listStart + n.index, e: listStart + n.index + n[0].length, value: isoDuration({ [keys[0]]: /decade/i.test(m[0]) ? v * 10 : v }) });
        }
      }
    }

    // "on 186 days", "on 12 occasions over three years": days counted, not a span.
    if (!shared.length && !rb && /\bon\s+$/i.test(text.slice(Math.max(0, s - 4), s)) && /^(?:\d[\d,]*|[a-z-]+)\s+days$/i.test(m[0])) {
      const n = parseNumber(m[0].replace(/\s+days$/i, ''));
      if (n !== null) out.push({ kind: 'count', start: s, end: e, value: n, subject: 'days', confidence: 0.6 });
      continue;
    }
    const cls = isSentence(text, shared.length ? shared[0].s : s, e);
    for (const sh of shared) {
      out.push({ kind: cls.yes ? 'sentence' : 'duration', start: sh.s, end: sh.e, value: sh.value, confidence: cls.yes ? 0.8 : 0.6 });
    }
    if (article && !cls.yes && !/\bfor\s+$/i.test(text.slice(Math.max(0, s - 6), s))) continue;

    const q = qualifierBefore(text, s);
    const qa = qualifierAfter(text, e);
    const span: Span = { kind: cls.yes ? 'sentence' : 'duration', start: q.start, end: e, value };
    // Keep "in prison" / "sentence" in the quote: it is what makes the span a prison term.
    if (cls.yes && cls.after > 0) span.end = e + cls.after;
    if (qa.end > e && span.end === e) span.end = qa.end;
    if (!cls.yes && q.start === s) {
      const pre = DURATION_PREFIX.exec(text.slice(Math.max(0, s - 20), s));
      if (pre) span.start = s - pre[1].length;
    }
    if (q.approximate || qa.approximate) span.approximate = true;
    if (q.bound || qa.bound) span.bound = q.bound ?? qa.bound;
    span.confidence = cls.yes ? 0.9 : 0.7;
    out.push(span);
    // "nine days, down from 21 in 2022": the compared figure shares the unit.
    const keys = Object.keys(p) as (keyof Parts)[];
    if (keys.length === 1 && typeof value === 'string') {
      const el = elidedAfter(text, span.end);
      if (el) out.push({ kind: span.kind, start: el.start, end: el.end, value: isoDuration({ [keys[0]]: /decade/i.test(m[0]) ? el.n * 10 : el.n }), confidence: 0.6 });
    }
  }

  RE_THE_UNIT.lastIndex = 0;
  for (let m = RE_THE_UNIT.exec(text); m; m = RE_THE_UNIT.exec(text)) {
    const u = m[1].toLowerCase();
    const value = u === 'decade' ? 'P10Y' : u === 'century' ? 'P100Y' : u === 'year' ? 'P1Y' : u === 'month' ? 'P1M' : 'P1W';
    out.push({ kind: 'duration', start: m.index, end: m.index + m[0].length, value, confidence: 0.5 });
  }
  RE_LIFE_WORD.lastIndex = 0;
  for (let m = RE_LIFE_WORD.exec(text); m; m = RE_LIFE_WORD.exec(text)) {
    const e = m.index + m[0].length;
    const after = LIFE_AFTER.exec(text.slice(e, e + 24));
    if (after) out.push({ kind: 'sentence', start: m.index, end: e + after[0].length, value: 'life', confidence: 0.85 });
    else if (LIFE_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) {
      out.push({ kind: 'sentence', start: m.index, end: e, value: 'life', confidence: 0.8 });
    }
  }
  return out;
}
