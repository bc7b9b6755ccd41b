// Scores the extractor against hand-labelled gold: the seed article and the
// invented fixtures (test/fixtures/extract). Thresholds are what the extractor
// achieves when this was written, a little below, so a regression fails.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../../src/extract/index';
import { parseClaimValue } from '../../../src/domain/claim-values';
import { type GoldFile, locateGold, mergeScores, precision, recall, score, sameValue } from './scoring';

const root = join(__dirname, '../../..');

function run(goldPath: string) {
  const g = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldFile;
  const text = readFileSync(join(dirname(goldPath), g.article), 'utf8');
  const gold = locateGold(text, g.claims);
  return score(gold, extractClaims(text, { publishedAt: g.publishedAt }));
}

describe('scoring helpers', () => {
  it('normalises values before comparing', () => {
    expect(sameValue('P1Y6M', 'P18M')).toBe(true);
    expect(sameValue('P2W', 'P14D')).toBe(true);
    expect(sameValue('P1Y', 'P13M')).toBe(false);
    expect(sameValue({ amount: 8500, currency: 'usd' }, { amount: 8500, currency: 'USD' })).toBe(true);
    expect(sameValue({ amount: 8500, currency: 'USD' }, { amount: 8500, currency: 'EUR' })).toBe(false);
    expect(sameValue(0.667, 0.6667)).toBe(true);
    expect(sameValue('2017-08', '2017-08-01')).toBe(false);
    expect(sameValue({ min: 100, max: 250 }, { min: 100, max: 250 })).toBe(true);
  });

  it('an empty prediction scores zero, a perfect one scores one', () => {
    const text = 'He got 12 years in prison.';
    const gold = locateGold(text, [{ kind: 'sentence', quote: '12 years in prison', value: 'P12Y', context: 'got 12 years in prison' }]);
    expect(recall(score(gold, []).total)).toBe(0);
    expect(recall(score(gold, [{ kind: 'sentence', start: 7, end: 25, value: 'P12Y' }]).total)).toBe(1);
    expect(recall(score(gold, [{ kind: 'sentence', start: 7, end: 25, value: 'P11Y' }]).total)).toBe(0);
  });
});

describe('seed article (The Diplomat, 2017) against claims.gold.json', () => {
  const s = run(join(root, 'schema/seed/claims.gold.json'));
  it('recall overall and per kind', () => {
    expect(recall(s.total)).toBeGreaterThanOrEqual(0.95);
    for (const k of ['sentence', 'money', 'date', 'count', 'duration', 'age', 'fraction']) {
      expect(recall(s.byKind[k]), k).toBeGreaterThanOrEqual(0.9);
    }
  });
  it('precision for sentence, money and date', () => {
    for (const k of ['sentence', 'money', 'date']) expect(precision(s.byKind[k]), k).toBeGreaterThanOrEqual(0.9);
  });
});

describe('every candidate on the gold articles is a value the claim store accepts', () => {
  const dir = join(root, 'test/fixtures/extract');
  const golds = [join(root, 'schema/seed/claims.gold.json'), ...readdirSync(dir).filter((f) => f.endsWith('.gold.json')).map((f) => join(dir, f))];
  it.each(golds)('%s', (goldPath) => {
    const g = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldFile;
    const text = readFileSync(join(dirname(goldPath), g.article), 'utf8');
    const rejected = extractClaims(text, { publishedAt: g.publishedAt }).filter((c) => !parseClaimValue(c.kind, c.value).success);
    expect(rejected).toEqual([]);
  });
});

describe('own fixtures from other contexts (court, budget, election, statistics)', () => {
  const dir = join(root, 'test/fixtures/extract');
  const files = readdirSync(dir).filter((f) => f.endsWith('.gold.json'));
  it('there are at least four of them', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });
  const scores = files.map((f) => [f, run(join(dir, f))] as const);
  it.each(scores)('%s: recall ≥ 0.85, precision ≥ 0.9 for sentence/money/date', (_f, s) => {
    expect(recall(s.total)).toBeGreaterThanOrEqual(0.85);
    for (const k of ['sentence', 'money', 'date']) if (s.byKind[k].predicted) expect(precision(s.byKind[k]), k).toBeGreaterThanOrEqual(0.9);
  });
  it('together: recall ≥ 0.9', () => {
    const all = mergeScores(scores.map(([, s]) => s));
    expect(recall(all.total)).toBeGreaterThanOrEqual(0.9);
  });
});
