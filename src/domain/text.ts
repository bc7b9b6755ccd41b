/**
 * Article text: normalisation on the way in, and code-point offsets for anchoring.
 * Offsets are Unicode code points (what W3C TextPositionSelector counts), never UTF-16 units.
 */

const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const SPACES = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/** A surrogate without its other half (not a character): what a UTF-8 encoder writes as U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The character-level part of normalisation, shared by article text and quotes looked up in it. */
function normaliseCharacters(raw: string): string {
  return raw
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .replace(/ {2,}/g, ' ');
}

/**
 * Plain text as we store it: LF line endings, no invisible characters, one space for any run
 * of spaces, no spaces at line ends, at most one blank line between paragraphs, and no lone
 * surrogates (so the stored text and its hash are the same whatever reads them).
 * Typographic quotes and dashes are kept: they are the text readers see. Accents are kept in
 * the form they came in (composed or not), as the publisher's page has them, so the embed
 * finds the same characters there; quotes are looked up in either form (`findQuote`).
 */
export function normaliseText(raw: string): string {
  return normaliseCharacters(raw)
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A quote as it would read in normalised text (plain spaces, no invisible characters), so a
 * quote copied from a page finds its text. Not trimmed: `start` counts from the quote's
 * first character.
 */
export function normaliseQuote(raw: string): string {
  return normaliseCharacters(raw);
}

/** Number of code points in a string. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** UTF-16 index of a code-point offset (clamped to the string). */
export function utf16Index(text: string, codePointOffset: number): number {
  let i = 0;
  let n = 0;
  while (n < codePointOffset && i < text.length) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    n++;
  }
  return i;
}

/**
 * `utf16Index` for many offsets into one text: O(1) each for a text without astral
 * characters, else a walk on from the previous offset (offsets asked in rising order cost
 * one pass over the text in all). For callers that convert thousands of offsets.
 */
export function utf16Indexer(text: string): (codePointOffset: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (cp) => Math.min(Math.max(cp, 0), text.length);
  // The last few answers: a walk starts from the nearest one at or before the offset asked.
  const recent: [number, number][] = [[0, 0]];
  return (cp) => {
    let from: [number, number] = [0, 0];
    for (const r of recent) if (r[0] <= cp && r[0] >= from[0]) from = r;
    const i = from[1] + utf16Index(text.slice(from[1]), cp - from[0]);
    recent.push([cp, i]);
    if (recent.length > 4) recent.shift();
    return i;
  };
}

/** Slice by code-point offsets. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const s = utf16Index(text, start);
  return text.slice(s, s + utf16Index(text.slice(s), end - start));
}

export const CONTEXT_LENGTH = 32;

export interface Anchor {
  quote: string;
  start: number;
  end: number;
  prefix: string;
  suffix: string;
}

export type QuoteLookup =
  | { ok: true; anchor: Anchor }
  | { ok: false; reason: 'empty' | 'not-found' | 'ambiguous' | 'position-mismatch'; starts: number[] };

/**
 * Finds a quote in the text. Without `start` the quote must occur exactly once; with it,
 * one occurrence must begin at that code-point offset.
 */
export function locateQuote(text: string, quote: string, start?: number): QuoteLookup {
  if (quote.length === 0) return { ok: false, reason: 'empty', starts: [] };
  // A quote that starts or ends inside a surrogate pair would cut a character in two.
  if (/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(quote)) return { ok: false, reason: 'not-found', starts: [] };
  // A given position is checked where it points, however often the quote repeats.
  if (start !== undefined) {
    const at = utf16Index(text, start);
    if (codePointLength(text.slice(0, at)) === start && text.startsWith(quote, at)) return { ok: true, anchor: anchorAt(text, start, start + codePointLength(quote)) };
  }
  const starts: number[] = [];
  let from = 0;
  let cpBase = 0; // code points before `from`
  for (;;) {
    const idx = text.indexOf(quote, from);
    if (idx < 0) break;
    cpBase += codePointLength(text.slice(from, idx));
    // A match that begins on the second half of a surrogate pair is not a match of characters.
    const low = text.charCodeAt(idx);
    const splitsPair = low >= 0xdc00 && low <= 0xdfff && idx > 0 && text.charCodeAt(idx - 1) >= 0xd800 && text.charCodeAt(idx - 1) <= 0xdbff;
    if (!splitsPair) starts.push(cpBase);
    // Step one whole code point past the match start so overlapping repeats are seen too.
    const step = low >= 0xd800 && low <= 0xdbff && idx + 1 < text.length ? 2 : 1;
    cpBase += splitsPair ? 0 : 1;
    from = idx + step;
    if (starts.length > 1000) break; // enough to say "ambiguous" or to list where it occurs
  }
  if (starts.length === 0) return { ok: false, reason: 'not-found', starts };
  let chosen: number;
  if (start === undefined) {
    if (starts.length > 1) return { ok: false, reason: 'ambiguous', starts };
    chosen = starts[0];
  } else {
    // Checked above: the quote does not begin at `start`.
    return { ok: false, reason: 'position-mismatch', starts };
  }
  return { ok: true, anchor: anchorAt(text, chosen, chosen + codePointLength(quote)) };
}

/**
 * `locateQuote` for a quote whose accents may be composed differently from the text's
 * ("café" as one character or as "e" + a combining accent): as given, then in the other forms.
 */
export function findQuote(text: string, quote: string, start?: number): QuoteLookup {
  const first = locateQuote(text, quote, start);
  if (first.ok) return first;
  for (const form of ['NFC', 'NFD'] as const) {
    const other = quote.normalize(form);
    if (other === quote) continue;
    const found = locateQuote(text, other, start);
    if (found.ok) return found;
  }
  return first;
}

/** The quote and its context at code-point offsets. */
export function anchorAt(text: string, start: number, end: number, toUtf16?: (codePointOffset: number) => number): Anchor {
  const s = toUtf16 ? toUtf16(start) : utf16Index(text, start);
  const e = toUtf16 ? toUtf16(end) : s + utf16Index(text.slice(s), end - start);
  const before = Array.from(text.slice(Math.max(0, s - CONTEXT_LENGTH * 2), s));
  const after = Array.from(text.slice(e, e + CONTEXT_LENGTH * 2));
  return {
    quote: text.slice(s, e),
    start,
    end,
    prefix: before.slice(-CONTEXT_LENGTH).join(''),
    suffix: after.slice(0, CONTEXT_LENGTH).join(''),
  };
}

/** URL-safe slug from a title: lower case ASCII letters, digits and single hyphens. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '') // "Tajikistan's" → "tajikistans", not "tajikistan-s"
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'article';
}
