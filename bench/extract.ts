// Benchmark of the claim extractor (src/extract) against hand-labelled gold:
// the seed article (schema/seed/claims.gold.json) and the invented articles in
// test/fixtures/extract/. Prints recall per kind, precision for sentence,
// money and date (full matches: kind + overlapping span + equal value; and
// span-only matches), and throughput in MB/s. Runs chrono-node and
// Microsoft Recognizers-Text on the same gold, mapped into our kinds/values,
// and prints their figures beside ours.
//
//   npm run bench:extract            (tsx bench/extract.ts)

import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import * as chrono from 'chrono-node';
import * as Recognizers from '@microsoft/recognizers-text-suite';
import { extractClaims, EXTRACTOR_VERSION } from '../src/extract/index';
import { toCodePoints } from '../src/extract/offsets';
import {
  type GoldFile,
  type KindRule,
  type LocatedGold,
  type Predicted,
  type Score,
  KINDS,
  locateGold,
  mergeScores,
  precision,
  recall,
  score,
} from '../test/unit/extract/scoring';

interface Article {
  name: string;
  text: string;
  publishedAt: string;
  gold: LocatedGold[];
}

function load(goldPath: string, name: string): Article {
  const g = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldFile;
  const text = readFileSync(join(dirname(goldPath), g.article), 'utf8');
  return { name, text, publishedAt: g.publishedAt, gold: locateGold(text, g.claims) };
}

const root = join(import.meta.dirname, '..');
const seed = load(join(root, 'schema/seed/claims.gold.json'), 'seed (The Diplomat)');
const fixtureDir = join(root, 'test/fixtures/extract');
const fixtures = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.gold.json'))
  .sort()
  .map((f) => load(join(fixtureDir, f), f.replace('.gold.json', '')));

// ---------------------------------------------------------------- systems

type System = { name: string; rule: KindRule; run: (text: string, publishedAt: string) => Predicted[] };

const ours: System = {
  name: `factmark ${EXTRACTOR_VERSION}`,
  rule: 'strict',
  run: (text, publishedAt) => extractClaims(text, { publishedAt }),
};

/** Reference instant for the libraries: a partial date is taken at the end of its period (articles report the past). */
function refDate(publishedAt: string): Date {
  const [y, m, d] = publishedAt.split('-').map(Number);
  if (d) return new Date(Date.UTC(y, m - 1, d, 12));
  if (m) return new Date(Date.UTC(y, m, 0, 12));
  return new Date(Date.UTC(y, 11, 31, 12));
}

function iso(d: Date, precision: 'year' | 'month' | 'day'): string {
  const s = d.toISOString();
  return precision === 'year' ? s.slice(0, 4) : precision === 'month' ? s.slice(0, 7) : s.slice(0, 10);
}

function withCodePoints(text: string, preds: (Omit<Predicted, 'start' | 'end'> & { s16: number; e16: number })[]): Predicted[] {
  const cps = toCodePoints(text, preds.flatMap((p) => [p.s16, p.e16]));
  return preds.map((p, i) => ({ kind: p.kind, value: p.value, start: cps[2 * i], end: cps[2 * i + 1] }));
}

// chrono-node: every result is a date; precision from what chrono marks as certain
// ("15 years ago" carries no certain component, so a year is its precision).
const chronoSystem: System = {
  name: 'chrono-node 2.10.3',
  rule: 'strict',
  run: (text, publishedAt) => {
    const ref = refDate(publishedAt);
    const out = chrono
      .parse(text, ref)
      .filter((r) => !/^(?:now|today)$/i.test(r.text.trim()))
      .map((r) => {
        const c = r.start;
        const precision = c.isCertain('day') ? 'day' : c.isCertain('month') ? 'month' : /\b(?:years?|decades?)\b/i.test(r.text) || c.isCertain('year') ? 'year' : 'month';
        return { kind: 'date', value: iso(c.date(), precision), s16: r.index, e16: r.index + r.text.length };
      });
    return withCodePoints(text, out);
  },
};

