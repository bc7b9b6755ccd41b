import { describe, expect, it } from 'vitest';
import { diffWords } from '../../../src/domain/word-diff';

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
