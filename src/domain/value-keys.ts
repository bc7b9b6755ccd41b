/**
 * Value keys: how the matcher finds, without reading every claim, the claims whose values
 * could state the same figure as a given one.
 *
 * Every claim's value becomes an interval on one scale per kind and unit (money per
 * currency, durations in days, dates as months), widened by its own hedges: `approximate`
 * by 10 %, `at_least` up to half again, `at_most` down to two thirds. The interval is cut
 * into buckets (10 % wide on a log scale for magnitudes, a month for dates), and the claim
 * is stored under each bucket it touches (`claim_value_keys`, kept by SQL triggers). A
 * claim looks up the buckets of its own interval, widened once more by the rounding margin:
 * any two claims the matcher could call compatible share a bucket.
 *
 * Wide intervals ("hundreds", "millions", "the 1990s") would need many buckets: past
 * FINE_LIMIT buckets a claim is stored under coarse buckets instead (doubling for
 * magnitudes, years for dates), and every lookup asks for the coarse buckets too. A wide
 * claim's own lookup asks only for coarse buckets, so it finds other wide claims but not
 * the narrow ones inside it (the narrow ones still find it).
 *
 * The SQL twin of `keyInterval`/`storedKeys` is generated from the constants here by
 * scripts/library-sql.ts; an API test checks both give the same keys on the fixtures.
 */
import type { Bound, ClaimKind } from './vocabulary';

/** Width of a fine bucket on the log scale (10 %), and of a coarse one (doubling). */
export const FINE_STEP = Math.log(1.1);
export const COARSE_STEP = Math.log(2);
/** At most this many fine buckets per claim; wider intervals use coarse buckets. */
export const FINE_LIMIT = 24;
/** At most this many coarse buckets per claim (the rest of a wider interval is not keyed). */
export const COARSE_LIMIT = 64;
/** Hedges on the stored side. */
export const APPROXIMATE_WIDTH = 0.1;
export const BOUND_REACH = 1.5;
/** Extra width on the looking-up side: covers rounding ("7,000" for 7,100) on either claim. */
export const ROUNDING_MARGIN = 0.06;
/** Smallest magnitude keyed per kind (smaller values share its bucket). */
export const MAGNITUDE_FLOOR: Record<Exclude<ClaimKind, 'date'>, number> = {
  money: 0.01, count: 0.5, age: 0.5, fraction: 0.0001, sentence: 0.01, duration: 0.0001,
};
/** A life sentence, as days, so it keys like a very long term (and only matches another life term). */
export const LIFE_DAYS = 1_000_000;

/** Days per unit of an ISO 8601 duration (years and months as their average length). */
export const DURATION_DAYS = { Y: 365.25, M: 30.4375, W: 7, D: 1, H: 1 / 24, TM: 1 / 1440, S: 1 / 86400 } as const;

export interface KeyInterval {
  /** Scale: '' for most kinds, the ISO 4217 code for money, 'life' for life sentences. */
  unit: string;
  lo: number;
  hi: number;
}

const DURATION = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** An ISO 8601 duration in days, summed in the order the SQL twin sums it. */
export function durationDays(iso: string): number | null {
  const m = DURATION.exec(iso);
  if (!m) return null;
  const n = (s: string | undefined) => (s === undefined ? 0 : parseFloat(s));
  return n(m[1]) * DURATION_DAYS.Y + n(m[2]) * DURATION_DAYS.M + n(m[3]) * DURATION_DAYS.W + n(m[4]) * DURATION_DAYS.D + n(m[5]) / 24 + n(m[6]) / 1440 + n(m[7]) / 86400;
}

/** A partial ISO date as [first month, last month], months counted as year * 12 + month - 1. */
export function dateMonths(date: string): [number, number] | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  if (!m) return null;
  const y = Number(m[1]) * 12;
  return m[2] ? [y + Number(m[2]) - 1, y + Number(m[2]) - 1] : [y, y + 11];
}

function isRange(v: unknown): v is { min: unknown; max: unknown } {
  return typeof v === 'object' && v !== null && 'min' in v && 'max' in v;
}

