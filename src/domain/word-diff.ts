/**
 * A word-level diff of two texts, for showing what changed between two revisions of an
 * article around each claim. Words and the whitespace between them are the units; the common
 * beginning and end are taken off first, and the rest is aligned by longest common
 * subsequence (bounded: past `MAX_CELLS` the middle is shown as removed then added).
 *
 * @example diffWords('He got 12 years.', 'He got 10 years.')
 * // [{ op: 'same', text: 'He got ' }, { op: 'del', text: '12' }, { op: 'add', text: '10' }, { op: 'same', text: ' years.' }]
 */

export interface DiffPart {
  op: 'same' | 'add' | 'del';
  text: string;
}

/** Cells of the alignment table at most (4 M: a few paragraphs against a few paragraphs). */
export const MAX_CELLS = 4_000_000;

const tokens = (s: string) => s.match(/\s+|[^\s]+/g) ?? [];

export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ma = a.slice(head, a.length - tail);
  const mb = b.slice(head, b.length - tail);
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push('same', a.slice(0, head).join(''));
  if ((ma.length + 1) * (mb.length + 1) > MAX_CELLS) {
    push('del', ma.join(''));
    push('add', mb.join(''));
  } else {
    // lcs[i][j]: the longest common subsequence of ma[i..] and mb[j..], row by row.
    const w = mb.length + 1;
    const lcs = new Int32Array((ma.length + 1) * w);
    for (let i = ma.length - 1; i >= 0; i--) {
      for (let j = mb.length - 1; j >= 0; j--) {
        lcs[i * w + j] = ma[i] === mb[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < ma.length || j < mb.length) {
      if (i < ma.length && j < mb.length && ma[i] === mb[j]) {
        push('same', ma[i++]);
        j++;
      } else if (j < mb.length && (i === ma.length || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) push('add', mb[j++]);
      else push('del', ma[i++]);
    }
  }
  push('same', a.slice(a.length - tail).join(''));
  // Deletions before additions where they meet, so "12 → 10" reads in that order.
  for (let k = 1; k < parts.length; k++) {
    if (parts[k].op === 'del' && parts[k - 1].op === 'add') [parts[k - 1], parts[k]] = [parts[k], parts[k - 1]];
  }
  return parts;
}

export interface ParagraphDiff {
  op: 'same' | 'changed' | 'added' | 'removed';
  before: string | null;
  after: string | null;
  /** For a changed paragraph, its words: what went, what came. */
  words: DiffPart[] | null;
}

/**
 * Two texts paragraph by paragraph (blank-line or line separated): paragraphs aligned by
 * longest common subsequence, a removed one next to an added one taken as one changed
 * paragraph with its word diff. What a revision changed, in pieces a person can read.
 */
export function diffParagraphs(before: string, after: string): ParagraphDiff[] {
  const a = before.split(/\n+/).filter((p) => p.trim());
  const b = after.split(/\n+/).filter((p) => p.trim());
  const w = b.length + 1;
  const lcs = new Int32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
  const out: ParagraphDiff[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: 'same', before: a[i++], after: b[j++], words: null });
    } else if (i < a.length && j < b.length && lcs[(i + 1) * w + j + 1] === lcs[i * w + j]) {
      // Neither is kept as it is, and dropping both loses nothing: one paragraph, edited.
      out.push({ op: 'changed', before: a[i], after: b[j], words: diffWords(a[i++], b[j++]) });
    } else if (j < b.length && (i === a.length || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) out.push({ op: 'added', before: null, after: b[j++], words: null });
    else out.push({ op: 'removed', before: a[i++], after: null, words: null });
  }
  return out;
}
