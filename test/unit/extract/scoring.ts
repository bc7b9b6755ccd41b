// Scoring of extractor output against a hand-labelled gold file (the format of
// schema/seed/claims.gold.json). Shared by the unit tests and bench/extract.ts.
//
// Matching rule: a candidate matches a gold claim when
//   1. the kinds are equal (optionally relaxed, see `kindsMatch`),
//   2. the spans overlap (gold spans are located from `context` + `quote`),
//   3. the values are equal after normalisation (`sameValue`).
// Matching is one-to-one and greedy in text order. A "span-only" match drops
// rule 3, to show how many misses are value errors rather than misses.

export interface GoldClaim {
  kind: string;
  quote: string;
  value: unknown;
  context: string;
  subject?: string;
  note?: string;
}

export interface GoldFile {
  article: string;
  publishedAt: string;
  claims: GoldClaim[];
  note?: string;
}

export interface Predicted {
  kind: string;
  start: number;
  end: number;
  value: unknown;
  quote?: string;
}

export interface LocatedGold extends GoldClaim {
  start: number;
  end: number;
}

export const KINDS = ['sentence', 'money', 'count', 'date', 'duration', 'age', 'fraction'] as const;

/** Code-point offset of a UTF-16 index. */
function cpIndex(text: string, u16: number): number {
  let n = 0;
  for (let i = 0; i < u16; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    n++;
  }
  return n;
}

/** Find each gold claim in the text: its context first, then the quote inside it. */
export function locateGold(text: string, gold: GoldClaim[]): LocatedGold[] {
  return gold.map((g) => {
    const ci = text.indexOf(g.context);
    if (ci < 0) throw new Error(`gold context not found: ${JSON.stringify(g.context)}`);
    const qi = g.context.indexOf(g.quote);
    if (qi < 0) throw new Error(`gold quote not inside its context: ${JSON.stringify(g.quote)}`);
    const s = ci + qi;
    return { ...g, start: cpIndex(text, s), end: cpIndex(text, s + g.quote.length) };
  });
}

const DUR = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** ISO 8601 duration → [months, days, seconds] so "P1Y6M" equals "P18M". */
function durationKey(v: string): string | null {
  const m = DUR.exec(v);
  if (!m || v === 'P') return null;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  const months = n(1) * 12 + n(2);
  const days = n(3) * 7 + n(4);
  const secs = n(5) * 3600 + n(6) * 60 + n(7);
  return `${+months.toFixed(4)}|${+days.toFixed(4)}|${+secs.toFixed(4)}`;
}

function num(a: unknown): number | null {
  return typeof a === 'number' && Number.isFinite(a) ? a : null;
}

function closeNumbers(a: number, b: number): boolean {
  // Fractions may be written with 3 or 4 decimals (0.667 vs 0.6667).
  return Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-9) || (Math.abs(a) <= 1 && Math.abs(b) <= 1 && Math.abs(a - b) < 0.001);
}

