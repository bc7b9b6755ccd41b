/**
 * Re-anchoring: where each claim of an article is in a new revision of its text, with the
 * embed's own strategy (`web/embed/text-match.ts`: the position with drift, then the quote
 * with its context, then an approximate match), so the server and the readers' pages agree.
 * Pure: no database here; `src/services/revisions.ts` stores what it decides.
 *
 * - The quote is found as it was (typography and whitespace aside): the claim **moved**.
 * - It is found with edits ("12 years" now reads "10 years"), or its place is found between
 *   its old context with other words in it: the claim **changed**, `after` is the new words.
 * - Neither: the claim is **gone** (`after` null). So is a short quote that repeats with the
 *   same context agreement at each copy and no usable position: ambiguity is refused, not guessed.
 */
import { anchorAll, contextScore, fold, foldString, type QuoteTarget } from './text-match';
import { CONTEXT_LENGTH, type Anchor } from './text';

export interface PlacedClaim {
  id: string;
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export type Placement =
  | { id: string; kind: 'moved'; anchor: Anchor }
  | { id: string; kind: 'changed'; before: string; after: string; anchor: Anchor }
  | { id: string; kind: 'gone'; before: string; reason: 'not-found' | 'ambiguous' };

/** A quote shorter than this (folded) that repeats is checked for a tie in context. */
const SHORT = 20;

/**
 * Places every claim in `text` (the new revision, normalised as stored). Offsets in the
 * answer are code points into `text`, with the context recomputed there.
 *
 * @example reanchor('He got 10 years.', [{ id: 'c', quote: '12 years', prefix: 'He got ', suffix: '.', start: 7, end: 15 }])
 * // [{ id: 'c', kind: 'changed', before: '12 years', after: '10 years', anchor: {…} }]
 */
export function reanchor(text: string, claims: PlacedClaim[]): Placement[] {
  const page = fold(text);
  const f = page.text;
  // UTF-16 offset → code points in O(log n): the offsets of the astral characters, once.
  const astral: number[] = [];
  for (const m of text.matchAll(/[\ud800-\udbff][\udc00-\udfff]/g)) astral.push(m.index as number);
  const cp = (u: number) => {
    let lo = 0;
    let hi = astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (astral[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return u - lo;
  };
  const toAnchor = (fs: number, fe: number): Anchor => {
    const s = page.toRaw(fs);
    const e = page.toRaw(fe - 1) + 1;
    const before = Array.from(text.slice(Math.max(0, s - CONTEXT_LENGTH * 2), s));
    const after = Array.from(text.slice(e, e + CONTEXT_LENGTH * 2));
    return { quote: text.slice(s, e), start: cp(s), end: cp(e), prefix: before.slice(-CONTEXT_LENGTH).join(''), suffix: after.slice(0, CONTEXT_LENGTH).join('') };
  };
  const targets: QuoteTarget[] = claims.map((c) => ({ exact: c.quote, prefix: c.prefix, suffix: c.suffix, start: c.start, end: c.end }));
  const anchors = anchorAll(f, targets);
  const out = claims.map((c, i): Placement => {
    const a = anchors[i];
    const q = foldString(c.quote);
    if (a) {
      if (a.how === 'quote' && q.length < SHORT && tied(f, q, c)) return { id: c.id, kind: 'gone', before: c.quote, reason: 'ambiguous' };
      if (a.errors === 0) return { id: c.id, kind: 'moved', anchor: toAnchor(a.start, a.end) };
      // An approximate match may end inside a word ("n municipal plots" of "dozen municipal
      // plots"): the new words are whole words.
      let [s, e] = [a.start, a.end];
      while (s > 0 && /[\p{L}\p{N}]/u.test(f[s - 1])) s--;
      while (e < f.length && /[\p{L}\p{N}]/u.test(f[e])) e++;
      const anchor = toAnchor(s, e);
      return { id: c.id, kind: 'changed', before: c.quote, after: anchor.quote, anchor };
    }
    const between = bracket(f, c, q.length);
    if (between) {
      const anchor = toAnchor(between[0], between[1]);
      return { id: c.id, kind: 'changed', before: c.quote, after: anchor.quote, anchor };
    }
    return { id: c.id, kind: 'gone', before: c.quote, reason: 'not-found' };
  });
  // A changed claim found where another claim was found as it was (a removed figure whose
  // neighbour looks like it: "10,037 somoni" for "10,074 somoni") is not there: it is gone.
  const exact = out.filter((p) => p.kind === 'moved').map((p) => (p as { anchor: Anchor }).anchor);
  const placed = out.map((p): Placement =>
    p.kind === 'changed' && exact.some((x) => x.start < p.anchor.end && p.anchor.start < x.end) ? { id: p.id, kind: 'gone', before: p.before, reason: 'not-found' } : p,
  );
  // Two claims on the very same words (repeated sentences, a claim's copy found for another):
  // the one that was nearest keeps them; the other could not be told apart, so it is refused.
  const bySpan = new Map<string, number>();
  placed.forEach((p, i) => {
    if (p.kind === 'gone') return;
    const key = `${p.anchor.start}:${p.anchor.end}`;
    const j = bySpan.get(key);
    if (j === undefined) return void bySpan.set(key, i);
    const dist = (k: number) => Math.abs(claims[k].start - (placed[k] as { anchor: Anchor }).anchor.start);
    const [keep, drop] = dist(i) < dist(j) ? [i, j] : [j, i];
    bySpan.set(key, keep);
    placed[drop] = { id: claims[drop].id, kind: 'gone', before: claims[drop].quote, reason: 'ambiguous' };
  });
  return placed;
}

/** Whether the best context agreement for the quote is shared by two or more of its copies. */
function tied(f: string, q: string, c: PlacedClaim): boolean {
  const pre = foldString(c.prefix, false);
  const suf = foldString(c.suffix, false);
  const scores: number[] = [];
  for (let s = f.indexOf(q); s >= 0; s = f.indexOf(q, s + 1)) scores.push(contextScore(f, s, s + q.length, pre, suf));
  if (scores.length < 2) return false;
  const best = Math.max(...scores);
  return scores.filter((x) => Math.abs(x - best) < 1e-9).length > 1;
}

/**
 * The claim's place found by its context alone: the end of its prefix and the start of its
 * suffix (16 characters of each, folded), close together, nearest the old position. The text
 * between them is what the quote became (null when nothing is between them, or the context
 * is too short to trust).
 */
function bracket(f: string, c: PlacedClaim, m: number): [number, number] | null {
  const pre = foldString(c.prefix, false).slice(-16);
  const suf = foldString(c.suffix, false).slice(0, 16);
  if (pre.trim().length < 8 || suf.trim().length < 8) return null;
  const maxGap = Math.max(3 * m, m + 40);
  let best: [number, number] | null = null;
  for (let p = f.indexOf(pre); p >= 0; p = f.indexOf(pre, p + 1)) {
    const from = p + pre.length;
    const s = f.indexOf(suf, from);
    if (s < 0 || s - from > maxGap) continue;
    // Trim the spaces the context may or may not include.
    let a = from;
    let b = s;
    while (a < b && f[a] === ' ') a++;
    while (b > a && f[b - 1] === ' ') b--;
    if (a === b) continue;
    if (!best || Math.abs(a - c.start) < Math.abs(best[0] - c.start)) best = [a, b];
  }
  return best;
}
