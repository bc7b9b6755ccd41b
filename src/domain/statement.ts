/**
 * The claim as a sentence. A claim's `statement` is the claim written out by the checker
 * ("Tajikistan holds 100 to 250 political prisoners."); it is the headline of the public
 * fact-check page and `claimReviewed` in the ClaimReview, which Google asks to keep under
 * 75 characters so it does not wrap on a phone. Until a checker writes one, a statement is
 * suggested from the article: the quote's whole sentence when it fits, else the largest run
 * of its clauses around the quote that fits, else whole words around the quote — never cut
 * inside a word, with an ellipsis where text was left out and quotation marks balanced.
 *
 * Offsets are Unicode code points into the article text (as claims store them).
 */
import { codePointLength, utf16Index } from './text';

/** The longest statement: Google's guidance for `claimReviewed` is "under 75 characters". */
export const STATEMENT_MAX = 74;

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);
// "Mr." / "No." / "Jan." end abbreviations, not sentences.
const ABBREVIATION = /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|St|No|Jr|Sr|vs|Gen|Col|Lt|Sgt|Rep|Sen|Gov|Prof|Inc|Ltd|Co|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/;

/**
 * Does a sentence end at `text[i]`? A newline does; so does `.`, `!` or `?` before
 * whitespace (after closing quotes or brackets), except after an abbreviation or an initial
 * ("Mr.", "U.S.", "J. Smith"). Shared with the extractor's sentence finder.
 */
