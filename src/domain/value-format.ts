/**
 * Claim values for people to read: "12 years", "12 to 15 years", "TJS 80,000 · approximate",
 * "22 August 2017", "100 to 250", "20%". One module for every place a person reads a value:
 * the reviewer UI, the history, the queue, the public pages and the feed the embed shows.
 * Numbers and dates follow the locale's conventions through `Intl` (default `en-GB`:
 * "80,000", "22 August 2017"); the words around them ("to", "at least", "approximate") are
 * English, like the articles Factmark reads.
 */
import type { Bound, ClaimKind } from './vocabulary';

export const DEFAULT_LOCALE = 'en-GB';

export interface ValueFormatOptions {
  approximate?: boolean | null;
  bound?: Bound | string | null;
  /** BCP 47 locale for numbers and dates; `en-GB` when absent or unknown. */
  locale?: string;
}

type Range<T> = { min: T; max: T };

function isRange(v: unknown): v is Range<unknown> {
  return typeof v === 'object' && v !== null && 'min' in v && 'max' in v;
}

function safeLocale(locale: string | undefined): string {
  if (!locale) return DEFAULT_LOCALE;
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length ? locale : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** A number in the locale's digits and separators: 80000 → "80,000". */
export function formatNumber(n: number, locale?: string): string {
  return new Intl.NumberFormat(safeLocale(locale), { maximumFractionDigits: 4 }).format(n);
}

const SCALES: [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];

/**
 * An amount with its currency: "TJS 80,000", "US$7,100", "€2.3 billion" (large round amounts
 * in words, in English locales only, where "billion" is the word readers know).
 */
export function formatMoney(amount: number, currency: string, locale?: string, withCurrency = true): string {
  const loc = safeLocale(locale);
  const money = (n: number) => {
    if (!withCurrency) return new Intl.NumberFormat(loc, { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(n);
    try {
      return new Intl.NumberFormat(loc, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(n);
    } catch {
      return `${currency} ${formatNumber(n, loc)}`;
    }
  };
  if (/^en\b/i.test(loc)) {
    for (const [scale, word] of SCALES) {
      const scaled = amount / scale;
      if (scaled >= 1 && Math.round(scaled * 100) / 100 === scaled) return `${money(scaled)} ${word}`;
    }
  }
  return money(amount);
}

const DURATION = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const DURATION_UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;

/** The parts of an ISO 8601 duration, largest first: P3Y6M → [[3, 'year'], [6, 'month']]. */
function durationParts(iso: string): [number, (typeof DURATION_UNITS)[number]][] | null {
  const m = DURATION.exec(iso);
  if (!m || iso === 'P' || /T$/.test(iso)) return null;
  const parts: [number, (typeof DURATION_UNITS)[number]][] = [];
  DURATION_UNITS.forEach((u, i) => {
    if (m[i + 1] !== undefined) parts.push([Number(m[i + 1]), u]);
  });
  return parts.length ? parts : null;
}

function unitText(n: number, unit: string, loc: string): string {
  return new Intl.NumberFormat(loc, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 3 }).format(n);
}

function joinParts(items: string[], loc: string): string {
  return items.length > 1 ? new Intl.ListFormat(loc, { type: 'conjunction' }).format(items) : items[0];
}

/** "P12Y" → "12 years"; "P3Y6M" → "3 years and 6 months"; "PT48H" → "48 hours"; "life" → "life imprisonment". */
export function formatDuration(iso: string, locale?: string): string {
  if (iso === 'life') return 'life imprisonment';
  const loc = safeLocale(locale);
  const parts = durationParts(iso);
  if (!parts) return iso;
  return joinParts(
    parts.map(([n, u]) => unitText(n, u, loc)),
    loc,
  );
}

/** "12 to 15 years" when both ends are in one unit, else "1 year to 18 months". */
function formatDurationRange(r: Range<string>, locale?: string): string {
  const loc = safeLocale(locale);
  const a = durationParts(r.min);
  const b = durationParts(r.max);
  if (a && b && a.length === 1 && b.length === 1 && a[0][1] === b[0][1]) return `${formatNumber(a[0][0], loc)} to ${unitText(b[0][0], b[0][1], loc)}`;
  return `${formatDuration(r.min, loc)} to ${formatDuration(r.max, loc)}`;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/**
 * A partial ISO date (or the date of a timestamp) for people: "2017", "November 2016",
 * "22 August 2017". Anything else is returned as it is.
 */
export function formatPartialDate(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '';
  const m = PARTIAL_DATE.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (!mo) return y;
  const loc = safeLocale(locale);
  const t = Date.UTC(Number(y), Number(mo) - 1, d ? Number(d) : 1);
  if (Number.isNaN(t)) return iso;
  const opts: Intl.DateTimeFormatOptions = d ? { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' } : { timeZone: 'UTC', year: 'numeric', month: 'long' };
  return new Intl.DateTimeFormat(loc, opts).format(t);
}

function formatDateRange(r: Range<string>, locale?: string): string {
  // A decade as the extractor reads "the 1990s".
  if (/^\d{3}0$/.test(r.min) && r.max === String(Number(r.min) + 9)) return `the ${r.min}s`;
  return `${formatPartialDate(r.min, locale)} to ${formatPartialDate(r.max, locale)}`;
}

/** 0.2 → "20%". */
export function formatShare(n: number, locale?: string): string {
  return new Intl.NumberFormat(safeLocale(locale), { style: 'percent', maximumFractionDigits: 2 }).format(n);
}

/**
 * The value alone, in words: no qualifier. Unknown shapes come back as compact JSON, never
 * as "[object Object]".
 */
export function formatBareValue(kind: string, value: unknown, locale?: string): string {
  if (value === null || value === undefined) return '';
  const loc = safeLocale(locale);
  switch (kind) {
    case 'sentence':
    case 'duration':
      if (typeof value === 'string') return formatDuration(value, loc);
      if (isRange(value) && typeof value.min === 'string' && typeof value.max === 'string') return formatDurationRange(value as Range<string>, loc);
      break;
    case 'date':
      if (typeof value === 'string') return formatPartialDate(value, loc);
      if (isRange(value) && typeof value.min === 'string' && typeof value.max === 'string') return formatDateRange(value as Range<string>, loc);
      break;
    case 'money': {
      const m = value as { amount?: unknown; min?: unknown; max?: unknown; currency?: unknown };
      if (typeof m === 'object' && typeof m.currency === 'string') {
        if (typeof m.amount === 'number') return formatMoney(m.amount, m.currency, loc);
        // The currency once, as a range is written ("US$5 million to 10 million"): twice would read as two amounts.
        if (typeof m.min === 'number' && typeof m.max === 'number') return `${formatMoney(m.min, m.currency, loc)} to ${formatMoney(m.max, m.currency, loc, false)}`;
      }
      break;
    }
    case 'count':
      if (typeof value === 'number') return formatNumber(value, loc);
      if (isRange(value) && typeof value.min === 'number' && typeof value.max === 'number') return `${formatNumber(value.min, loc)} to ${formatNumber(value.max, loc)}`;
      break;
    case 'age': {
      const old = /^en\b/i.test(loc) ? ' old' : '';
      if (typeof value === 'number') return unitText(value, 'year', loc) + old;
      if (isRange(value) && typeof value.min === 'number' && typeof value.max === 'number') return `${formatNumber(value.min, loc)} to ${unitText(value.max, 'year', loc)}${old}`;
      break;
    }
    case 'fraction':
      if (typeof value === 'number') return formatShare(value, loc);
      if (isRange(value) && typeof value.min === 'number' && typeof value.max === 'number') return `${formatShare(value.min, loc)} to ${formatShare(value.max, loc)}`;
      break;
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/**
 * A claim's value as readers see it, with what the text said about it: a bound before it
 * ("at least 100", "up to 10 years"; after a middle dot on a range, where "at least 100 to
 * 250" would read badly), "approximate" after a middle dot.
 *
 * @example
 * formatValue('sentence', { min: 'P12Y', max: 'P15Y' }) // '12 to 15 years'
 * formatValue('money', { amount: 80000, currency: 'TJS' }, { approximate: true }) // 'TJS 80,000 · approximate'
 * formatValue('date', '2016-11') // 'November 2016'
 * formatValue('count', 100, { bound: 'at_least' }) // 'at least 100'
 */
export function formatValue(kind: string, value: unknown, opts: ValueFormatOptions = {}): string {
  const body = formatBareValue(kind, value, opts.locale);
  if (!body) return body;
  const bound = opts.bound === 'at_least' ? 'at least' : opts.bound === 'at_most' ? 'up to' : '';
  const withBound = !bound ? body : isRange(value) ? `${body} · ${bound}` : `${bound} ${body}`;
  return opts.approximate ? `${withBound} · approximate` : withBound;
}

/**
 * The stored (machine) form of a value, compact, as an integration sends it: "P12Y",
 * "P12Y/P15Y", "2017-08-22", "0.2", `{"amount":80000,"currency":"TJS"}`.
 */
export function machineValueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (isRange(value) && Object.keys(value).length === 2 && (typeof value.min === 'string' || typeof value.min === 'number')) return `${value.min}/${value.max}`;
  return JSON.stringify(value);
}

/**
 * What the live preview beside a value field shows: the stored form when it is a short code
 * that differs from the words, then the words. "P12Y · 12 years", "2016-11 · November 2016",
 * "TJS 80,000 · approximate".
 */
export function valuePreview(kind: string, value: unknown, opts: ValueFormatOptions = {}): string {
  const words = formatValue(kind, value, opts);
  const machine = machineValueText(value);
  const codeLike = kind === 'sentence' || kind === 'duration' || kind === 'date';
  return codeLike && machine && value !== 'life' && machine !== words ? `${machine} · ${words}` : words;
}

/** "Claimed: 12 years · Actually: 10 years" — the claim's figure beside the correct one. */
export function formatCorrection(claimed: string, actual: string): string {
  return `Claimed: ${claimed} · Actually: ${actual}`;
}

/**
 * What a value field of each kind takes, in words: the reviewer UI's hint beside the field,
 * and the end of every message `parseValueText` (src/extract/value-text.ts) gives for text it
 * cannot read.
 */
export const VALUE_EXPECTATIONS: Record<ClaimKind, string> = {
  sentence: 'a prison term such as 12 years, 18 months, 12 to 15 years or life',
  money: 'an amount with its currency, such as 80,000 somoni, about $7,100 or TJS 80,000',
  count: 'a number or a range, such as 250, about 10,000 or 100-250',
  date: 'a date such as 22 August 2017, November 2016, 2017 or last November',
  duration: 'a span of time such as 25 years, 18 months or 48 hours',
  age: 'an age in whole years, such as 4, 59 years or 18 to 25',
  fraction: 'a share such as 20%, one-fifth, one in five or 0.2',
};
