/**
 * Pure text matching for the reader embed and the server's re-anchoring: folding with an
 * offset map, exact and approximate (bit-parallel) search, context scoring, and the anchoring
 * strategy. No DOM here: the unit tests run it in Node, the embed feeds it the page's text,
 * the server a new revision's (`src/domain/reanchor.ts`). Kept small: the embed carries it.
 *
 * Folding makes typography irrelevant: every whitespace run (spaces, tabs, newlines,
 * non-breaking and thin spaces) becomes one space, typographic quotes become straight
 * ones, every dash and minus becomes '-', and invisible characters (soft hyphen,
 * zero-width spaces, BOM) disappear. Each folded code unit keeps the offset of the raw
 * code unit it came from, so a match in folded text maps back to the page.
 */

/** Whitespace other than the plain space (a class body): every kind folds to one space. */
const WS = '\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000';
/** Invisible characters, which fold to nothing: soft hyphen, zero-width spaces and joiners, BOM. */
const INVISIBLE = '\u00ad\u200b-\u200d\u2060\ufeff';
/**
 * Runs to fold: a space followed by more whitespace or invisibles, any other whitespace
 * character, or an invisible one, each with what follows of either kind. A single plain
 * space (the common case) does not match, so most of a page is copied as long slices.
 */
const JUNK = new RegExp(` [ ${WS}${INVISIBLE}]+|[${WS}${INVISIBLE}][ ${WS}${INVISIBLE}]*`, 'g');
const VISIBLE = new RegExp(`[^${INVISIBLE}]`);
/** Typographic quotes and dashes, replaced one for one (so the offset map is unaffected). */
function straighten(s: string): string {
  return s
    .replace(/[\u2018-\u201b\u2032\u02bc]/g, "'")
    .replace(/[\u201c-\u201f\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-');
}

/** The last index i of the ascending `a` with a[i] <= x (0 when there is none). */
export function floorIndex(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Folded {
  /** The folded text. */
  text: string;
  /** The raw offset (UTF-16) that folded unit `i` came from. */
  toRaw(i: number): number;
}

/**
 * Folds raw text (a whole page's text in one string) and keeps the map back to raw offsets
 * as runs (folded start, raw start) where both advance together: a 200 KB page needs a few
 * thousand entries, not one per character. Native regex passes only, because a
 * per-character loop is slow on a cold page. `trim` drops whitespace at both ends;
 * without it one boundary space is kept (context strings).
 */
export function fold(s: string, trim = true): Folded {
  const parts: string[] = [];
  const runF: number[] = [];
  const runR: number[] = [];
  let n = 0;
  const keep = (t: string, at: number) => {
    parts.push(t);
    runF.push(n);
    runR.push(at);
    n += t.length;
  };
  let space = trim;
  let from = space && s.charCodeAt(0) === 32 ? 1 : 0;
  JUNK.lastIndex = 0;
  for (let j; (j = JUNK.exec(s)); ) {
    const i = j.index;
    if (i > from) {
      keep(s.slice(from, i), from);
      space = false;
    }
    // A run with any whitespace in it reads as one space; invisibles alone as nothing.
    const w = j[0].search(VISIBLE);
    if (!space && w >= 0) {
      keep(' ', i + w);
      space = true;
    }
    from = i + j[0].length;
  }
  if (s.length > from) {
    keep(from ? s.slice(from) : s, from);
    space = s.charCodeAt(s.length - 1) === 32;
  }
  let text = straighten(parts.join(''));
  if (trim && space && text) text = text.slice(0, -1);
  return {
    text,
    toRaw(i) {
      const r = floorIndex(runF, i);
      return runR[r] + i - runF[r];
    },
  };
}

/** fold(s, trim).text without the offset map: for quotes and their context. */
export function foldString(s: string, trim = true): string {
  const f = straighten(s.replace(JUNK, (j) => (VISIBLE.test(j) ? ' ' : '')));
  return trim ? f.trim() : f;
}

/** Levenshtein distance between `a` and `b` (the bit-parallel algorithm in its global form). */
export function editDistance(a: string, b: string): number {
  return a && b ? approxSearch(b, a, 1e9, 0, b.length, true)[b.length - 1].errors : a.length + b.length;
}

/** 1 when `b` equals `a`, falling toward 0 with each edit (`a` is not empty). */
function similarity(a: string, b: string): number {
  return a === b ? 1 : 1 - editDistance(a, b) / a.length;
}

export interface Hit {
  /** End offset (exclusive) in the searched text. */
  end: number;
  errors: number;
}

/**
 * Approximate search (Myers' bit-parallel algorithm, blocks of 32 pattern units for long
 * patterns): every end offset in text[from, to) where some substring ending there is
 * within `k` edits of `pat`, with that least edit count. With `global`, the substring starts
 * at `from` (so the last hit is the edit distance between `pat` and text[from, to)).
 */
export function approxSearch(text: string, pat: string, k: number, from = 0, to = text.length, global = false): Hit[] {
  const m = pat.length;
  const hits: Hit[] = [];
  if (!m) return hits;
  const nb = Math.ceil(m / 32);
  // Pattern match vectors per character (one 32-bit word per block of the pattern).
  const peq = new Map<number, Int32Array>();
  for (let i = 0; i < m; i++) {
    const c = pat.charCodeAt(i);
    let v = peq.get(c);
    if (!v) peq.set(c, (v = new Int32Array(nb)));
    v[i >> 5] |= 1 << (i & 31);
  }
  const none = new Int32Array(nb);
  const P = new Int32Array(nb).fill(-1);
  const M = new Int32Array(nb);
  const last = 1 << ((m - 1) & 31);
  let score = m;
  for (let j = from; j < to; j++) {
    const eqs = peq.get(text.charCodeAt(j)) || none;
    // Horizontal delta entering each block's top row: into block 0 it is 0 when a match may
    // start anywhere, +1 for a global (whole-text) distance.
    let h = +global;
    for (let b = 0; b < nb; b++) {
      const pv = P[b];
      const mv = M[b];
      let eq = eqs[b];
      const xv = eq | mv;
      if (h < 0) eq |= 1;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      const top = b === nb - 1 ? last : 1 << 31;
      const out = ph & top ? 1 : mh & top ? -1 : 0;
      ph <<= 1;
      mh <<= 1;
      if (h < 0) mh |= 1;
      else if (h > 0) ph |= 1;
      P[b] = mh | ~(xv | ph);
      M[b] = ph & xv;
      h = out;
    }
    score += h;
    if (score <= k) hits.push({ end: j + 1, errors: score });
  }
  return hits;
}

/**
 * Where the best alignment of `pat` ending at `end` starts: the same bit-parallel search run
 * backwards (reversed pattern over the reversed text before `end`), taking the fewest edits
 * and, among those, the length closest to the pattern's.
 */
export function alignStart(text: string, pat: string, end: number, k: number): number {
  const rev = (x: string) => [...x].reverse().join('');
  let best: Hit = { end: pat.length, errors: 1e9 };
  for (const h of approxSearch(rev(text.slice(Math.max(0, end - pat.length - k), end)), rev(pat), k)) {
    if (h.errors < best.errors || (h.errors === best.errors && Math.abs(h.end - pat.length) < Math.abs(best.end - pat.length))) best = h;
  }
  return end - best.end;
}

export interface QuoteTarget {
  exact: string;
  prefix?: string;
  suffix?: string;
  /** Code points into the source's normalised text (TextPositionSelector). */
  start?: number;
  end?: number;
}

export interface Anchor {
  /** Offsets (UTF-16 units) into the folded page text. */
  start: number;
  end: number;
  /** How it was found: the position selector, the exact quote, or an approximate match. */
  how: 'position' | 'quote' | 'fuzzy';
  errors: number;
}

/** How well the page around [s, e) agrees with the expected prefix/suffix (0..1 each). */
export function contextScore(text: string, s: number, e: number, pre: string, suf: string): number {
  let score = 0;
  if (pre) score += similarity(pre, text.slice(Math.max(0, s - pre.length), s));
  if (suf) score += similarity(suf, text.slice(e, e + suf.length));
  return score;
}

/** The most edits tolerated in a quote of `m` units (one in five; none below 5 units). */
export function maxErrors(m: number): number {
  return Math.floor(m / 5); // none below 5 units
}

/** Code point ↔ UTF-16 offsets for a text that may hold astral characters. */
function codePointIndex(text: string) {
  const astral: number[] = []; // unit offsets of high surrogates
  for (const a of text.matchAll(/[\ud800-\udbff]/g)) astral.push(a.index as number);
  return {
    toUnit(cp: number): number {
      let u = cp;
      for (let i = 0; i < astral.length && astral[i] < u; i++) u++;
      return u;
    },
    toCp: (u: number): number => u - astral.filter((a) => a < u).length,
  };
}

/**
 * Anchors quotes in a folded page text. Tries, in order: the position selector (accepted
 * only when the page reproduces the quote there, directly or shifted by the drift measured
 * on the previous anchor), the exact folded quote (repeats ranked by prefix/suffix and
 * nearness to the expected position), then an approximate match of at most one edit in
 * five, ranked the same way. Short quotes with edits also need their context to agree.
 * Returns one Anchor or null per target, in the input order.
 */
export function anchorAll(text: string, targets: QuoteTarget[]): (Anchor | null)[] {
  const cps = codePointIndex(text);
  const order = targets.map((_, i) => i);
  order.sort((a, b) => (targets[a].start ?? 0) - (targets[b].start ?? 0));
  const out: (Anchor | null)[] = [];
  let drift = 0; // page code point minus source code point at the last anchor
  for (const i of order) {
    const t = targets[i];
    out[i] = null;
    const q = foldString(t.exact);
    if (!q) continue;
    const hasPos = typeof t.start === 'number' && t.start >= 0;
    const hint = hasPos ? cps.toUnit((t.start as number) + drift) : -1;
    const a = anchorOne(text, q, t, hasPos ? [cps.toUnit(t.start as number), hint] : [], hint);
    if (a) {
      out[i] = a;
      if (hasPos) drift = cps.toCp(a.start) - (t.start as number);
    }
  }
  return out;
}

const hit = (start: number, end: number, how: Anchor['how'], errors = 0): Anchor => ({ start, end, how, errors });

function anchorOne(text: string, q: string, t: QuoteTarget, positions: number[], hint: number): Anchor | null {
  const m = q.length;
  // At the position, as is or shifted by the drift; a quote of 8 or more characters may be
  // up to 8 off (whitespace that the page folds differently from the source: paragraph
  // breaks), a shorter one, which could repeat that close, must be exactly there.
  const slack = m < 8 ? 0 : 8;
  // Only the text around a position is searched: an absent quote must not cost a scan of
  // the rest of the page each time.
  for (const p of positions) {
    const from = Math.max(0, p - slack);
    const i = text.slice(from, p + slack + m).indexOf(q);
    if (i >= 0) return hit(from + i, from + i + m, 'position');
  }
  // The context is only folded when the position alone did not settle it.
  const pre = foldString(t.prefix || '', false);
  const suf = foldString(t.suffix || '', false);
  const sides = (pre ? 1 : 0) + (suf ? 1 : 0);
  // Near the drift-corrected position (the page's whitespace differs from the source's):
  // accepted when the prefix and the suffix each agree at least 80%.
  if (hint >= 0) {
    const from = Math.max(0, hint - 64);
    const w = text.slice(from, hint + 64 + m);
    let best = -1;
    for (let i = w.indexOf(q); i >= 0; i = w.indexOf(q, i + 1)) {
      const s = from + i;
      if ((best < 0 || Math.abs(s - hint) < Math.abs(best - hint)) && contextScore(text, s, s + m, pre, '') >= (pre ? 0.8 : 0) && contextScore(text, s, s + m, '', suf) >= (suf ? 0.8 : 0)) best = s;
    }
    if (best >= 0) return hit(best, best + m, 'position');
  }
  // 0 at the expected position (or without one), down to -1 a page's length away.
  const near = (s: number) => (hint < 0 ? 0 : -Math.abs(s - hint) / text.length);
  // Exact folded quote; among repeats the context decides, then nearness to the hint.
  let best = -1;
  let bestScore = -2;
  for (let s = text.indexOf(q); s >= 0; s = text.indexOf(q, s + 1)) {
    const score = contextScore(text, s, s + m, pre, suf) * 10 + near(s);
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  const k = maxErrors(m);
  const fuzzy = (from: number, to: number): Anchor | null => {
    const hits = approxSearch(text, q, k, from, to);
    // Skip ends whose left neighbour is as good (the same match, one unit longer), fewest
    // edits first; only those within one edit of the best are worth aligning and scoring.
    const minima = hits.filter((h, i) => !(i && hits[i - 1].end === h.end - 1 && hits[i - 1].errors <= h.errors)).sort((a, b) => a.errors - b.errors);
    let found: Anchor | null = null;
    let fScore = -1;
    for (const { end, errors } of minima.slice(0, 8)) {
      if (errors > minima[0].errors + 1) break;
      const start = alignStart(text, q, end, k);
      const ctx = contextScore(text, start, end, pre, suf) / (sides || 1);
      // A short quote with edits could be any nearby number or date: insist on context.
      if (ctx < (m < 20 ? 0.5 : 0.25) && sides) continue;
      const score = (1 - errors / m) * 4 + ctx * 2 + near(start);
      if (score > fScore) {
        fScore = score;
        found = hit(start, end, 'fuzzy', errors);
      }
    }
    return found;
  };
  // Approximate matching looks near the expected position first.
  const local = () => (hint >= 0 && k ? fuzzy(Math.max(0, hint - 400), Math.min(text.length, hint + m + 400)) : null);
  if (best >= 0) {
    // An exact copy far from where the position points may be a repeat of a claim whose
    // own text was edited: a close approximate match near the position wins. A short quote
    // found only far away, in other words (a nav link, a sidebar), is not the claim.
    const far400 = hint >= 0 && Math.abs(best - hint) > 400;
    return (far400 && local()) || (m < 20 && (hint < 0 || far400) && sides && contextScore(text, best, best + m, pre, suf) < sides / 2 ? null : hit(best, best + m, 'quote'));
  }
  return k ? local() || fuzzy(0, text.length) : null;
}