/** Recognizers-Text is built for short utterances (a whole article takes seconds and yields one giant match), so it is run sentence by sentence. */
function sentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /[^\n.!?]+(?:[.!?]+["”’)]*|\n|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

// The same overlap order as ours (src/extract/index.ts).
const PRIORITY: Record<string, number> = { money: 0, sentence: 1, date: 2, age: 3, fraction: 4, duration: 5, count: 6 };

const recognizersSystem: System = {
  name: 'Recognizers-Text 1.3.1',
  rule: 'durations-interchangeable',
  run: (text, publishedAt) => {
    const ref = refDate(publishedAt);
    const E = Recognizers.Culture.English;
    const raw: { kind: string; value: unknown; s16: number; e16: number }[] = [];
    for (const [s0, e0] of sentences(text)) {
      const t = text.slice(s0, e0);
      if (!/\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand|million|half|third|quarter|fifth|year|month|week|day|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ago|last|next|this|summer|winter|spring|autumn)/i.test(t)) continue;
      const at = (r: { start: number; end: number }) => ({ s16: s0 + r.start, e16: s0 + r.end + 1 }); // Recognizers' end is inclusive
      for (const r of Recognizers.recognizeCurrency(t, E)) {
        const res = r.resolution as { value?: string; isoCurrency?: string; unit?: string };
        // A bare "$" comes back as unit "Dollar" without a code; we read it as USD too.
        const currency = res?.isoCurrency ?? (res?.unit === 'Dollar' ? 'USD' : undefined);
        if (res?.value && currency) raw.push({ kind: 'money', value: { amount: Number(res.value), currency }, ...at(r) });
      }
      for (const r of Recognizers.recognizeDateTime(t, E, undefined, ref)) {
        const values = (r.resolution?.values ?? []) as { timex?: string; type?: string; value?: string; start?: string }[];
        const v = values[0];
        if (!v?.timex) continue;
        const timex = v.timex;
        if (r.typeName.endsWith('duration')) {
          raw.push({ kind: 'duration', value: timex, ...at(r) });
          continue;
        }
        if (!/date/.test(r.typeName)) continue; // times of day, sets
        let value: string | undefined;
        if (/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(timex)) value = timex;
        else if (/^\d{4}-(?:SU|WI|SP|FA)$/.test(timex)) value = timex.slice(0, 4);
        else if (/^XXXX-\d{2}$/.test(timex) && (v.start || v.value)) value = (v.start ?? v.value)!.slice(0, 7);
        else if (/^XXXX-\d{2}-\d{2}$/.test(timex) && v.value) value = v.value.slice(0, 10);
        else if (v.value && /^\d{4}-\d{2}-\d{2}/.test(v.value)) value = v.value.slice(0, 10);
        else if (v.start && /^\d{4}-\d{2}-\d{2}/.test(v.start)) value = v.start.slice(0, 10);
        if (value) raw.push({ kind: 'date', value, ...at(r) });
      }
      for (const r of Recognizers.recognizeAge(t, E)) {
        const res = r.resolution as { value?: string; unit?: string };
        if (res?.value && res.unit === 'Year') raw.push({ kind: 'age', value: Number(res.value), ...at(r) });
      }
      for (const r of Recognizers.recognizePercentage(t, E)) {
        const res = r.resolution as { value?: string };
        if (res?.value) raw.push({ kind: 'fraction', value: Number(res.value.replace('%', '')) / 100, ...at(r) });
      }
      for (const r of Recognizers.recognizeNumber(t, E)) {
        const res = r.resolution as { value?: string };
        const n = Number(res?.value);
        if (!Number.isFinite(n)) continue;
        // A number strictly between 0 and 1 ("one-fifth") is a share.
        raw.push({ kind: n > 0 && n < 1 ? 'fraction' : 'count', value: n, ...at(r) });
      }
    }
    // Same overlap policy as ours: money, dates, ages, percentages, durations, bare numbers.
    raw.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || a.s16 - b.s16);
    const kept: typeof raw = [];
    for (const r of raw) if (!kept.some((k) => r.s16 < k.e16 && k.s16 < r.e16)) kept.push(r);
    kept.sort((a, b) => a.s16 - b.s16);
    return withCodePoints(text, kept);
  },
};

// ---------------------------------------------------------------- report