/** Values equal after normalisation: durations by length, numbers numerically, currencies by code. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return true;
    const da = durationKey(a);
    const db = durationKey(b);
    return da !== null && da === db;
  }
  const na = num(a);
  const nb = num(b);
  if (na !== null && nb !== null) return closeNumbers(na, nb);
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const oa = a as Record<string, unknown>;
    const ob = b as Record<string, unknown>;
    if ('currency' in oa || 'currency' in ob) {
      if (String(oa.currency).toUpperCase() !== String(ob.currency).toUpperCase()) return false;
      if ('min' in oa && 'min' in ob) return sameValue(oa.min, ob.min) && sameValue(oa.max, ob.max);
      return sameValue(oa.amount, ob.amount);
    }
    if ('min' in oa && 'min' in ob) return sameValue(oa.min, ob.min) && sameValue(oa.max, ob.max);
  }
  return false;
}

export type KindRule = 'strict' | 'durations-interchangeable';

/** Kinds match; libraries that cannot tell a prison term from other durations get the relaxed rule. */
export function kindsMatch(pred: string, gold: string, rule: KindRule): boolean {
  if (pred === gold) return true;
  if (rule === 'durations-interchangeable') {
    const d = (k: string) => k === 'sentence' || k === 'duration';
    return d(pred) && d(gold);
  }
  return false;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export interface KindScore {
  gold: number;
  predicted: number;
  matched: number; // full matches (kind, span, value)
  spanMatched: number; // kind + span only
  predictedMatched: number; // predictions of this kind that fully matched
  predictedSpanMatched: number;
}

export interface Score {
  byKind: Record<string, KindScore>;
  total: KindScore;
  misses: LocatedGold[];
  valueErrors: { gold: LocatedGold; predicted: Predicted }[];
  falsePositives: Predicted[];
}

function emptyKind(): KindScore {
  return { gold: 0, predicted: 0, matched: 0, spanMatched: 0, predictedMatched: 0, predictedSpanMatched: 0 };
}

/** Greedy one-to-one matching; full matches are paired first, then span-only ones. */
export function score(gold: LocatedGold[], predicted: Predicted[], rule: KindRule = 'strict'): Score {
  const byKind: Record<string, KindScore> = {};
  for (const k of KINDS) byKind[k] = emptyKind();
  const bk = (k: string) => (byKind[k] ??= emptyKind());
  for (const g of gold) bk(g.kind).gold++;

  const effectiveKind = new Map<Predicted, string>(); // relaxed rule: a duration matching a sentence counts as one
  const fullPair = new Map<LocatedGold, Predicted>();
  const usedFull = new Set<Predicted>();
  for (const g of gold) {
    const p = predicted.find((c) => !usedFull.has(c) && kindsMatch(c.kind, g.kind, rule) && overlaps(c, g) && sameValue(c.value, g.value));
    if (p) {
      fullPair.set(g, p);
      usedFull.add(p);
      effectiveKind.set(p, g.kind);
    }
  }
  const spanPair = new Map<LocatedGold, Predicted>();
  const usedSpan = new Set<Predicted>(usedFull);
  for (const g of gold) {
    if (fullPair.has(g)) {
      spanPair.set(g, fullPair.get(g)!);
      continue;
    }
    const p = predicted.find((c) => !usedSpan.has(c) && kindsMatch(c.kind, g.kind, rule) && overlaps(c, g));
    if (p) {
      spanPair.set(g, p);
      usedSpan.add(p);
      effectiveKind.set(p, g.kind);
    }
  }
  for (const p of predicted) {
    const k = effectiveKind.get(p) ?? p.kind;
    bk(k).predicted++;
    if (usedFull.has(p)) bk(k).predictedMatched++;
    if (usedSpan.has(p)) bk(k).predictedSpanMatched++;
  }
  for (const g of gold) {
    if (fullPair.has(g)) bk(g.kind).matched++;
    if (spanPair.has(g)) bk(g.kind).spanMatched++;
  }
  const total = emptyKind();
  for (const s of Object.values(byKind)) {
    total.gold += s.gold;
    total.predicted += s.predicted;
    total.matched += s.matched;
    total.spanMatched += s.spanMatched;
    total.predictedMatched += s.predictedMatched;
    total.predictedSpanMatched += s.predictedSpanMatched;
  }
  return {
    byKind,
    total,
    misses: gold.filter((g) => !spanPair.has(g)),
    valueErrors: gold.filter((g) => !fullPair.has(g) && spanPair.has(g)).map((g) => ({ gold: g, predicted: spanPair.get(g)! })),
    falsePositives: predicted.filter((p) => !usedSpan.has(p)),
  };
}

export function recall(s: KindScore): number {
  return s.gold === 0 ? NaN : s.matched / s.gold;
}
export function precision(s: KindScore): number {
  return s.predicted === 0 ? NaN : s.predictedMatched / s.predicted;
}

/** Merge several scores (micro-average over articles). */
export function mergeScores(scores: Score[]): Score {
  const byKind: Record<string, KindScore> = {};
  const total = emptyKind();
  for (const s of scores) {
    for (const [k, v] of Object.entries(s.byKind)) {
      const t = (byKind[k] ??= emptyKind());
      for (const key of Object.keys(v) as (keyof KindScore)[]) t[key] += v[key];
    }
    for (const key of Object.keys(total) as (keyof KindScore)[]) total[key] += s.total[key];
  }
  return {
    byKind,
    total,
    misses: scores.flatMap((s) => s.misses),
    valueErrors: scores.flatMap((s) => s.valueErrors),
    falsePositives: scores.flatMap((s) => s.falsePositives),
  };
}
