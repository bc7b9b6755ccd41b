/**
 * The page side of anchoring: picks the article's root element, reads its text nodes into
 * one folded text with a map back to (text node, offset), and wraps matched ranges in
 * highlight elements without disturbing the rest of the DOM.
 */
import { BLOCK_TAGS, ROOT_SELECTOR, SKIP_SELECTOR, chooseRoot } from '../../src/domain/page-reading';
import { floorIndex, fold } from '../../src/domain/text-match';

/** The reading rules the importer follows too (src/domain/page-reading.ts). */
const BLOCK = new Set(BLOCK_TAGS);

export interface PageText {
  /** Folded text of the root. */
  text: string;
  /** Folded unit → raw offset into the concatenation of `nodes`. */
  toRaw(i: number): number;
  nodes: Text[];
  /** Raw offset where each node starts. */
  starts: number[];
  /** The element read: the story's root when one was chosen. */
  root: Element;
}

/**
 * Reads `el`'s text nodes into one folded text. With `pick`, also chooses the story's root
 * inside it by the shared rule (`chooseRoot`: an article, [itemprop=articleBody] or main
 * holding enough of the text) and returns that root's text.
 */
export function readText(el: Element, pick?: boolean): PageText {
  // Raw text: the text nodes' data, with a newline for each block boundary (a newline is
  // whitespace, so it folds into the space between paragraphs); folded in one pass.
  let all = '';
  const nodes: Text[] = [];
  const starts: number[] = [];
  // Skipped elements found natively once, rather than asking every element.
  const skip = new Set(el.querySelectorAll(SKIP_SELECTOR));
  const roots = new Set(pick ? el.querySelectorAll(ROOT_SELECTOR) : []);
  const ranges: [number, number, Element][] = [];
  const walk = (parent: Node) => {
    for (let n = parent.firstChild as Node | null; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        nodes.push(n as Text);
        starts.push(all.length);
        all += (n as Text).data;
      } else if (n.nodeType === 1 && !skip.has(n as Element)) {
        const nl = BLOCK.has((n as Element).localName) ? '\n' : '';
        const r = roots.has(n as Element) && ranges.push([all.length, 0, n as Element]);
        all += nl;
        walk(n);
        all += nl;
        if (r) ranges[r - 1][1] = all.length;
      }
    }
  };
  walk(el);
  const [a, b, root] = ranges[chooseRoot(all, ranges)] || [0, all.length, el];
  const f = fold(all.slice(a, b));
  return { text: f.text, toRaw: (i) => a + f.toRaw(i), nodes, starts, root };
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