/** The raw [lo, hi] of a value on its kind's scale, before hedges; null for a value we cannot read. */
export function rawInterval(kind: ClaimKind, value: unknown): KeyInterval | null {
  const pair = <T>(read: (x: unknown) => T | null, v: unknown): [T, T] | null => {
    const lo = read(isRange(v) ? v.min : v);
    const hi = read(isRange(v) ? v.max : v);
    return lo === null || hi === null ? null : [lo, hi];
  };
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  switch (kind) {
    case 'money': {
      if (typeof value !== 'object' || value === null) return null;
      const v = value as { amount?: unknown; min?: unknown; max?: unknown; currency?: unknown };
      const lo = num(v.min ?? v.amount);
      const hi = num(v.max ?? v.amount);
      if (lo === null || hi === null || typeof v.currency !== 'string') return null;
      return { unit: v.currency, lo, hi };
    }
    case 'count':
    case 'age':
    case 'fraction': {
      const p = pair(num, value);
      return p && { unit: '', lo: p[0], hi: p[1] };
    }
    case 'sentence':
    case 'duration': {
      if (value === 'life') return { unit: 'life', lo: LIFE_DAYS, hi: LIFE_DAYS };
      const p = pair((x) => (typeof x === 'string' ? durationDays(x) : null), value);
      return p && { unit: '', lo: p[0], hi: p[1] };
    }
    case 'date': {
      const lo = typeof (isRange(value) ? value.min : value) === 'string' ? dateMonths((isRange(value) ? value.min : value) as string) : null;
      const hi = typeof (isRange(value) ? value.max : value) === 'string' ? dateMonths((isRange(value) ? value.max : value) as string) : null;
      return lo && hi ? { unit: '', lo: lo[0], hi: hi[1] } : null;
    }
  }
}

/** The interval a claim is stored under: its raw interval widened by its own hedges (not for dates). */
export function keyInterval(kind: ClaimKind, value: unknown, bound: Bound | null | undefined, approximate: boolean | null | undefined): KeyInterval | null {
  const raw = rawInterval(kind, value);
  if (!raw || kind === 'date') return raw;
  let { lo, hi } = raw;
  if (approximate) {
    lo *= 1 - APPROXIMATE_WIDTH;
    hi *= 1 + APPROXIMATE_WIDTH;
  }
  if (bound === 'at_least') hi *= BOUND_REACH;
  if (bound === 'at_most') lo /= BOUND_REACH;
  return { unit: raw.unit, lo, hi };
}

function magnitudeBucket(x: number, step: number, floor: number): number {
  return Math.floor(Math.log(Math.max(x, floor)) / step);
}

function keyName(kind: ClaimKind, unit: string, level: 'f' | 'c', bucket: number) {
  return `${kind}|${unit}|${level}${bucket}`;
}

function bucketsOf(kind: ClaimKind, iv: KeyInterval) {
  if (kind === 'date') {
    return { fine: [iv.lo, iv.hi], coarse: [Math.floor(iv.lo / 12), Math.floor(iv.hi / 12)] };
  }
  const floor = MAGNITUDE_FLOOR[kind];
  return {
    fine: [magnitudeBucket(iv.lo, FINE_STEP, floor), magnitudeBucket(iv.hi, FINE_STEP, floor)],
    coarse: [magnitudeBucket(iv.lo, COARSE_STEP, floor), magnitudeBucket(iv.hi, COARSE_STEP, floor)],
  };
}

function range(lo: number, hi: number, limit: number): number[] {
  const out: number[] = [];
  for (let b = lo; b <= hi && out.length < limit; b++) out.push(b);
  return out;
}

/** The keys a claim is stored under (what the SQL view `claim_value_key_rows` gives). */
export function storedKeys(kind: ClaimKind, iv: KeyInterval): string[] {
  const { fine, coarse } = bucketsOf(kind, iv);
  if (fine[1] - fine[0] < FINE_LIMIT) return range(fine[0], fine[1], FINE_LIMIT).map((b) => keyName(kind, iv.unit, 'f', b));
  return range(coarse[0], coarse[1], COARSE_LIMIT).map((b) => keyName(kind, iv.unit, 'c', b));
}

/** The keys to look up for a claim: its fine buckets (when few) and its coarse ones, widened by the rounding margin. */
export function probeKeys(kind: ClaimKind, iv: KeyInterval): string[] {
  const wide = kind === 'date' ? iv : { unit: iv.unit, lo: iv.lo * (1 - ROUNDING_MARGIN), hi: iv.hi * (1 + ROUNDING_MARGIN) };
  const { fine, coarse } = bucketsOf(kind, wide);
  const keys = range(coarse[0], coarse[1], COARSE_LIMIT).map((b) => keyName(kind, iv.unit, 'c', b));
  if (fine[1] - fine[0] < FINE_LIMIT) keys.unshift(...range(fine[0], fine[1], FINE_LIMIT).map((b) => keyName(kind, iv.unit, 'f', b)));
  return keys;
}
