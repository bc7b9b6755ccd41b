import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import { findMatches } from '../../src/services/matching';
import { labelledPairs } from '../fixtures/library/fixtures';
import { anonymous, createArticle, createClaim, editorForFile, expectProblem, signedIn } from './helpers';
import { insertLibraryFixtures } from './library-helpers';

const { editor, publish } = editorForFile();

describe('matching through the database: value keys, the index\u2019s sentences, stored suggestions', () => {
  let fx: Awaited<ReturnType<typeof insertLibraryFixtures>>;
  beforeAll(async () => {
    fx = await insertLibraryFixtures();
  }, 120_000);

  it('finds what the labels say, across all fixtures at once (precision at least 90 %, recall at least 80 %)', { timeout: 240_000 }, async () => {
    const db = createDb(env.DB);
    const fact = new Map(fx.claims.map((c) => [c.id, c.fact]));
    const found = new Set<string>();
    let falsePositives = 0;
    let candidates = 0;
    // Every claim of the clusters asks for its matches (the distractors are found or not as candidates).
    for (const c of fx.claims.filter((x) => !x.article.startsWith('x-'))) {
      const r = await findMatches(db, c.id);
      candidates += r.candidates ?? 0;
      for (const m of r.items) {
        const pair = [c.id, m.claim.id].sort().join('|');
        if (fact.get(m.claim.id) === c.fact) found.add(pair);
        else falsePositives++;
      }
    }
    const positives = (['tuning', 'held-out', 'held-out-2'] as const).flatMap((s) => labelledPairs(fx.claims, s)).filter((p) => p.same);
    const recalled = positives.filter((p) => found.has([p.a.id, p.b.id].sort().join('|'))).length;
    // Each true pair is found from both ends; false ones are counted from each end too.
    const precision = (found.size * 2) / (found.size * 2 + falsePositives);
    const recall = recalled / positives.length;
    console.log(`through D1: ${positives.length} labelled pairs, ${recalled} found, ${falsePositives} false matches (from either end), precision ${(precision * 100).toFixed(1)} %, recall ${(recall * 100).toFixed(1)} %, ${candidates} candidates read`);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });
});