const pct = (x: number) => (Number.isNaN(x) ? '   –  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

function scoreSystem(sys: System, articles: Article[]): Score {
  return mergeScores(articles.map((a) => score(a.gold, sys.run(a.text, a.publishedAt), sys.rule)));
}

function printTable(title: string, rows: [string, Score][]) {
  console.log(`\n### ${title}\n`);
  const head = ['system', ...KINDS.map((k) => `R ${k}`), 'R all', 'P sentence', 'P money', 'P date', 'R all (span)', 'P s/m/d (span)'];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const [name, s] of rows) {
    const r = KINDS.map((k) => (s.byKind[k].gold ? `${pct(recall(s.byKind[k]))} (${s.byKind[k].matched}/${s.byKind[k].gold})` : '–'));
    const p = (['sentence', 'money', 'date'] as const).map((k) => {
      const ks = s.byKind[k];
      return ks.predicted ? `${pct(precision(ks))} (${ks.predictedMatched}/${ks.predicted})` : '–';
    });
    const spanR = s.total.gold ? s.total.spanMatched / s.total.gold : NaN;
    const smd = (['sentence', 'money', 'date'] as const).reduce(
      (acc, k) => [acc[0] + s.byKind[k].predictedSpanMatched, acc[1] + s.byKind[k].predicted],
      [0, 0],
    );
    console.log(`| ${[name, ...r, `${pct(recall(s.total))} (${s.total.matched}/${s.total.gold})`, ...p, pct(spanR), pct(smd[1] ? smd[0] / smd[1] : NaN)].join(' | ')} |`);
  }
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Median wall-clock throughput, plus the median CPU time of the process for the
 * same runs: on a shared 2-core machine the wall clock includes waiting for a
 * core, the CPU figure does not (it does include V8's GC threads).
 */
function throughput(run: (t: string) => unknown, text: string, runs: number, warmUp = true): { mbps: number; ms: number; cpuMbps: number } {
  run(text.slice(0, 20_000)); // warm-up (JIT, regex compilation)
  if (warmUp) run(text);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run(text);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const ms = median(times);
  const bytes = new TextEncoder().encode(text).length;
  return { mbps: bytes / 1e6 / (ms / 1000), ms, cpuMbps: bytes / 1e6 / (median(cpu) / 1000) };
}

// `--quick` scores our extractor only (no libraries, no throughput), for iterating on rules;
// `--speed` measures only our throughput (for re-measuring when the machine is quieter).
const quick = process.argv.includes('--quick');
const speedOnly = process.argv.includes('--speed');
const systems = quick ? [ours] : [ours, chronoSystem, recognizersSystem];
const all = [seed, ...fixtures];

console.log(`# Extractor benchmark — ${new Date().toISOString()}`);
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
console.log('Match = same kind, overlapping span, equal value after normalisation (durations by length, numbers numerically, currency codes);');
console.log('"span" columns drop the value condition. Recognizers-Text cannot tell prison terms from other durations, so for it');
console.log('a duration may match a gold sentence or duration (the relaxed rule); chrono-node only finds dates.');

if (!speedOnly) {
printTable(`Seed article (${seed.gold.length} gold claims)`, systems.map((s) => [s.name, scoreSystem(s, [seed])] as [string, Score]));
for (const f of fixtures) {
  printTable(`Fixture ${f.name} (${f.gold.length} gold claims)`, systems.map((s) => [s.name, scoreSystem(s, [f])] as [string, Score]));
}
printTable(
  `All ${fixtures.length} fixtures (${fixtures.reduce((n, f) => n + f.gold.length, 0)} gold claims)`,
  systems.map((s) => [s.name, scoreSystem(s, fixtures)] as [string, Score]),
);

// What we still miss, for the record.
const mine = scoreSystem(ours, all);
console.log('\n### factmark: misses and value errors (seed + fixtures)\n');
for (const g of mine.misses) console.log(`- miss  ${g.kind.padEnd(8)} ${JSON.stringify(g.quote)} → ${JSON.stringify(g.value)}`);
for (const { gold, predicted } of mine.valueErrors)
  console.log(`- value ${gold.kind.padEnd(8)} ${JSON.stringify(gold.quote)}: gold ${JSON.stringify(gold.value)}, ours ${JSON.stringify(predicted.value)}`);
const fpMain = mine.falsePositives.filter((p) => ['sentence', 'money', 'date'].includes(p.kind));
for (const p of fpMain) console.log(`- extra ${p.kind.padEnd(8)} ${JSON.stringify(p.quote ?? '')} ${JSON.stringify(p.value)}`);
}

// ---------------------------------------------------------------- speed
if (quick) process.exit(0);
let big = '';
const corpus = all.map((a) => a.text).join('\n\n');
while (new TextEncoder().encode(big).length < 1_000_000) big += corpus + '\n\n';
const bigBytes = new TextEncoder().encode(big).length;
const runs = 7;
console.log(`\n### Throughput (median of ${runs} runs; text = the ${all.length} articles repeated to ${(bigBytes / 1e6).toFixed(2)} MB)\n`);
const tOurs = throughput((t) => extractClaims(t, { publishedAt: '2017-08' }), big, runs);
console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} cores\n`);
console.log(`| system | MB/s (wall) | median ms | MB per CPU-second |\n|---|---|---|---|`);
console.log(`| ${ours.name} | ${tOurs.mbps.toFixed(2)} | ${tOurs.ms.toFixed(0)} | ${tOurs.cpuMbps.toFixed(2)} |`);
if (speedOnly) process.exit(0);
const tChrono = throughput((t) => chrono.parse(t, refDate('2017-08')), big, runs);
console.log(`| ${chronoSystem.name} (dates only) | ${tChrono.mbps.toFixed(2)} | ${tChrono.ms.toFixed(0)} | ${tChrono.cpuMbps.toFixed(2)} |`);
// Recognizers-Text is far slower; measured on a 100 kB slice so the benchmark finishes.
const slice = big.slice(0, 100_000);
const tRec = throughput((t) => recognizersSystem.run(t, '2017-08'), slice, 3, false); // no full-size warm-up: each run takes seconds
console.log(`| ${recognizersSystem.name} (5 recognizers, per sentence; 100 kB slice, median of 3) | ${tRec.mbps.toFixed(3)} | ${tRec.ms.toFixed(0)} | ${tRec.cpuMbps.toFixed(3)} |`);