export function isSentenceEnd(text: string, i: number): boolean {
  const c = text[i];
  if (c === '\n') return true;
  if (c !== '.' && c !== '!' && c !== '?') return false;
  let j = i + 1;
  while (j < text.length && CLOSERS.has(text[j])) j++;
  if (j < text.length && !/\s/.test(text[j])) return false;
  if (c === '.') {
    if (/(?:^|[\s.(])[A-Za-z]$/.test(text.slice(Math.max(0, i - 4), i))) return false;
    if (ABBREVIATION.test(text.slice(Math.max(0, i - 6), i))) return false;
  }
  return true;
}

/** [start, end) in UTF-16 of the sentence holding [s, e): from after the previous end to its own end with closing marks. */
export function sentenceBounds(text: string, s: number, e: number): [number, number] {
  let a = s;
  while (a > 0 && !isSentenceEnd(text, a - 1)) a--;
  // A sentence starts after the closing marks and spaces of the one before it.
  while (a < s && (CLOSERS.has(text[a]) || /\s/.test(text[a]))) a++;
  let b = Math.max(e, s);
  while (b < text.length && !isSentenceEnd(text, b)) b++;
  if (b < text.length && text[b] !== '\n') {
    b++;
    while (b < text.length && CLOSERS.has(text[b])) b++;
  }
  return [a, b];
}

const OPEN_FOR: Record<string, string> = { '”': '“', '»': '«', '’': '‘' };
const CLOSE_FOR: Record<string, string> = { '“': '”', '«': '»', '‘': '’', '„': '“' };

/**
 * Quotation marks balanced: a closing mark whose opening was cut off gets one at the start,
 * an opening mark whose closing was cut off gets one at the end. A lone `’` is an apostrophe
 * ("I’ve"), left alone.
 *
 * @example balanceQuotes('100-250 is a number I’ve heard batted around.”') // '“100-250 is a number I’ve heard batted around.”'
 */
export function balanceQuotes(s: string): string {
  const open: string[] = [];
  let prefix = '';
  let straight = 0;
  for (const ch of s) {
    if (ch in CLOSE_FOR) open.push(ch);
    else if (ch in OPEN_FOR) {
      const opener = OPEN_FOR[ch];
      const at = open.lastIndexOf(opener === '“' ? '“' : opener);
      const at2 = opener === '“' ? open.lastIndexOf('„') : -1;
      const k = Math.max(at, at2);
      if (k >= 0) open.splice(k, 1);
      else if (ch !== '’') prefix = opener + prefix;
    } else if (ch === '"') straight++;
  }
  let out = prefix + s;
  for (let k = open.length - 1; k >= 0; k--) out += CLOSE_FOR[open[k]];
  if (straight % 2 === 1) {
    // The lone straight quote opens (text follows it) or closes (text precedes it).
    const i = out.indexOf('"');
    out = i >= 0 && /\S/.test(out[i + 1] ?? '') && !/\S/.test(out[i - 1] ?? ' ') ? out + '"' : '"' + out;
  }
  return out;
}

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const len = (s: string) => codePointLength(s);

/** Where a clause may begin inside a sentence (UTF-16 offsets). */
function clauseStarts(text: string, a: number, b: number): number[] {
  const out = [a];
  const re = /[,;:]\s+|\s[—–-]\s+|\(|\s(?=[“«„"‘])/g;
  re.lastIndex = 0;
  const part = text.slice(a, b);
  for (let m = re.exec(part); m; m = re.exec(part)) out.push(a + m.index + m[0].length);
  return out;
}

/** Where a clause may end inside a sentence (UTF-16 offsets, exclusive). */
function clauseEnds(text: string, a: number, b: number): number[] {
  const out = [b];
  const re = /[,;:](?=\s)|\s[—–-]\s|\)|[”»"’](?=[\s,;:.!?]|$)/g;
  const part = text.slice(a, b);
  for (let m = re.exec(part); m; m = re.exec(part)) {
    const closing = /^[”»"’)]/.test(m[0]);
    out.push(a + m.index + (closing ? m[0].length : 0));
  }
  return out;
}

/** A piece of a sentence, with an ellipsis on each side where text was left out. */
function render(text: string, L: number, R: number, a: number, b: number): string {
  let body = fold(text.slice(L, R));
  const cutLeft = L > a && !/^[“«„"‘(]/.test(body);
  let cutRight = R < b;
  if (cutRight && /[”»"’)]$/.test(body) && !/[,;:]$/.test(body)) cutRight = false;
  body = body.replace(/\s*[,;:—–-]+$/, '');
  return balanceQuotes((cutLeft ? '…' : '') + body + (cutRight ? '…' : ''));
}

/** Whole words of the sentence around the quote, widened alternately to the right and left while they fit. */
function wordWindow(text: string, s: number, e: number, a: number, b: number, max: number): string {
  const starts: number[] = [];
  for (let i = a; i < s; i++) if (!/\s/.test(text[i]) && (i === a || /\s/.test(text[i - 1]))) starts.push(i);
  const ends: number[] = [];
  for (let i = e + 1; i <= b; i++) if (!/\s/.test(text[i - 1]) && (i === b || /\s/.test(text[i]))) ends.push(i);
  let L = s;
  let R = e;
  // The quote alone too long: whole words of it from its start.
  if (len(render(text, L, R, a, b)) > max) {
    let end = s;
    for (let i = s + 1; i <= e; i++) {
      if (/\s/.test(text[i] ?? ' ') && !/\s/.test(text[i - 1]) && len(balanceQuotes(fold(text.slice(s, i)) + '…')) <= max - (s > a ? 1 : 0)) end = i;
    }
    if (end === s) return balanceQuotes(Array.from(fold(text.slice(s, e))).slice(0, max - 2).join('') + '…');
    return render(text, s, end, a, Math.max(b, end + 1));
  }
  let li = starts.length - 1;
  let ri = 0;
  for (let turn = 0; li >= 0 || ri < ends.length; turn++) {
    const right = turn % 2 === 0 ? ri < ends.length : li < 0;
    if (right) {
      if (len(render(text, L, ends[ri], a, b)) > max) {
        ri = ends.length;
        continue;
      }
      R = ends[ri++];
    } else {
      if (len(render(text, starts[li], R, a, b)) > max) {
        li = -1;
        continue;
      }
      L = starts[li--];
    }
  }
  return render(text, L, R, a, b);
}

/** The article's sentence that holds the claim, whole, with its quotation marks balanced (the prefill's source). */
export function quoteSentence(text: string, start: number, end: number, quote?: string): string {
  const s = utf16Index(text, start);
  const e = s + utf16Index(text.slice(s), end - start);
  if (quote !== undefined && text.slice(s, e) !== quote) return balanceQuotes(fold(quote));
  const [a, b] = sentenceBounds(text, s, e);
  return balanceQuotes(fold(text.slice(a, b)));
}

/**
 * A statement suggested from the article for the claim at code points [start, end): the
 * sentence if it fits in `max` characters, else the widest run of its clauses around the
 * quote that fits, else whole words around the quote. Never cut inside a word; an ellipsis
 * marks what was left out; quotation marks are balanced. When the offsets do not point at
 * `quote` in `text`, the quote alone is used.
 *
 * @example
 * suggestStatement('He was jailed. Tajikistan holds 100-250 political prisoners, Barth said.', 32, 39)
 * // 'Tajikistan holds 100-250 political prisoners, Barth said.'
 */
export function suggestStatement(text: string, start: number, end: number, quote?: string, max = STATEMENT_MAX): string {
  const s0 = utf16Index(text, start);
  const e0 = s0 + utf16Index(text.slice(s0), end - start);
  const located = quote === undefined || text.slice(s0, e0) === quote;
  const src = located ? text : (quote ?? '');
  const s = located ? s0 : 0;
  const e = located ? e0 : src.length;
  const [a, b] = located ? sentenceBounds(src, s, e) : [0, src.length];
  const whole = balanceQuotes(fold(src.slice(a, b)));
  if (len(whole) <= max) return whole;
  let best = '';
  for (const L of clauseStarts(src, a, b)) {
    if (L > s) continue;
    // A quotation opening there starts a clause only if the quote lies inside it.
    if (/[“«„"‘]/.test(src[L]) && /[”»"’]/.test(src.slice(L + 1, s))) continue;
    for (const R of clauseEnds(src, a, b)) {
      if (R < e) continue;
      const piece = render(src, L, R, a, b);
      if (len(piece) <= max && len(piece) > len(best)) best = piece;
    }
  }
  // A clause run that leaves most of the room unused is worse than words around the quote.
  const words = wordWindow(src, s, e, a, b, max);
  return best && len(best) >= Math.min(len(words), max / 2) ? best : words;
}

/** What is wrong with a statement a checker wrote, in words; null when it is fine. */
export function statementProblem(statement: string): string | null {
  const s = statement.trim();
  if (!s) return 'must not be empty (leave it out to use the suggestion from the article)';
  if (/[\n\r]/.test(s)) return 'must be one line';
  const n = len(s);
  if (n > STATEMENT_MAX) return `must be at most ${STATEMENT_MAX} characters, Google's limit for a fact-check's claim (it has ${n})`;
  return null;
}
