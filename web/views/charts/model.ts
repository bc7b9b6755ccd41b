/**
 * The data behind a chart, and what is derived from it without drawing: axis ticks, the
 * table (the CSV download is that table, written by src/services/export-writers.ts). A chart,
 * its HTML table and its CSV all come from one `ChartData`, so they cannot disagree. Pure (no
 * DOM, no I/O).
 *
 * @example
 * const chart: ChartData = { id: 'x', title: 'Checks', summary: '…', xLabel: 'Week starting', x: ['2026-01-05'], series: [{ key: 'n', label: 'Checks', values: [3], style: SINGLE_STYLE }] };
 * chartTable(chart); // { head: ['Week starting', 'Checks'], rows: [['2026-01-05', '3']] }
 */
import type { SeriesStyle } from './palette';

export interface Series {
  key: string;
  label: string;
  /** One value per x; null where there is nothing to show (a week without publications has no median). */
  values: (number | null)[];
  style: SeriesStyle;
}

export interface ChartData {
  /** Unique on the page; used for element ids and the CSV's name. */
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows, for screen readers and everyone. */
  summary: string;
  /** The first column's heading: "Week starting", "Day", "Article". */
  xLabel: string;
  /** The categories along the axis: days (YYYY-MM-DD) or names. */
  x: string[];
  series: Series[];
  /** What the values count ("claims", "hours"); shown on the axis. */
  unit?: string;
}

export interface Table {
  head: string[];
  rows: string[][];
}

/** A value as the table and the CSV show it: integers as they are, others to one decimal. */
export function formatValue(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '';
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** The chart's data as rows: one per x, one column per series. */
export function chartTable(chart: ChartData): Table {
  return {
    head: [chart.xLabel, ...chart.series.map((s) => s.label)],
    rows: chart.x.map((x, i) => [x, ...chart.series.map((s) => formatValue(s.values[i] ?? null))]),
  };
}


/**
 * Axis ticks from 0 to at least `max`: steps of 1, 2, 2.5 or 5 times a power of ten, about
 * `count` of them. `niceTicks(37)` → [0, 10, 20, 30, 40].
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = 0; t < max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-01-05" → "5 Jan" (with the year when `withYear`); anything else as it is. */
export function shortDay(x: string, withYear = false): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(x);
  if (!m) return x;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]}${withYear ? ` ${m[1]}` : ''}`;
}

/** Which of n axis labels to print so that at most `room` show (always the first). */
export function labelEvery(n: number, room: number): number {
  return Math.max(1, Math.ceil(n / Math.max(1, room)));
}

/** Sum of every series at each x (the height of a stack). */
export function stackTotals(chart: ChartData): number[] {
  return chart.x.map((_, i) => chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
}

/** The largest value any series reaches (0 for none). */
export function maxValue(chart: ChartData): number {
  return Math.max(0, ...chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
}
