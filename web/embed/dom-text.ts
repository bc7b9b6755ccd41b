/**
 * The page side of anchoring: picks the article's root element, reads its text nodes into
 * one folded text with a map back to (text node, offset), and wraps matched ranges in
 * highlight elements without disturbing the rest of the DOM.
 */
import { fold } from './text-match';

/** Elements whose text is not article text (and our own popover host). */
const SKIP = new Set('script style noscript template textarea select iframe object svg math canvas factmark-popover'.split(' '));
/** Elements whose boundaries read as whitespace even when the markup has none. */
const BLOCK = new Set('address article aside blockquote br dd details div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul'.split(' '));

/** The element with the most text among article, [itemprop=articleBody] and main; else body. */
export function articleRoot(doc: Document): Element {
  const all = Array.from(doc.querySelectorAll('article,[itemprop=articleBody],main'));
  let best: Element = doc.body;
  let most = -1;
  for (const el of all) {
    // A candidate inside another has no more text than it: only outermost ones are measured.
    if (all.some((o) => o !== el && o.contains(el))) continue;
    const n = (el.textContent || '').length;
    if (n > most) {
      most = n;
      best = el;
    }
  }
  return best;
}

export interface PageText {
  /** Folded text of the root. */
  text: string;
  /** Folded unit → raw offset into the concatenation of `nodes`. */
  toRaw(i: number): number;
  nodes: Text[];
  /** Raw offset where each node starts. */
  starts: number[];
}

export function readText(root: Element): PageText {
  // Raw text: the text nodes' data, with a newline for each block boundary (a newline is
  // whitespace, so it folds into the space between paragraphs); folded in one pass.
  const texts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let raw = 0;
  // [hidden] elements found natively once, rather than asking every element.
  const hidden = new Set(root.querySelectorAll('[hidden]'));
  const walk = (el: Node) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        const d = (n as Text).data;
        nodes.push(n as Text);
        starts.push(raw);
        texts.push(d);
        raw += d.length;
      } else if (n.nodeType === 1) {
        const name = (n as Element).localName;
        if (SKIP.has(name) || hidden.has(n as Element)) continue;
        const block = BLOCK.has(name);
        if (block) texts.push('\n');
        raw += +block;
        walk(n);
        if (block) texts.push('\n');
        raw += +block;
      }
    }
  };
  walk(root);
  return { ...fold(texts.join('')), nodes, starts };
}

/** Last index i with a[i] <= x. */
function floor(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface RawRange<T> {
  /** Raw offsets (into the concatenated text nodes), end exclusive. */
  start: number;
  end: number;
  data: T;
}

/** Converts a folded range to a raw one. */
export function toRaw(page: PageText, start: number, end: number): { start: number; end: number } {
  return { start: page.toRaw(start), end: page.toRaw(end - 1) + 1 };
}

/**
 * Wraps every range's text in elements made by `make` (one per text-node piece, in document
 * order). Text nodes are split once at every range boundary first, so overlapping ranges
 * simply nest. Whitespace-only pieces (between blocks) are left alone.
 * Returns the pieces of each range.
 */
export function wrapRanges<T>(page: PageText, ranges: RawRange<T>[], make: (data: T) => HTMLElement): HTMLElement[][] {
  const { nodes, starts } = page;
  // Cuts per text node, ascending.
  const cuts = new Map<number, number[]>();
  for (const x of ranges.flatMap((r) => [r.start, r.end]).sort((a, b) => a - b)) {
    const i = floor(starts, x);
    const list = cuts.get(i) || [];
    if (x > starts[i] && x < starts[i] + nodes[i].data.length && list[list.length - 1] !== x) cuts.set(i, list.concat(x));
  }
  // Node index → its pieces [raw start, text node] once split.
  const pieces = new Map<number, [number, Text][]>();
  cuts.forEach((list, i) => {
    let cur = nodes[i];
    let at = starts[i];
    const ps: [number, Text][] = [[at, cur]];
    for (const x of list) {
      cur = cur.splitText(x - at);
      at = x;
      ps.push([x, cur]);
    }
    pieces.set(i, ps);
  });
  return ranges.map((r) => {
    const out: HTMLElement[] = [];
    for (let i = floor(starts, r.start); i < nodes.length && starts[i] < r.end; i++) {
      for (const [s, node] of pieces.get(i) || [[starts[i], nodes[i]]]) {
        if (s < r.start || s >= r.end || !node.data.trim() || !node.parentNode) continue;
        const el = make(r.data);
        node.parentNode.insertBefore(el, node);
        el.appendChild(node);
        out.push(el);
      }
    }
    return out;
  });
}
