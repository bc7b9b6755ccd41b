/**
 * The reading rules for a publisher's page: which elements hold no story text, which ones
 * break text into blocks, which elements may be the story's root and how the root is chosen.
 * Both readers use them: the importer (`src/services/page-reader.ts`, HTMLRewriter in the
 * Worker) and the embed (`web/embed/dom-text.ts`, the DOM in the reader's browser), so the
 * text stored for an article is the text the embed reads on its page. Where the two cannot
 * share code (one walks a DOM, the other a token stream), `test/e2e/embed/reading.test.ts`
 * reads every fixture page both ways and compares.
 *
 * Selectors here are comma-separated lists of four simple forms, which both the browser's
 * `querySelectorAll` and the importer's own matcher (`parseSimpleSelector`) understand: a tag
 * name, `[attr]`, `[attr=value]` and `[attr*=value]` (unquoted values).
 */

/**
 * Elements whose text is not story text: code and styling, form controls, embedded
 * documents and graphics, navigation, what the page hides (`hidden`) or hides from
 * assistive technology (`aria-hidden=true`: decoration, or a copy of a sentence such as a
 * drop cap doubled for screen readers), AMP's placeholder and fallback text ("Loading
 * image", "Advertisement"), pull quotes (a copy of a sentence of the story, usually right
 * before it), and the embed's own popover.
 */
export const SKIP_SELECTOR =
  'script,style,noscript,template,textarea,select,button,iframe,svg,math,nav,[role=navigation],[hidden],[aria-hidden=true],[placeholder],[fallback],[class*=pullquote],[class*=pull-quote]';

/** Elements whose boundaries read as whitespace even when the markup has none (`<p>a</p><p>b</p>` is "a b"). */
export const BLOCK_TAGS = 'article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul'.split(' ');

/** Elements that may be the story's root. */
export const ROOT_SELECTOR = 'article,[itemprop=articleBody],main';

/**
 * A root must hold at least this share of the page's text (counted without whitespace) to be
 * taken for the story: the only `<article>` of an older page may be a teaser card in a
 * side rail, a `<main>` may hold the headline alone.
 */
export const ROOT_MIN_SHARE = 0.2;

/**
 * Chooses the story's root among the candidates (`ranges`: each candidate's [start, end) in
 * `raw`, in document order, nested ones included). `raw` is the page's text as read: skipped
 * elements left out, block boundaries as whitespace; whitespace is not counted, so the two
 * readers' different spellings of block boundaries do not matter.
 *
 * The outermost candidate with the most text is taken if it holds at least `ROOT_MIN_SHARE`
 * of the page's text (else the whole page: -1); then, while a candidate inside the chosen one
 * holds at least half of its text, the largest such one is taken instead (the `<article>` in
 * a `<main>` that also holds comments, related links and a subscription offer).
 *
 * @example chooseRoot('menu ' + 'story '.repeat(50), [[5, 305]]) // 0
 */
export function chooseRoot(raw: string, ranges: { 0: number; 1: number }[]): number {
  // Written small: the embed carries it (its budget is 6 KB gzipped). One pass in document
  // order, where a candidate's descendants come right after it: `top` is the weight of the
  // best outermost candidate so far, `c` the one chosen in it, of weight `wc`.
  const weight = (s: number, e: number) => raw.slice(s, e).replace(/\s+/g, '').length;
  let top = 0;
  let c = -1;
  let wc = 0;
  ranges.forEach((r, j) => {
    const x = weight(r[0], r[1]);
    // Inside the chosen one (it started earlier and ends later): taken if it holds half of it.
    // Elsewhere: taken if it has more text than the best so far (a candidate inside another
    // never has more than its ancestor, so this is an outermost one).
    const inside = c >= 0 && r[1] <= ranges[c][1];
    if (inside ? x * 2 >= wc : x > top) {
      c = j;
      wc = x;
      if (!inside) top = x;
    }
  });
  return top && top >= weight(0, raw.length) * ROOT_MIN_SHARE ? c : -1;
}

/** One parsed selector of the forms above. */
export interface SimpleSelector {
  tag?: string;
  attr?: string;
  op?: '=' | '*=';
  value?: string;
}

/** Parses one selector of the four forms; throws on anything else (the rule lists are fixed). */
export function parseSimpleSelector(sel: string): SimpleSelector {
  if (/^[a-z][a-z0-9-]*$/.test(sel)) return { tag: sel };
  const m = sel.match(/^\[([a-z][a-z0-9-]*)(?:(\*?=)([^\]"'\s]+))?\]$/i);
  if (!m) throw new Error(`unsupported reading selector ${sel}`);
  return m[2] ? { attr: m[1].toLowerCase(), op: m[2] as '=' | '*=', value: m[3] } : { attr: m[1].toLowerCase() };
}

/** Whether an element (its lower-case tag name, and its attributes by lower-case name) matches. */
export function matchesSimple(sel: SimpleSelector, tag: string, attr: (name: string) => string | null): boolean {
  if (sel.tag) return sel.tag === tag;
  const v = attr(sel.attr as string);
  if (v === null) return false;
  if (!sel.op) return true;
  return sel.op === '=' ? v === sel.value : v.includes(sel.value as string);
}
