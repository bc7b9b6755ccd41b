/**
 * Calendar and percentile arithmetic for the dashboard (issue 17). Pure; days are UTC
 * calendar days written `YYYY-MM-DD`, weeks start on Monday (ISO 8601) and are named by
 * their Monday.
 *
 * @example
 * weekOf('2026-03-05'); // '2026-03-02' (a Thursday belongs to the week of Monday 2 March)
 * percentile([1, 2, 3, 4], 0.5); // 2.5
 */

const DAY_MS = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isDay(value: string): boolean {
  if (!DAY_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The UTC day of an ISO timestamp (or of a Date). */
export function dayOf(at: string | Date): string {
  return (typeof at === 'string' ? new Date(at) : at).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The Monday that starts the ISO week holding `day`. */
export function weekOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** Every day from `from` to `to`, both included. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The Mondays of every week that overlaps `from`..`to`. */
export function weekRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let w = weekOf(from); w <= to; w = addDays(w, 7)) out.push(w);
  return out;
}

/**
 * The p-quantile (0 ≤ p ≤ 1) of values sorted ascending, by linear interpolation between
 * closest ranks (numpy's default, Excel's PERCENTILE.INC): the median of [1, 2, 3, 4] is 2.5.
 * Null for no values.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/**
 * The ranks (0-based, in ascending order) that `percentile` reads for the p-quantile of n
 * values, so a query can return only those rows instead of all of them.
 */
export function percentileRanks(n: number, p: number): [number, number] {
  const rank = (n - 1) * p;
  return [Math.floor(rank), Math.ceil(rank)];
}

/** The p-quantile of n sorted values of which only some ranks are known (`valueAt(rank)`). */
export function percentileOf(n: number, p: number, valueAt: (rank: number) => number | undefined): number | null {
  if (n <= 0) return null;
  const rank = (n - 1) * p;
  const [lo, hi] = percentileRanks(n, p);
  const a = valueAt(lo);
  const b = valueAt(hi);
  if (a === undefined || b === undefined) return null;
  return a + (b - a) * (rank - lo);
}

/** "1 d 4 h", "3 h 20 min", "45 min", "30 s": a duration in seconds as people read it. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** The dashboard's period: whole weeks, from a Monday to a Sunday (both included). */
export interface DashboardRange {
  from: string;
  to: string;
  /** What was wrong with the address's range, if anything (the defaults were used instead). */
  notice?: string;
}

/** Weeks shown when the address names no period, and the most it may name. */
export const DEFAULT_WEEKS = 12;
export const MAX_WEEKS = 53;

/**
 * The period from the address (`from`, `to`: YYYY-MM-DD), defaulting to the 12 weeks up to
 * the one holding `today`. It always covers whole weeks: `from` moves back to its Monday and
 * `to` on to its Sunday (the counts are kept per week).
 *
 * @example
 * parseRange({ from: '2026-01-07', to: '2026-01-29' }, '2026-03-01'); // { from: '2026-01-05', to: '2026-02-01' }
 */
export function parseRange(query: { from?: string; to?: string }, today: string): DashboardRange {
  const notices: string[] = [];
  let to = today;
  if (query.to) {
    if (isDay(query.to)) to = query.to;
    else notices.push(`“${query.to}” is not a date (YYYY-MM-DD); the period ends today.`);
  }
  let from = addDays(weekOf(to), -7 * (DEFAULT_WEEKS - 1));
  if (query.from) {
    if (!isDay(query.from)) notices.push(`“${query.from}” is not a date (YYYY-MM-DD); the period starts ${DEFAULT_WEEKS} weeks back.`);
    else if (query.from > to) notices.push('The period started after it ended; showing the 12 weeks up to its end.');
    else from = weekOf(query.from);
  }
  to = addDays(weekOf(to), 6);
  if (daysBetween(from, to) >= MAX_WEEKS * 7) {
    from = addDays(weekOf(to), -7 * (MAX_WEEKS - 1));
    notices.push(`The dashboard shows at most ${MAX_WEEKS} weeks; the period now starts ${from}.`);
  }
  return notices.length ? { from, to, notice: notices.join(' ') } : { from, to };
}
