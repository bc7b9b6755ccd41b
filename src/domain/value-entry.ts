/**
 * Claim values as people read and type them, shared by the server views and the client
 * scripts (pure, no DOM). `formatValue` writes what `parseValue` reads back, so an edit
 * form prefilled with a value saves the same value.
 *
 * @example
 * parseValue('money', '80,000 TJS') // { ok: true, value: { amount: 80000, currency: 'TJS' } }
 * formatValue('count', { min: 100, max: 250 }) // '100 – 250'
 */

export type ParsedValue = { ok: true; value: unknown } | { ok: false; message: string };

const RANGE_SEPARATORS = /\s*(?:\.\.|–|—|\bto\b)\s*/;

function splitRange(text: string, allowHyphen: boolean): [string] | [string, string] {
  const parts = text.split(RANGE_SEPARATORS);
  if (parts.length === 2) return [parts[0], parts[1]];
  if (allowHyphen) {
    const m = /^(.+?\d)\s*-\s*(\d.*)$/.exec(text);
    if (m) return [m[1], m[2]];
  }
  return [text];
}

function number(text: string): number | null {
  const t = text.trim().replace(/[,\s]/g, '');
  if (!/^-?\d+(?:\.\d+)?%?$/.test(t)) return null;
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
}

function range<T>(parts: string[], one: (s: string) => T | null, what: string): ParsedValue {
  const items = parts.map((p) => one(p.trim()));
  if (items.some((i) => i === null)) return { ok: false, message: `must be ${what}, or a range of two such as "${what === 'a number' ? '100 – 250' : 'min – max'}"` };
  return { ok: true, value: items.length === 2 ? { min: items[0], max: items[1] } : items[0] };
}

/** Reads a value typed in the claim form for a kind. JSON is accepted as typed. */
export function parseValue(kind: string, raw: string): ParsedValue {
  const text = raw.trim();
  if (!text) return { ok: false, message: 'must not be empty' };
  if (/^[{["]/.test(text)) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, message: 'is not valid JSON' };
    }
  }
  switch (kind) {
    case 'sentence':
    case 'duration': {
      if (kind === 'sentence' && /^life$/i.test(text)) return { ok: true, value: 'life' };
      return range(splitRange(text.toUpperCase(), true), (s) => (/^P[\dYMWDTHS.]+$/.test(s) ? s : null), 'an ISO 8601 duration such as P12Y');
    }
    case 'date':
      return range(splitRange(text, false).length === 2 ? splitRange(text, false) : text.split(/\s*\/\s*/), (s) => (/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(s) ? s : null), 'a date as YYYY, YYYY-MM or YYYY-MM-DD');
    case 'money': {
      const m = /^(.*?)\s*([A-Za-z]{3})$/.exec(text);
      if (!m) return { ok: false, message: 'must be an amount and an ISO 4217 code, such as "80,000 TJS"' };
      const parsed = range(splitRange(m[1], true), number, 'a number');
      if (!parsed.ok) return parsed;
      const currency = m[2].toUpperCase();
      const v = parsed.value as number | { min: number; max: number };
      return { ok: true, value: typeof v === 'number' ? { amount: v, currency } : { ...v, currency } };
    }
    default:
      return range(splitRange(text, true), number, 'a number');
  }
}

function isRange(v: unknown): v is { min: unknown; max: unknown } {
  return typeof v === 'object' && v !== null && 'min' in v && 'max' in v;
}

/** The value as typed in the claim form (round-trips through parseValue). */
export function formatValue(kind: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (kind === 'money' && typeof value === 'object') {
    const m = value as { amount?: number; min?: number; max?: number; currency?: string };
    return m.amount !== undefined ? `${m.amount} ${m.currency ?? ''}`.trim() : `${m.min} – ${m.max} ${m.currency ?? ''}`.trim();
  }
  if (isRange(value)) return `${String(value.min)} – ${String(value.max)}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const UNITS: Record<string, [string, string]> = { Y: ['year', 'years'], M: ['month', 'months'], W: ['week', 'weeks'], D: ['day', 'days'], H: ['hour', 'hours'] };

/** "P1Y6M" → "1 year 6 months"; anything else unchanged. */
export function humanDuration(iso: string): string {
  const m = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?)?$/.exec(iso);
  if (!m || iso === 'P') return iso;
  const parts: string[] = [];
  (['Y', 'M', 'W', 'D', 'H'] as const).forEach((u, i) => {
    const n = m[i + 1];
    if (n) parts.push(`${n} ${UNITS[u][n === '1' ? 0 : 1]}`);
  });
  return parts.length ? parts.join(' ') : iso;
}

/** The value for reading: "12 years", "80,000 TJS", "100 – 250". */
export function displayValue(kind: string, value: unknown, opts: { approximate?: boolean; bound?: string | null } = {}): string {
  const prefix = opts.bound === 'at_least' ? '≥ ' : opts.bound === 'at_most' ? '≤ ' : opts.approximate ? '≈ ' : '';
  const one = (v: unknown): string => {
    if (typeof v === 'number') return kind === 'fraction' ? `${Math.round(v * 1000) / 10}%` : v.toLocaleString('en-US');
    if (typeof v === 'string') return kind === 'sentence' || kind === 'duration' ? humanDuration(v) : v;
    return JSON.stringify(v);
  };
  let body: string;
  if (kind === 'money' && typeof value === 'object' && value !== null) {
    const m = value as { amount?: number; min?: number; max?: number; currency?: string };
    body = m.amount !== undefined ? `${one(m.amount)} ${m.currency}` : `${one(m.min)} – ${one(m.max)} ${m.currency}`;
  } else if (isRange(value)) body = `${one(value.min)} – ${one(value.max)}`;
  else body = one(value);
  return prefix + body;
}

/** Placeholder hints for the value field, by kind. */
export const VALUE_HINTS: Record<string, string> = {
  sentence: 'ISO duration: P12Y, P18M, a range P5Y – P7Y, or life',
  money: 'Amount and currency: 80,000 TJS',
  count: 'A number or a range: 100 – 250',
  date: 'YYYY, YYYY-MM or YYYY-MM-DD',
  duration: 'ISO duration: P25Y',
  age: 'Whole years: 4',
  fraction: 'Between 0 and 1, or a percentage: 0.2, 20%',
};
