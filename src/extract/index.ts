// Factmark claim extractor: proposes candidate numeric and date claims from
// article text, typed and normalised as DESIGN.md's "Claim kinds and values"
// table says. Pure TypeScript — no I/O, no Node or DOM APIs — so the Worker,
// the tests and the benchmarks all run the same code.
//
// Each family lives in its own module and proposes spans independently; this
// module drops spans that touch a non-claim number (phone, time, URL, …) and
// settles overlaps between families by a fixed priority, because the same
// digits can only be one thing: "12 years in prison" is a sentence, not also
// a duration and a count; "15 years ago" is a date, not a duration.

import type { Candidate, ClaimKind, ExtractOptions, Span } from './types';
import { findExclusions, overlapsExcluded } from './exclusions';
import { findMoney } from './money';
import { findDurations } from './durations';
import { findDates, parseRef } from './dates';
import { findAges } from './ages';
import { findFractions } from './fractions';
import { findCounts } from './counts';
import { toCodePoints } from './offsets';
import { numberStarts } from './numbers';
import { sentenceAt } from './context';
import { takeIfFree } from './spans';
import { suggestWho, surnamesOf, type Attribution } from './who';

export type { Candidate, ClaimKind, ExtractOptions } from './types';
export { parseValueText, VALUE_EXPECTATIONS } from './value-text';
export type { ParsedValueText, ParseValueOptions } from './value-text';

/** Bump when the rules change, so stored machine suggestions can be traced to them. */
export const EXTRACTOR_VERSION = '2026.11.5';

// Lower wins an overlap.
const PRIORITY: Record<ClaimKind, number> = {
  money: 0,
  sentence: 1,
  date: 2,
  age: 3,
  fraction: 4,
  duration: 5,
  count: 6,
};

/** `/\s/` at one position; printable ASCII (most edges) is answered without the regex. */
function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c > 32 && c < 127) return false;
  return /\s/.test(text[i]);
}

/**
 * Subject and speaker suggestions for a claim a person marked at code points [start, end) of
 * `text`: the extractor's own when it found a figure of that kind there, else the sentence's.
 */
export function suggestSubjectAndSpeaker(text: string, start: number, end: number, kind: ClaimKind): { subject?: string; speaker?: string } {
  const cps = Array.from(text);
  const s = cps.slice(0, start).join('').length;
  const e = s + cps.slice(start, end).join('').length;
  const [rawStart, se] = sentenceAt(text, s);
  const ss = rawStart + (text.slice(rawStart, se).length - text.slice(rawStart, se).trimStart().length);
  // What the kind's own module finds there (the money word, the counted noun), when it finds the figure.
  const found = extractClaims(text.slice(ss, se)).find((c) => c.kind === kind && c.start < e - ss && c.end > s - ss);
  const family = found && (kind === 'money' || kind === 'count' || kind === 'fraction') ? found.subject : undefined;
  return suggestWho(text, s, e, kind, family);
}

export function extractClaims(text: string, options: ExtractOptions = {}): Candidate[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const ref = parseRef(options.publishedAt);
  const excluded = findExclusions(text);
  // One scan for where numbers start, shared by the number-led families.
  const starts = numberStarts(text);

  const all: Span[] = [
    ...findMoney(text, starts),
    ...findDurations(text, starts),
    ...findDates(text, ref),
    ...findAges(text),
    ...findFractions(text, starts),
    ...findCounts(text, starts),
  ];

  // Trim whitespace a pattern may have swallowed at either edge.
  for (const s of all) {
    while (s.end > s.start && isSpaceAt(text, s.end - 1)) s.end--;
    while (s.start < s.end && isSpaceAt(text, s.start)) s.start++;
  }

  all.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start || b.end - a.end);
  const taken = new Uint8Array(text.length + 1);
  const kept: Span[] = [];
  for (const s of all) {
    if (s.end <= s.start) continue;
    if (overlapsExcluded(excluded, s.start, s.end)) continue;
    if (!takeIfFree(taken, s)) continue;
    if (!s.hidden) kept.push(s);
  }
  kept.sort((a, b) => a.start - b.start || PRIORITY[a.kind] - PRIORITY[b.kind]);

  // Who and what each figure is about, and who says it (suggestions a checker can change).
  const surnames = kept.length ? surnamesOf(text) : new Set<string>();
  const speakers = new Map<number, Attribution[]>();
  const who = kept.map((s) => suggestWho(text, s.start, s.end, s.kind, s.subject, surnames, speakers));

  const positions: number[] = [];
  for (const s of kept) positions.push(s.start, s.end);
  const cps = toCodePoints(text, positions);
  return kept.map((s, i) => {
    const c: Candidate = {
      kind: s.kind,
      quote: text.slice(s.start, s.end),
      start: cps[2 * i],
      end: cps[2 * i + 1],
      value: s.value,
    };
    if (s.approximate) c.approximate = true;
    if (s.bound) c.bound = s.bound;
    if (who[i].subject) c.subject = who[i].subject;
    if (who[i].speaker) c.speaker = who[i].speaker;
    if (s.confidence !== undefined) c.confidence = s.confidence;
    return c;
  });
}

/**
 * Characters per piece of `extractInPieces`. A piece of the worst text (nothing but figures,
 * "1 1 1 …") yields about 10 000 candidates and takes some 100 ms: what one step costs at most.
 */
export const PIECE_CHARS = 20_000;

/** Where the piece that starts at `from` ends: at a line break (a sentence end for the rules), else a sentence end or a space, never inside a surrogate pair. */
function pieceEnd(text: string, from: number): number {
  if (text.length - from <= PIECE_CHARS) return text.length;
  const limit = from + PIECE_CHARS;
  const floor = from + PIECE_CHARS / 2;
  const nl = text.lastIndexOf('\n', limit - 1);
  if (nl >= floor) return nl + 1;
  for (let i = limit - 1; i >= floor; i--) if (/[.!?]/.test(text[i]) && /\s/.test(text[i + 1] ?? '')) return i + 2;
  for (let i = limit - 1; i >= floor; i--) if (isSpaceAt(text, i)) return i + 1;
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c < 0xdc00 ? limit - 1 : limit;
}

/**
 * The candidates of `text`, one piece at a time (pieces of at most PIECE_CHARS, cut at line
 * breaks, which the rules already treat as sentence ends), with offsets in code points into
 * the whole text. A caller that has enough stops asking, so the work of one request is
 * bounded by what it keeps, not by how many figures the text holds. For a text of one piece
 * (any article up to about 3 000 words) this is `extractClaims`.
 *
 * @example for (const part of extractInPieces(text, { publishedAt })) { kept.push(...part); if (kept.length >= 2000) break; }
 */
export function* extractInPieces(text: string, options: ExtractOptions = {}): Generator<Candidate[], void, undefined> {
  let from = 0;
  let base = 0; // code points before `from`
  while (from < text.length) {
    const to = pieceEnd(text, from);
    const piece = text.slice(from, to);
    const found = extractClaims(piece, options);
    if (base) for (const c of found) {
      c.start += base;
      c.end += base;
    }
    yield found;
    base += toCodePoints(piece, [piece.length])[0];
    from = to;
  }
}
