/**
 * The page side of anchoring: picks the article's root element, reads its text nodes into
 * one folded text with a map back to (text node, offset), and wraps matched ranges in
 * highlight elements without disturbing the rest of the DOM.
 */
import { floorIndex, fold } from '../../src/domain/text-match';

/** Elements whose text is not article text (and our own popover host). */
const SKIP = new Set('script style noscript template textarea select iframe svg math factmark-popover'.split(' '));
/** Elements whose boundaries read as whitespace even when the markup has none. */
const BLOCK = new Set('article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul'.split(' '));

/** The element with the most text among article, [itemprop=articleBody] and main; else body. */
export function articleRoot(doc: Document): Element {
  const all = Array.from(doc.querySelectorAll('article,[itemprop=articleBody],main'));
  // A candidate inside another has no more text than it: only outermost ones compete,
  // and a single one wins without measuring (textContent of a big page is not free).
  const outer = all.filter((el) => !all.some((o) => o !== el && o.contains(el)));
  let best: Element = outer.length === 1 ? outer[0] : doc.body;
  let most = -1;
  for (const el of outer.length > 1 ? outer : []) {
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
  // [hidden] elements found natively once, rather than asking every element; and what the
  // page hides from assistive technology, which is decoration or a copy (a pull quote
  // repeating a sentence, a drop-cap letter doubled for screen readers).
  const hidden = new Set(root.querySelectorAll('[hidden],[aria-hidden=true]'));
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
        const nl = BLOCK.has(name) ? '\n' : '';
        texts.push(nl);
        raw += nl.length;
        walk(n);
        texts.push(nl);
        raw += nl.length;
      }
    }
  };
  walk(root);
  return { ...fold(texts.join('')), nodes, starts };
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
 * Wraps every range's text in elements made by `make` (told whether it makes the range's
 * first piece), one per text-node piece. Each text
 * node a range touches is rebuilt once, off the page, as a fragment of pieces (overlapping
 * ranges nest, the earlier range outside) and swapped in with one replaceChild: far fewer
 * live-DOM mutations than splitting and wrapping in place. Whitespace-only pieces (between
 * blocks) are left unwrapped. Returns each range's pieces in document order.
 */
export function wrapRanges<T>(page: PageText, ranges: RawRange<T>[], make: (data: T, first: boolean) => HTMLElement): HTMLElement[][] {
  const { nodes, starts } = page;
  const out: HTMLElement[][] = ranges.map(() => []);
  const touched: number[][] = []; // text node index → indices of the ranges over it (sparse)
  ranges.forEach((r, ri) => {
    for (let i = floorIndex(starts, r.start); i < nodes.length && starts[i] < r.end; i++) (touched[i] = touched[i] || []).push(ri);
  });
  touched.forEach((rs, i) => {
    const node = nodes[i];
    const d = node.data;
    const s = starts[i];
    const e = s + d.length;
    const cuts = [s, e];
    for (const ri of rs) {
      const r = ranges[ri];
      if (r.start > s && r.start < e) cuts.push(r.start);
      if (r.end > s && r.end < e) cuts.push(r.end);
    }
    // A typed array sorts numerically without a comparator callback (cheaper on a cold page).
    const bounds = new Int32Array(cuts).sort();
    const frag = document.createDocumentFragment();
    for (let k = 1; k < bounds.length; k++) {
      const a = bounds[k - 1];
      const b = bounds[k];
      const text = d.slice(a - s, b - s);
      let piece: Node = document.createTextNode(text);
      if (text.trim()) {
        for (let j = rs.length - 1; j >= 0; j--) {
          const r = ranges[rs[j]];
          if (r.start <= a && b <= r.end) {
            const el = make(r.data, !out[rs[j]].length);
            el.appendChild(piece);
            out[rs[j]].push(el);
            piece = el;
          }
        }
      }
      frag.appendChild(piece);
    }
    node.replaceWith(frag);
  });
  return out;
}
