import { describe, expect, it } from 'vitest';
import { createArticle, createClaim, expectProblem, signedIn } from './helpers';

/** A checker signed in, with a claim of theirs on an article an editor created. */
async function checkerWithClaim() {
  const checker = await signedIn('checker');
  const article = await createArticle(await signedIn('editor'));
  return { checker, c: await createClaim(checker, article.id) };
}

describe('claims', () => {
  it('anchors a quote by code points, with prefix and suffix, even after an astral character', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor, { text: '🎉 Party: the fine was $500 today.' });
    const claim = await createClaim(editor, article.id, { quote: '$500', value: { amount: 500, currency: 'USD' } });
    // 🎉 is one code point (two UTF-16 units): "🎉 Party: the fine was " is 22 code points.
    expect(claim).toMatchObject({ start: 22, end: 26, prefix: '🎉 Party: the fine was ', suffix: ' today.' });
  });

  it('refuses a quote that is not in the text, and an ambiguous one without a start', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const absent = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '99 years', kind: 'sentence', value: 'P99Y' } });
    expect(absent.status).toBe(422);
    expect(absent.json.errors[0].field).toBe('quote');
    const repeated = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '12 years', kind: 'sentence', value: 'P12Y' } });
    expect(repeated.status).toBe(422);
    expect(repeated.json.errors[0].field).toBe('start');
    expect(repeated.json.occurrences).toHaveLength(2);
    const chosen = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '12 years', start: repeated.json.occurrences[1], kind: 'sentence', value: 'P12Y' } });
    expect(chosen.status).toBe(201);
    expect(chosen.json.start).toBe(repeated.json.occurrences[1]);
  });

  it('refuses a second claim on the same span', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    await createClaim(editor, article.id);
    const again = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '$80,000', kind: 'money', value: { amount: 80000, currency: 'USD' } } });
    expect(again.status).toBe(409);
  });

  it('refuses a query parameter it does not know, naming it, instead of ignoring the filter', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const res = await editor.call(`/api/v1/claims?articleId=${article.id}&status=open`);
    expectProblem(res, 422, 'validation');
    expect(res.json.errors).toEqual([{ field: 'articleId', message: expect.stringContaining('article') }]);
    // The same list with the parameter it does know.
    expect((await editor.call(`/api/v1/claims?article=${article.id}&status=open`)).status).toBe(200);
    expectProblem(await editor.call('/api/v1/articles?page=2'), 422, 'validation');
  });

  it('lists with filters and keyset pagination that visits every claim once', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    await createClaim(editor, article.id);
    await createClaim(editor, article.id, { quote: 'Some 250 protesters', kind: 'count', value: 250, approximate: true, subject: 'protesters' });
    await createClaim(editor, article.id, { quote: 'March 3', kind: 'date', value: '2024-03-03' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { json: { items: { id: string }[]; nextCursor: string | null } } = await editor.call(`/api/v1/claims?article=${article.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.json.items.map((c) => c.id));
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);

    const byKind = await editor.call(`/api/v1/claims?article=${article.id}&kind=count`);
    expect(byKind.json.items.map((c: { quote: string }) => c.quote)).toEqual(['Some 250 protesters']);
    const byText = await editor.call(`/api/v1/claims?article=${article.id}&q=PROTEST`);
    expect(byText.json.items).toHaveLength(1);
    const ordered = await editor.call(`/api/v1/claims?article=${article.slug}&order=position`);
    expect(ordered.json.items.map((c: { start: number }) => c.start)).toEqual([...ordered.json.items.map((c: { start: number }) => c.start)].sort((a, b) => a - b));
    const bad = await editor.call('/api/v1/claims?status=maybe&cursor=zzz');
    expect(bad.status).toBe(422);
  });

  it('updates kind and value together, validating the value against the new kind', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const c = await createClaim(editor, article.id, { quote: 'Some 250 protesters', kind: 'count', value: 250 });
    const mismatch = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { kind: 'date', version: c.version } });
    expect(mismatch.status).toBe(422);
    const ok = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { value: { min: 200, max: 300 }, approximate: true, speaker: 'Police', version: c.version } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ value: { min: 200, max: 300 }, approximate: true, speaker: 'Police', version: 2 });
  });

  it('adds, edits and removes sources, http(s) only, each bumping the claim version', async () => {
    const { checker, c } = await checkerWithClaim();
    const bad = await checker.call(`/api/v1/claims/${c.id}/sources`, { method: 'POST', body: { url: 'javascript:alert(1)', title: 'x', version: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].field).toBe('url');
    const added = await checker.call(`/api/v1/claims/${c.id}/sources`, { method: 'POST', body: { url: 'https://court.example/ruling.pdf', title: '<b>Ruling</b>', type: 'court', accessedAt: '2024-03-04', version: 1 } });
    expect(added.status).toBe(201);
    expect(added.json.source.title).toBe('<b>Ruling</b>'); // stored as text; views escape it
    expect(added.json.claimVersion).toBe(2);
    const edited = await checker.call(`/api/v1/sources/${added.json.source.id}`, { method: 'PATCH', body: { publisher: 'Springfield court', version: 2 } });
    expect(edited.json.source.publisher).toBe('Springfield court');
    const removed = await checker.call(`/api/v1/sources/${added.json.source.id}?version=3`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    const detail = await checker.call(`/api/v1/claims/${c.id}`);
    expect(detail.json.sources).toEqual([]);
    expect(detail.json.version).toBe(4);
    expect(detail.headers.get('etag')).toBe('"4"');
  });

  it.each(['https:example.com/x', 'http:/example.com/x', ' javascript:alert(1)'])('refuses the URL %j with 422, never a 500', async (url) => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const c = await createClaim(editor, article.id);
    const src = await editor.call(`/api/v1/claims/${c.id}/sources`, { method: 'POST', body: { url, title: 'x', version: 1 } });
    expect(src.status).toBe(422);
    const art = await editor.call('/api/v1/articles', { method: 'POST', body: { title: 'T', url, publisher: 'P', publishedAt: '2024', text: 'x', extract: false } });
    expect(art.status).toBe(422);
  });

  it('anchors repeats after astral characters at the right code points, and refuses half a character', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor, { text: 'A 😀 fine of 5 😀 dollars and 😀 again.' });
    const res = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '😀', kind: 'count', value: 1 } });
    expect(res.json.occurrences).toEqual([2, 14, 28]);
    const third = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '😀', start: 28, kind: 'count', value: 1 } });
    expect(third.json.quote).toBe('😀');
    const half = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: '{"quote": "\\uDE00 fine", "kind": "count", "value": 1}', headers: { 'Content-Type': 'application/json' } });
    expect(half.status).toBe(422);
  });

  it('treats an empty assignee as nobody, never a 500', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const made = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '$80,000', kind: 'money', value: { amount: 80000, currency: 'USD' }, assigneeId: '' } });
    expect(made.status).toBe(201);
    expect(made.json.assigneeId).toBeNull();
    const patched = await editor.call(`/api/v1/claims/${made.json.id}`, { method: 'PATCH', body: { assigneeId: '', version: made.json.version } });
    expect(patched.status).toBe(200);
    expect(patched.json.assigneeId).toBeNull();
  });

  it('finds a quote at a given position however often it repeats', async () => {
    const editor = await signedIn('editor');
    const text = Array.from({ length: 1100 }, () => 'He got 5 years.').join(' ');
    const article = await createArticle(editor, { text });
    const last = 1099 * 'He got 5 years. '.length + 'He got '.length;
    const res = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '5 years', start: last, kind: 'sentence', value: 'P5Y' } });
    expect(res.status).toBe(201);
    expect(res.json.start).toBe(last);
    const wrong = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: '5 years', start: last + 1, kind: 'sentence', value: 'P5Y' } });
    expect(wrong.status).toBe(422);
  });

  it('refuses a quote of spaces only, and finds a decomposed (NFD) quote in composed text', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor, { text: 'The café paid a fine of €500 in 2019.' });
    const blank = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: ' ', kind: 'count', value: 1 } });
    expect(blank.status).toBe(422);
    const nfd = await editor.call(`/api/v1/articles/${article.id}/claims`, { method: 'POST', body: { quote: 'café paid a fine of €500'.normalize('NFD'), kind: 'money', value: { amount: 500, currency: 'EUR' } } });
    expect(nfd.status).toBe(201);
    expect(nfd.json.quote).toBe('café paid a fine of €500'.normalize('NFC'));
  });
});

describe('claim updates', () => {
  it('keep subject and speaker when a patch does not mention them', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const c = await createClaim(editor, article.id, { subject: 'fine', speaker: 'The court' });
    const res = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { approximate: true, version: c.version } });
    expect(res.json).toMatchObject({ subject: 'fine', speaker: 'The court', approximate: true });
  });

  it('a null value is checked, not ignored', async () => {
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const c = await createClaim(editor, article.id);
    const res = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { value: null, version: 1 } });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].field).toMatch(/^value/);
  });
});

describe('verdicts', () => {
  it('answer the proposed verdict with its author, and keep the history newest first', async () => {
    const { checker, c } = await checkerWithClaim();
    const first = await checker.call(`/api/v1/claims/${c.id}/verdicts`, { method: 'POST', body: { rating: 'false', summary: '<i>No</i>', version: 1 } });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ claimVersion: 2, verdict: { rating: 'false', summary: '<i>No</i>', authorName: 'Test checker', authorId: checker.userId } });
    await checker.call(`/api/v1/claims/${c.id}/verdicts`, { method: 'POST', body: { rating: 'mostly-false', summary: 'Mostly not.', version: 2 } });
    const detail = (await checker.call(`/api/v1/claims/${c.id}`)).json;
    expect(detail.verdicts.map((v: { rating: string }) => v.rating)).toEqual(['mostly-false', 'false']);
    expect(detail.latestVerdict.rating).toBe('mostly-false');
  });
});
