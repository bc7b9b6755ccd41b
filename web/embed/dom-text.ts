/**
 * The page side of anchoring: picks the article's root element, reads its text nodes into
 * one folded text with a map back to (text node, offset), and wraps matched ranges in
 * highlight elements without disturbing the rest of the DOM.
 */
import { folder as makeFolder } from './text-match';

/** Elements whose text is not article text (and our own popover host). */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'select', 'iframe', 'object', 'svg', 'math', 'canvas', 'factmark-popover']);
/** Elements whose boundaries read as whitespace even when the markup has none. */
const BLOCK = new Set('address article aside blockquote br dd details div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul'.split(' '));

/** The element with the most text among article, [itemprop=articleBody] and main; else body. */
export function articleRoot(doc: Document): Element {
  let best: Element = doc.body;
  let most = -1;
  doc.querySelectorAll('article,[itemprop=articleBody],main').forEach((el) => {
    const n = (el.textContent || '').length;
    if (n > most) {
      most = n;
      best = el;
    }
  });
  return best;
}

export interface PageText {
  /** Folded text of the root. */
  text: string;
  /** Folded unit → raw offset into the concatenation of `nodes`. */
  map: Int32Array;
  nodes: Text[];
  /** Raw offset where each node starts. */
  starts: number[];
}

export function readText(root: Element): PageText {
  const folder = makeFolder();
  const nodes: Text[] = [];
  const starts: number[] = [];
  let raw = 0;
  const walk = (el: Node) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        const d = (n as Text).data;
        nodes.push(n as Text);
        starts.push(raw);
        folder.push(d, raw);
        raw += d.length;
      } else if (n.nodeType === 1) {
        const name = (n as Element).localName;
        if (SKIP.has(name) || (n as Element).hasAttribute('hidden')) continue;
        const block = BLOCK.has(name);
        if (block) folder.gap(raw);
        walk(n);
        if (block) folder.gap(raw);
      }
    }
  };
  walk(root);
  const { text, map } = folder.done();
  return { text, map, nodes, starts };
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
  return { start: page.map[start], end: page.map[end - 1] + 1 };
}

/**
 * Wraps every range's text in elements made by `make` (one per text-node piece, in document
 * order). Text nodes are split once at every range boundary first, so overlapping ranges
 * simply nest. Whitespace-only pieces (between blocks) are left alone.
 * Returns the pieces of each range.
 */
export function wrapRanges<T>(page: PageText, ranges: RawRange<T>[], make: (data: T) => HTMLElement): HTMLElement[][] {
  const cuts = new Set<number>();
  for (const r of ranges) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  // Refined pieces: [raw start, node], in document order.
  const pStart: number[] = [];
  const pNode: Text[] = [];
  let c = 0;
  page.nodes.forEach((node, i) => {
    const s = page.starts[i];
    const e = s + node.data.length;
    while (c < sorted.length && sorted[c] <= s) c++;
    const inner: number[] = [];
    for (let j = c; j < sorted.length && sorted[j] < e; j++) inner.push(sorted[j]);
    let cur = node;
    let at = s;
    pStart.push(s);
    pNode.push(node);
    for (const cut of inner) {
      cur = cur.splitText(cut - at);
      at = cut;
      pStart.push(cut);
      pNode.push(cur);
    }
  });
  return ranges.map((r) => {
    const out: HTMLElement[] = [];
    for (let i = floor(pStart, r.start); i < pStart.length && pStart[i] < r.end; i++) {
      const node = pNode[i];
      if (pStart[i] < r.start || !node.data.trim() || !node.parentNode) continue;
      const el = make(r.data);
      node.parentNode.insertBefore(el, node);
      el.appendChild(node);
      out.push(el);
    }
    return out;
  });
}
