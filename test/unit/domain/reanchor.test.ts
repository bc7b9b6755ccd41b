import { describe, expect, it } from 'vitest';
import { anchorAt, codePointLength } from '../../../src/domain/text';
import { reanchor, type PlacedClaim } from '../../../src/domain/reanchor';

const OLD = [
  'A court in Valdeira on Wednesday sentenced the city\u2019s former mayor to 12 years in prison for corruption.',
  'Judges found that between 2014 and 2019 he approved the sale of 14 municipal plots to relatives.',
  'The court ordered him to repay \u20ac2.4 million to the city and barred him from office for 10 years.',
  'About 200 people gathered outside the courthouse as the sentence was read.',
].join('\n\n');

/** A claim on `quote` (its n-th occurrence) in `text`. */
function claimOn(text: string, quote: string, id = quote, n = 0): PlacedClaim {
  let at = -1;
  for (let k = 0; k <= n; k++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`no ${quote}`);
  const start = codePointLength(text.slice(0, at));
  const a = anchorAt(text, start, start + codePointLength(quote));
  return { id, ...a };
}

const CLAIMS = () => [claimOn(OLD, '12 years'), claimOn(OLD, '14 municipal plots'), claimOn(OLD, '\u20ac2.4 million'), claimOn(OLD, '10 years'), claimOn(OLD, 'About 200 people')];

describe('re-anchoring on a new revision', () => {
  it('a typo fixed elsewhere: every claim moves, none changes', () => {
    const text = OLD.replace('courthouse', 'court house').replace('Wednesday', 'Wednsday'.replace('ns', 'nes'));
    const out = reanchor(text.replace('the sale of', 'the sales of'), CLAIMS());
    expect(out.map((p) => p.kind)).toEqual(['moved', 'moved', 'moved', 'moved', 'moved']);
  });

  it('a paragraph added before: claims move by its length, with their new context', () => {
    const text = `Update: the defence has appealed.\n\n${OLD}`;
    const out = reanchor(text, CLAIMS());
    for (const [i, p] of out.entries()) {
      expect(p.kind).toBe('moved');
      if (p.kind !== 'moved') continue;
      expect(p.anchor.start).toBe(CLAIMS()[i].start + 'Update: the defence has appealed.\n\n'.length);
      expect(text.slice(p.anchor.start, p.anchor.end)).toBe(CLAIMS()[i].quote); // ASCII-only prefix: code points = units
    }
  });

  it('a corrected figure: the claim changed, with the words before and after', () => {
    const out = reanchor(OLD.replace('12 years in prison', '10 years in prison'), CLAIMS());
    expect(out[0]).toMatchObject({ kind: 'changed', before: '12 years', after: '10 years' });
    // …and the other "10 years" (the ban) is still itself, not taken for the changed one.
    expect(out[3]).toMatchObject({ kind: 'moved' });
  });

  it('a figure rewritten in words: found between its old context', () => {
    const out = reanchor(OLD.replace('14 municipal plots', 'many municipal plots'), CLAIMS());
    expect(out[1]).toMatchObject({ kind: 'changed', before: '14 municipal plots', after: 'many municipal plots' });
    const words = reanchor(OLD.replace('sale of 14 municipal plots to', 'sale of more than a dozen plots owned by the city to'), CLAIMS());
    expect(words[1]).toMatchObject({ kind: 'changed', after: 'more than a dozen plots owned by the city' });
  });

  it('a paragraph removed: its claims are gone, the others move', () => {
    const text = OLD.split('\n\n').filter((p) => !p.startsWith('The court ordered')).join('\n\n');
    const out = reanchor(text, CLAIMS());
    expect(out.map((p) => p.kind)).toEqual(['moved', 'moved', 'gone', 'gone', 'moved']);
    expect(out[2]).toMatchObject({ before: '\u20ac2.4 million', reason: 'not-found' });
  });

  it('a short quote repeated: the copy whose context agrees best; a tie is refused', () => {
    const text = 'In 2019 the plan failed. Officials met in 2019 again. The budget of 2019 was cut.';
    const c: PlacedClaim = { id: 'y', quote: '2019', prefix: 'Officials met in ', suffix: ' again. The budget', start: 500, end: 504 };
    const picked = reanchor(text, [c])[0];
    expect(picked.kind).toBe('moved');
    if (picked.kind === 'moved') expect(picked.anchor.prefix.endsWith('Officials met in ')).toBe(true);
    const twins = 'Officials met in 2019 again. The budget was cut. Officials met in 2019 again. The budget was cut.';
    expect(reanchor(twins, [c])[0]).toMatchObject({ kind: 'gone', reason: 'ambiguous' });
  });

  it('typography alone does not change a claim', () => {
    const text = OLD.replace('city\u2019s', "city's").replace(/ /g, ' ');
    expect(reanchor(text, CLAIMS()).every((p) => p.kind === 'moved')).toBe(true);
  });
});

describe('re-anchoring refuses a look-alike', () => {
  it('a removed figure is not taken for another claim that looks like it', () => {
    const text = ['Case 1: the court fined the company 10,000 somoni for fraud.', 'Case 2: the court fined the company 10,037 somoni for fraud.', 'Case 3: the court fined the company 10,074 somoni for fraud.'].join('\n\n');
    const claims = [claimOn(text, '10,037 somoni'), claimOn(text, '10,074 somoni')];
    const next = text.split('\n\n').filter((p) => !p.startsWith('Case 2')).join('\n\n');
    const out = reanchor(next, claims);
    expect(out[1]).toMatchObject({ kind: 'moved' });
    // Not on "10,074 somoni", which is claim 2's; another similar figure with the same
    // words around it ("10,000 somoni" here) could still be taken: docs/import.md says so.
    expect(out[0].kind === 'changed' && out[0].after === '10,074 somoni').toBe(false);
  });

  it('a removed figure is not taken for a similar one in other words', () => {
    const text = 'The council approved a budget of 12,500 euros for the library. Separately, the mayor said the festival had cost 12,900 euros, more than planned.';
    const claims = [claimOn(text, '12,500 euros')];
    const next = 'The council approved the library plan. Separately, the mayor said the festival had cost 12,900 euros, more than planned.';
    expect(reanchor(next, claims)[0]).toMatchObject({ kind: 'gone' });
  });
});

describe('two claims are never placed on the same words', () => {
  it('the nearer one keeps them, the other is refused', () => {
    const text = 'On Tuesday the court met. On Tuesday the court met again.';
    const a = claimOn(text, 'Tuesday', 'a', 0);
    const b = claimOn(text, 'Tuesday', 'b', 1);
    // The second sentence goes: both quotes would be found on the first "Tuesday".
    const out = reanchor('On Tuesday the court met.', [a, b]);
    expect(out[0]).toMatchObject({ kind: 'moved' });
    expect(out[1].kind).toBe('gone');
  });
});
