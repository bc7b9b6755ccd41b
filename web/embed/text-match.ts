/**
 * Pure text matching for the reader embed: folding with an offset map, exact and
 * approximate (bit-parallel) search, context scoring, and the anchoring strategy.
 * No DOM here: the unit tests run it in Node, the embed feeds it the page's text.
 *
 * Folding makes typography irrelevant: every whitespace run (spaces, tabs, newlines,
 * non-breaking and thin spaces) becomes one space, typographic quotes become straight
 * ones, every dash and minus becomes '-', and invisible characters (soft hyphen,
 * zero-width spaces, BOM) disappear. Each folded code unit keeps the offset of the raw
 * code unit it came from, so a match in folded text maps back to the page.
 */

/** Folded form of one UTF-16 code unit: the unit, SPACE for whitespace, or DROP. */
const SPACE = -2;
const DROP = -1;

function foldUnit(c: number): number {
  if (c < 128) return c === 32 || (c > 8 && c < 14) ? SPACE : c;
  if (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) return SPACE;
  if (c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff) return DROP;
  if ((c >= 0x2018 && c <= 0x201b) || c === 0x2032 || c === 0x2bc) return 39; // ' ‘ ’ ‚ ‛ ′ ʼ
  if ((c >= 0x201c && c <= 0x201f) || c === 0x2033 || c === 0xab || c === 0xbb) return 34; // " “ ” „ ‟ ″ « »
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d) return 45; // - ‐ ‑ ‒ – — ― −
  return c;
}

export interface Folded {
  /** The folded text. */
  text: string;
  /** For each folded code unit, the raw offset (UTF-16) it came from. */
  map: Int32Array;
}

export interface Folder {
  /** Appends raw text whose first unit sits at raw offset `at`. */
  push(s: string, at: number): void;
  /** A boundary between blocks (paragraphs, list items): reads as whitespace. */
  gap(at: number): void;
  /** The folded text, trailing whitespace trimmed when `trim`. */
  done(trim?: boolean): Folded;
}

/**
 * Builds folded text incrementally from pieces of raw text (the page's text nodes).
 * `lead` says whether whitespace at the very start is dropped.
 */
export function folder(lead = true): Folder {
  const codes: number[] = [];
  const raw: number[] = [];
  let space = lead;
  const put = (code: number, at: number) => {
    codes.push(code);
    raw.push(at);
  };
  return {
    push(s, at) {
      for (let i = 0; i < s.length; i++) {
        const f = foldUnit(s.charCodeAt(i));
        if (f === SPACE) {
          if (!space) put(32, at + i);
          space = true;
        } else if (f !== DROP) {
          put(f, at + i);
          space = false;
        }
      }
    },
    gap(at) {
      if (!space) put(32, at);
      space = true;
    },
    done(trim = true) {
      let n = codes.length;
      if (trim && n && codes[n - 1] === 32) n--;
      let text = '';
      for (let i = 0; i < n; i += 4096) text += String.fromCharCode.apply(null, codes.slice(i, Math.min(n, i + 4096)));
      return { text, map: Int32Array.from(raw.slice(0, n)) };
    },
  };
}

/** Folds a whole string; `trim` drops whitespace at both ends (quotes), else keeps one space (context). */
export function fold(s: string, trim = true): Folded {
  const f = folder(trim);
  f.push(s, 0);
  return f.done(trim);
}

