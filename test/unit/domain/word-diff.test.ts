import { describe, expect, it } from 'vitest';
import { diffParagraphs, diffWords } from '../../../src/domain/word-diff';

const render = (parts: ReturnType<typeof diffWords>) => parts.map((p) => (p.op === 'same' ? p.text : p.op === 'add' ? `{+${p.text}+}` : `[-${p.text}-]`)).join('');

describe('word-level diff', () => {
  it('a changed figure', () => {
    expect(diffWords('He got 12 years in prison.', 'He got 10 years in prison.')).toEqual([
      { op: 'same', text: 'He got ' },
      { op: 'del', text: '12' },
      { op: 'add', text: '10' },
      { op: 'same', text: ' years in prison.' },
    ]);
  });

  it('words added and removed', () => {
    expect(render(diffWords('The court fined him 80,000 somoni on Monday.', 'The regional court fined him on Monday.'))).toBe('The {+regional +}court fined him[- 80,000 somoni-] on Monday.');
  });

  it('identical and empty texts', () => {
    expect(diffWords('same text', 'same text')).toEqual([{ op: 'same', text: 'same text' }]);
    expect(diffWords('', 'new')).toEqual([{ op: 'add', text: 'new' }]);
    expect(diffWords('old', '')).toEqual([{ op: 'del', text: 'old' }]);
  });

  it('puts back together what it takes apart', () => {
    const a = 'Alpha beta gamma delta. Epsilon zeta eta theta iota.';
    const b = 'Alpha gamma delta! Epsilon zeta eta kappa theta iota lambda.';
    const parts = diffWords(a, b);
    expect(parts.filter((p) => p.op !== 'add').map((p) => p.text).join('')).toBe(a);
    expect(parts.filter((p) => p.op !== 'del').map((p) => p.text).join('')).toBe(b);
  });
});

describe('paragraph diff', () => {
  const A = ['Intro paragraph.', 'He got 12 years in prison.', 'A paragraph that goes.', 'The end.'].join('\n\n');
  it('changed, removed and added paragraphs, the rest the same', () => {
    const B = ['Intro paragraph.', 'He got 10 years in prison.', 'The end.', 'A new last paragraph.'].join('\n\n');
    const d = diffParagraphs(A, B);
    expect(d.map((p) => p.op)).toEqual(['same', 'changed', 'removed', 'same', 'added']);
    expect(d[1].words).toEqual(diffWords('He got 12 years in prison.', 'He got 10 years in prison.'));
  });
  it('the same text is all the same', () => {
    expect(diffParagraphs(A, A).every((p) => p.op === 'same')).toBe(true);
  });
});