describe('GET /api/v1/claims/{id}/matches and POST /api/v1/claims/{id}/reuse', () => {
  const lede = 'NordLink fined over data breach\n\n';
  async function twoStories() {
    const a = await createArticle(editor, { title: 'Regulator fines NordLink', slug: `nl-a-${crypto.randomUUID().slice(0, 6)}`, text: `${lede}The data inspectorate fined NordLink 7.1 million euros on Wednesday. Chief executive Marko Tamm received a bonus of €7 million.` });
    const b = await createArticle(editor, { title: 'Consumers want NordLink fine to reach victims', slug: `nl-b-${crypto.randomUUID().slice(0, 6)}`, text: `${lede}The union welcomed the decision to fine NordLink more than €7 million. NordLink paid its chief executive a €7 million bonus.` });
    const fineA = await createClaim(editor, a.id, { quote: '7.1 million euros', kind: 'money', value: { amount: 7100000, currency: 'EUR' }, subject: 'fine' });
    const bonusA = await createClaim(editor, a.id, { quote: '€7 million', kind: 'money', value: { amount: 7000000, currency: 'EUR' }, subject: 'bonus' });
    const fineB = await createClaim(editor, b.id, { quote: 'more than €7 million', kind: 'money', value: { amount: 7000000, currency: 'EUR' }, bound: 'at_least', subject: 'fine' });
    return { a, b, fineA, bonusA, fineB };
  }

  it('answers the claims that state the same thing, with reasons and the published check', async () => {
    const { fineA, bonusA, fineB } = await twoStories();
    const published = await publish({ id: fineA.id, version: fineA.version }, { rating: 'true', summary: 'The inspectorate’s decision says 7.1 million euros.' }, { url: 'https://inspectorate.example/decision', title: 'Decision 12/2023', type: 'official' });
    const res = await editor.call(`/api/v1/claims/${fineB.id}/matches`);
    expect(res.status).toBe(200);
    const ids = (res.json.items as { claim: { id: string } }[]).map((m) => m.claim.id);
    expect(ids).toContain(fineA.id);
    expect(ids).not.toContain(bonusA.id);
    const m = res.json.items.find((x: { claim: { id: string } }) => x.claim.id === fineA.id);
    expect(m.reasons).toEqual(expect.arrayContaining(['same kind', 'bound covers']));
    expect(m.score).toBeGreaterThan(0.5);
    expect(m.claim).toMatchObject({ id: fineA.id, quote: '7.1 million euros', version: published.version });
    expect(m.verdict).toMatchObject({ rating: 'true', summary: 'The inspectorate’s decision says 7.1 million euros.' });
    expect(m.verdict.sources.map((s: { url: string }) => s.url)).toEqual(['https://inspectorate.example/decision']);
    // Open only: the published one is not what a publication could clear.
    const open = await editor.call(`/api/v1/claims/${fineB.id}/matches?scope=open`);
    expect((open.json.items as { claim: { id: string } }[]).map((x) => x.claim.id)).not.toContain(fineA.id);
    const back = await editor.call(`/api/v1/claims/${fineA.id}/matches?scope=open`);
    expect((back.json.items as { claim: { id: string } }[]).map((x) => x.claim.id)).toContain(fineB.id);
  });

  it('reuses a published check as a new proposed verdict with its sources, and the event says from where', async () => {
    const { fineA, fineB } = await twoStories();
    await publish({ id: fineA.id, version: fineA.version }, { rating: 'mostly-true', summary: 'About right.', explanation: 'The decision names 7.1 million.' }, { url: 'https://inspectorate.example/d2', title: 'Decision 13/2023', type: 'official' });
    const checker = await signedIn('checker');
    const res = await checker.call(`/api/v1/claims/${fineB.id}/reuse`, { method: 'POST', body: { from: fineA.id, version: fineB.version } });
    expect(res.status).toBe(201);
    expect(res.json.verdict).toMatchObject({ rating: 'mostly-true', summary: 'About right.', explanation: 'The decision names 7.1 million.' });
    const detail = await checker.call(`/api/v1/claims/${fineB.id}`);
    expect(detail.json.latestVerdict.id).toBe(res.json.verdict.id);
    expect(detail.json.publishedVerdict).toBeNull();
    expect(detail.json.sources.map((s: { url: string }) => s.url)).toEqual(['https://inspectorate.example/d2']);
    const history = await checker.call(`/api/v1/claims/${fineB.id}/history`);
    const event = (history.json.items as { action: string; after: { reusedFrom?: unknown } }[]).find((e) => e.action === 'verdict.propose');
    expect(event?.after.reusedFrom).toMatchObject({ claimId: fineA.id });
    // A stale version changes nothing.
    expectProblem(await checker.call(`/api/v1/claims/${fineB.id}/reuse`, { method: 'POST', body: { from: fineA.id, version: fineB.version } }), 409, 'stale-version');
  });

  it('refuses to reuse what is not published, and people who may not', async () => {
    const { fineA, fineB } = await twoStories();
    expectProblem(await editor.call(`/api/v1/claims/${fineB.id}/reuse`, { method: 'POST', body: { from: fineA.id, version: fineB.version } }), 409, 'nothing-to-reuse');
    expectProblem(await editor.call(`/api/v1/claims/${fineB.id}/reuse`, { method: 'POST', body: { from: fineB.id, version: fineB.version } }), 422, 'validation');
    expectProblem(await anonymous.call(`/api/v1/claims/${fineB.id}/matches`), 401);
    expectProblem(await anonymous.call(`/api/v1/claims/${fineB.id}/reuse`, { method: 'POST', body: { from: fineA.id, version: 1 } }), 401);
    expectProblem(await editor.call('/api/v1/claims/clm_nope/matches'), 404);
  });
});