/** Levenshtein distance (two-row DP); fine for context strings of ≤ 64 units. */
export function editDistance(a: string, b: string): number {
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (c === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** 1 when `b` equals `a`, falling toward 0 with each edit (0 for empty `a`). */
function similarity(a: string, b: string): number {
  return a.length ? 1 - editDistance(a, b) / a.length : 0;
}

export interface Hit {
  /** End offset (exclusive) in the searched text. */
  end: number;
  errors: number;
}

/**
 * Approximate search (Myers' bit-parallel algorithm, blocks of 32 pattern units for long
 * patterns): every end offset in text[from, to) where some substring ending there is
 * within `k` edits of `pat`, with that least edit count.
 */
export function approxSearch(text: string, pat: string, k: number, from = 0, to = text.length): Hit[] {
  const m = pat.length;
  const hits: Hit[] = [];
  if (!m) return hits;
  const nb = Math.ceil(m / 32);
  // Pattern match vectors: a flat table for Latin-1, a map for the rest.
  const low = new Int32Array(256 * nb);
  const high = new Map<number, Int32Array>();
  for (let i = 0; i < m; i++) {
    const c = pat.charCodeAt(i);
    const b = i >> 5;
    if (c < 256) low[c * nb + b] |= 1 << (i & 31);
    else {
      let v = high.get(c);
      if (!v) high.set(c, (v = new Int32Array(nb)));
      v[b] |= 1 << (i & 31);
    }
  }
  const none = new Int32Array(nb);
  const P = new Int32Array(nb).fill(-1);
  const M = new Int32Array(nb);
  const last = 1 << ((m - 1) & 31);
  let score = m;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    let eqs: Int32Array = low;
    let off = c * nb;
    if (c > 255) {
      eqs = high.get(c) || none;
      off = 0;
    }
    // Horizontal delta entering each block's top row; 0 into block 0 (a match may start anywhere).
    let h = 0;
    for (let b = 0; b < nb; b++) {
      const pv = P[b];
      const mv = M[b];
      let eq = eqs[off + b];
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
 * Where the best alignment of `pat` ending at `end` starts: the start (within `k` of the
 * pattern's length) with the fewest edits; ties go to the length closest to the pattern's.
 */
export function alignStart(text: string, pat: string, end: number, k: number): number {
  const m = pat.length;
  let best = end - m;
  let least = 1e9;
  for (let s = Math.max(0, end - m - k); s <= end - m + k && s < end; s++) {
    const d = editDistance(pat, text.slice(s, end));
    if (d < least || (d === least && Math.abs(end - s - m) < Math.abs(end - best - m))) {
      least = d;
      best = s;
    }
  }
  return best;
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
function contextScore(text: string, s: number, e: number, pre: string, suf: string): number {
  let score = 0;
  if (pre) score += similarity(pre, text.slice(Math.max(0, s - pre.length), s));
  if (suf) score += similarity(suf, text.slice(e, e + suf.length));
  return score;
}

/** The most edits tolerated in a quote of `m` units (one in five; none below 5 units). */
export function maxErrors(m: number): number {
  return m < 5 ? 0 : Math.floor(m / 5);
}

/** Code point ↔ UTF-16 offsets for a text that may hold astral characters. */
function codePointIndex(text: string) {
  const astral: number[] = []; // unit offsets of high surrogates
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) astral.push(i++);
  }
  return {
    toUnit(cp: number): number {
      let u = cp;
      for (let i = 0; i < astral.length && astral[i] < u; i++) u++;
      return u;
    },
    toCp(u: number): number {
      let cp = u;
      for (let i = 0; i < astral.length && astral[i] < u; i++) cp--;
      return cp;
    },
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
    const q = fold(t.exact).text;
    if (!q) continue;
    const pre = t.prefix ? fold(t.prefix, false).text : '';
    const suf = t.suffix ? fold(t.suffix, false).text : '';
    const hasPos = typeof t.start === 'number' && t.start >= 0;
    const hint = hasPos ? cps.toUnit((t.start as number) + drift) : -1;
    const a = anchorOne(text, q, pre, suf, hasPos ? [cps.toUnit(t.start as number), hint] : [], hint);
    if (a) {
      out[i] = a;
      if (hasPos) drift = cps.toCp(a.start) - (t.start as number);
    }
  }
  return out;
}

function anchorOne(text: string, q: string, pre: string, suf: string, positions: number[], hint: number): Anchor | null {
  const m = q.length;
  for (const p of positions) {
    if (p >= 0 && text.startsWith(q, p)) return { start: p, end: p + m, how: 'position', errors: 0 };
  }
  const far = text.length || 1;
  const near = (s: number) => (hint < 0 ? 0 : 1 - Math.min(1, Math.abs(s - hint) / far));
  // Exact folded quote; among repeats the context decides, then nearness to the hint.
  const seen: number[] = [];
  for (let s = text.indexOf(q); s >= 0; s = text.indexOf(q, s + 1)) seen.push(s);
  let best = seen.length ? seen[0] : -1;
  let bestScore = -1;
  if (seen.length > 1) {
    for (const s of seen) {
      const score = contextScore(text, s, s + m, pre, suf) * 10 + near(s);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
  }
  if (best >= 0) return { start: best, end: best + m, how: 'quote', errors: 0 };
  const k = maxErrors(m);
  if (!k) return null;
  // Approximate: first near the hint, then the whole text.
  const windows: [number, number][] = hint >= 0 ? [[Math.max(0, hint - 3000), Math.min(text.length, hint + m + 3000)], [0, text.length]] : [[0, text.length]];
  for (const [from, to] of windows) {
    const hits = approxSearch(text, q, k, from, to);
    let found: Anchor | null = null;
    let fScore = -1;
    for (let h = 0; h < hits.length; h++) {
      const { end, errors } = hits[h];
      // Keep local minima only: the best end within a run of neighbouring hits.
      if ((h > 0 && hits[h - 1].end === end - 1 && hits[h - 1].errors <= errors) || (h + 1 < hits.length && hits[h + 1].end === end + 1 && hits[h + 1].errors < errors)) continue;
      const start = alignStart(text, q, end, k);
      const ctx = contextScore(text, start, end, pre, suf) / ((pre ? 1 : 0) + (suf ? 1 : 0) || 1);
      // A short quote with edits could be any nearby number or date: insist on context.
      if (ctx < (m < 20 ? 0.5 : 0.25) && (pre || suf)) continue;
      const score = (1 - errors / m) * 4 + ctx * 2 + near(start);
      if (score > fScore) {
        fScore = score;
        found = { start, end, how: 'fuzzy', errors };
      }
    }
    if (found) return found;
  }
  return null;
}
