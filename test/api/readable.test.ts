/**
 * Issue 13 through the real Worker: values entered in words or in the machine form store the
 * same thing; statements and correct figures; the newsroom's identity in every public
 * output; articles private until one of their claims is published.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { anonymous, call, createArticle, createClaim, editorForFile, expectProblem, ORIGIN, signedIn } from './helpers';
import { claimReviewProblems } from '../../src/services/public-claim-review';

const { editor, publish } = editorForFile();

/** What a claim stores of its value, as the API answers it. */
const stored = (c: Record<string, unknown>) => ({ kind: c.kind, value: c.value, approximate: c.approximate, bound: c.bound, subject: c.subject });

const TEXT =
  'Khayrullo Mirsaidov was sentenced to 12 years in prison last November. He was fined about 80,000 somoni. ' +
  'Some 10,000 prisoners were freed; between 100 and 250 political prisoners remain, one-fifth of them women.';

async function article(extra: Record<string, unknown> = {}) {
  return createArticle(editor, { text: TEXT, url: `https://news.example/${crypto.randomUUID()}`, publishedAt: '2017-08-25', ...extra });
}

const ldJson = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));

describe('values: the same value entered both ways stores the same thing', () => {
  const pairs: [quote: string, kind: string, words: string, machine: Record<string, unknown>][] = [
    ['12 years in prison', 'sentence', '12 years', { value: 'P12Y' }],
    ['about 80,000 somoni', 'money', 'about 80,000 somoni', { value: { amount: 80000, currency: 'TJS' }, approximate: true }],
    ['last November', 'date', 'last November', { value: '2016-11' }],
    ['between 100 and 250', 'count', '100-250', { value: { min: 100, max: 250 } }],
    ['one-fifth', 'fraction', 'one-fifth', { value: 0.2 }],
  ];
  for (const [quote, kind, words, machine] of pairs) {
    it(`${kind}: “${words}” and ${JSON.stringify(machine)}`, async () => {
      const a = await article();
      const b = await article();
      const inWords = await createClaim(editor, a.id, { quote, kind, value: words, subject: null });
      const asMachine = await createClaim(editor, b.id, { quote, kind, ...machine, subject: null });
      expect(stored(inWords)).toEqual(stored(asMachine));
      expect(inWords.value).toEqual(machine.value);
    });
  }

  it('PATCH takes words too: a qualifier in the words is stored, and cleared when the words drop it', async () => {
    const a = await article();
    const c = await createClaim(editor, a.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y', subject: null });
    const about = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { value: 'about 12 to 15 years', version: c.version } });
    expect(about.status).toBe(200);
    expect(stored(about.json)).toMatchObject({ value: { min: 'P12Y', max: 'P15Y' }, approximate: true, bound: null });
    const plain = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { value: '10 years', version: about.json.version } });
    expect(stored(plain.json)).toMatchObject({ value: 'P10Y', approximate: false, bound: null });
    // The machine form leaves the qualifiers alone unless they are sent.
    const machine = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { value: 'P11Y', bound: 'at_least', version: plain.json.version } });
    expect(stored(machine.json)).toMatchObject({ value: 'P11Y', approximate: false, bound: 'at_least' });
  });

  it('a value the parsers cannot read is refused naming the field, saying what was expected', async () => {
    const a = await article();
    const res = await editor.call(`/api/v1/articles/${a.id}/claims`, { method: 'POST', body: { quote: 'about 80,000 somoni', kind: 'money', value: '80,000' } });
    const problem = expectProblem(res, 422, 'validation');
    expect(problem.errors).toEqual([{ field: 'value', message: '“80,000” has no currency. Write it with one, such as 80,000 somoni, TJS 80,000 or $80,000.' }]);
  });

  it('the words name what is counted when the request does not', async () => {
    const a = await article();
    const c = await createClaim(editor, a.id, { quote: 'Some 10,000 prisoners', kind: 'count', value: 'some 10,000 prisoners', subject: undefined });
    expect(stored(c)).toEqual({ kind: 'count', value: 10000, approximate: true, bound: null, subject: 'prisoners' });
  });

  it('POST /api/v1/values/read previews what a checker types, and says what it expected', async () => {
    const checker = await signedIn('checker');
    const ok = await checker.call('/api/v1/values/read', { method: 'POST', body: { kind: 'sentence', text: '12 to 15 years' } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ ok: true, value: { min: 'P12Y', max: 'P15Y' }, form: 'words', words: '12 to 15 years', preview: 'P12Y/P15Y · 12 to 15 years' });
    const money = await checker.call('/api/v1/values/read', { method: 'POST', body: { kind: 'money', text: 'about 80,000 somoni' } });
    expect(money.json.preview.replace(/\u00a0/g, ' ')).toBe('TJS 80,000 · approximate');
    const date = await checker.call('/api/v1/values/read', { method: 'POST', body: { kind: 'date', text: 'last November', publishedAt: '2017-08' } });
    expect(date.json).toMatchObject({ ok: true, value: '2016-11', words: 'November 2016' });
    const bad = await checker.call('/api/v1/values/read', { method: 'POST', body: { kind: 'age', text: 'banana' } });
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual({ ok: false, message: 'Could not read “banana” as an age. Write an age in whole years, such as 4, 59 years or 18 to 25.' });
    expectProblem(await anonymous.call('/api/v1/values/read', { method: 'POST', body: { kind: 'age', text: '4' } }), 401);
  });
});

describe('the claim as a sentence, and the correct figure', () => {
  it('a statement is at most 74 characters, one line; null clears it', async () => {
    const a = await article();
    const c = await createClaim(editor, a.id, { quote: '12 years in prison', kind: 'sentence', value: '12 years', statement: 'Mirsaidov was sentenced to 12 years in prison.' });
    expect(c.statement).toBe('Mirsaidov was sentenced to 12 years in prison.');
    const long = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { statement: 'x'.repeat(75), version: c.version } });
    expect(expectProblem(long, 422, 'validation').errors).toEqual([{ field: 'statement', message: "must be at most 74 characters, Google's limit for a fact-check's claim (it has 75)" }]);
    const cleared = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { statement: null, version: c.version } });
    expect(cleared.json.statement).toBeNull();
  });

  it('readers see the statement as headline and claimReviewed, and “Claimed: 12 years · Actually: 10 years”', async () => {
    const a = await article();
    const c = await createClaim(editor, a.id, { quote: '12 years in prison', kind: 'sentence', value: '12 years', statement: 'Mirsaidov was sentenced to 12 years in prison.' });
    const v = await editor.call(`/api/v1/claims/${c.id}/verdicts`, { method: 'POST', body: { rating: 'misleading', summary: 'The appeal court cut it to ten.', correctValue: '10 years', version: c.version } });
    expect(v.status).toBe(201);
    expect(v.json.verdict).toMatchObject({ correctValue: 'P10Y', correctApproximate: false, correctBound: null });
    await publish({ id: c.id, version: v.json.claimVersion }, { rating: 'misleading', summary: 'The appeal court cut it to ten.', correctValue: 'P10Y' });
    const page = await call(`/claims/${c.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Mirsaidov was sentenced to 12 years in prison.</h1>');
    expect(page.text).toMatch(/Claimed:<\/dt><dd>12 years<\/dd>.*Actually:<\/dt><dd>10 years<\/dd>/s);
    const [review] = ldJson(page.text);
    expect(review.claimReviewed).toBe('Mirsaidov was sentenced to 12 years in prison.');
    expect(claimReviewProblems(review, `${ORIGIN}/claims/${c.id}`)).toEqual([]);
    const feed = await call(`/annotations/${a.slug}/${c.id}`);
    expect(feed.json.body).toContainEqual({ type: 'TextualBody', purpose: 'describing', value: 'Claimed: 12 years · Actually: 10 years', format: 'text/plain' });
  });

  it('without a statement, the headline is the quote’s sentence, whole words, quotation marks balanced', async () => {
    const text = 'Barth told The Diplomat that “100-250 is a number I’ve heard batted around — the majority of whom would be IRPT members.”';
    const a = await article({ text });
    const c = await publish(await createClaim(editor, a.id, { quote: '100-250', kind: 'count', value: '100-250', subject: null }), { rating: 'unverifiable', summary: 'Nobody counts them.' });
    const page = await call(`/claims/${c.id}`);
    expect(page.text).toContain('<h1>“100-250 is a number I’ve heard batted around…”</h1>');
    expect(ldJson(page.text)[0].claimReviewed).toBe('“100-250 is a number I’ve heard batted around…”');
  });

  it('what readers see of the claim is fixed at publication', async () => {
    const a = await article();
    const c = await publish(await createClaim(editor, a.id, { quote: '12 years in prison', kind: 'sentence', value: '12 years', statement: 'Twelve years, the court said.' }), { rating: 'true', summary: 'Court records.' });
    const edited = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { value: '15 years', statement: 'Fifteen years, someone said.', version: c.version } });
    expect(edited.status).toBe(200);
    const page = await call(`/claims/${c.id}`);
    expect(page.text).toContain('Twelve years, the court said.');
    expect(page.text).toContain('<dd>12 years</dd>');
    expect(page.text).not.toContain('Fifteen');
  });
});

describe('the newsroom’s identity', () => {
  it('GET and PATCH /api/v1/settings: admins change it, versioned and audited; others read it', async () => {
    const admin = await signedIn('admin');
    const before = await admin.call('/api/v1/settings');
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ name: 'Factmark', url: null, logoUrl: null, correctionsContact: null });
    expect(before.headers.get('etag')).toBe(`"${before.json.version}"`);
    expectProblem(await editor.call('/api/v1/settings', { method: 'PATCH', body: { name: 'Nope', version: before.json.version } }), 403);
    expectProblem(await anonymous.call('/api/v1/settings'), 401);
    const bad = await admin.call('/api/v1/settings', { method: 'PATCH', body: { correctionsContact: 'call us', logoUrl: 'javascript:alert(1)', version: before.json.version } });
    expect(expectProblem(bad, 422).errors.map((e: { field: string }) => e.field).sort()).toEqual(['correctionsContact', 'logoUrl']);
    const patched = await admin.call('/api/v1/settings', {
      method: 'PATCH',
      body: { name: 'Dushanbe Fact Desk', url: 'https://factdesk.example/', logoUrl: 'https://cdn.factdesk.example/logo.png', correctionsContact: 'corrections@factdesk.example', version: before.json.version },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: 'Dushanbe Fact Desk', url: 'https://factdesk.example/', version: before.json.version + 1 });
    expectProblem(await admin.call('/api/v1/settings', { method: 'PATCH', body: { name: 'Stale', version: before.json.version } }), 409, 'stale-version');
    expect((await editor.call('/api/v1/settings')).json.name).toBe('Dushanbe Fact Desk');
    const event = await env.DB.prepare("SELECT action, before, after FROM events WHERE action = 'settings.update' ORDER BY id DESC LIMIT 1").first<{ before: string; after: string }>();
    expect(JSON.parse(event!.before).name).toBe('Factmark');
    expect(JSON.parse(event!.after).name).toBe('Dushanbe Fact Desk');

    // Every public output carries it: ClaimReview author, annotation creator, the pages.
    const a = await article();
    const c = await publish(await createClaim(editor, a.id, { quote: '12 years in prison', kind: 'sentence', value: '12 years' }), { rating: 'true', summary: 'Court records.' });
    const page = await call(`/claims/${c.id}`);
    const [review] = ldJson(page.text);
    expect(review.author).toEqual({ '@type': 'Organization', name: 'Dushanbe Fact Desk', url: 'https://factdesk.example/', logo: 'https://cdn.factdesk.example/logo.png' });
    expect(claimReviewProblems(review, `${ORIGIN}/claims/${c.id}`)).toEqual([]);
    expect(page.text).toContain('Fact-checks by <a href="https://factdesk.example/" rel="noopener">Dushanbe Fact Desk</a>');
    expect(page.text).toContain('<a href="mailto:corrections@factdesk.example">Ask for a correction</a>');
    expect(page.text).toContain('<img class="brand-logo" src="https://cdn.factdesk.example/logo.png"');
    expect(page.headers.get('content-security-policy')).toContain("img-src 'self' data: https://cdn.factdesk.example;");
    const feed = await call(`/annotations/${a.slug}`);
    expect(feed.json.first.items[0].creator).toEqual({ id: 'https://factdesk.example/', type: 'Organization', name: 'Dushanbe Fact Desk', homepage: 'https://factdesk.example/' });
    const articlePage = await call(`/articles/${a.slug}`);
    expect(articlePage.text).toContain('fact-checked by Dushanbe Fact Desk');
    const dataFeed = (await call('/feeds/claimreview.json')).json;
    expect(dataFeed).toMatchObject({ name: 'Dushanbe Fact Desk fact-checks (ClaimReview)', publisher: { '@type': 'Organization', name: 'Dushanbe Fact Desk', url: 'https://factdesk.example/' } });
    expect(dataFeed.dataFeedElement.find((e: { item: { url: string }[] }) => e.item[0].url === `${ORIGIN}/claims/${c.id}`).item[0].author.name).toBe('Dushanbe Fact Desk');
    // A rename drops the cached feeds at once.
    const renamed = await admin.call('/api/v1/settings', { method: 'PATCH', body: { name: 'Khujand Fact Desk', version: patched.json.version } });
    expect(renamed.status).toBe(200);
    expect((await call(`/annotations/${a.slug}`)).json.first.items[0].creator.name).toBe('Khujand Fact Desk');
    expect((await call('/feeds/claimreview.json')).json.publisher.name).toBe('Khujand Fact Desk');
  });
});

describe('private until published', () => {
  /** Status, headers and body shape: what a reader could tell two answers apart by. */
  const shape = (res: Awaited<ReturnType<typeof call>>, slug: string) => ({
    status: res.status,
    headers: [...res.headers.entries()].filter(([k]) => !['date', 'x-request-id'].includes(k)).sort(),
    body: (slug ? res.text.replaceAll(slug, 'SLUG') : res.text).replace(/"requestId":"[^"]*"/, ''),
  });

  it('an article’s page, feed, pages of the feed and ?url= lookup answer exactly like an unknown article’s until a claim is published', async () => {
    const draft = await article({ url: 'https://news.example/embargoed-story' });
    const c = await createClaim(editor, draft.id, { quote: '12 years in prison', kind: 'sentence', value: '12 years' });
    const unknown = 'no-such-article-at-all';
    for (const path of ['/articles/SLUG', '/annotations/SLUG', '/annotations/SLUG?page=1', `/annotations/SLUG/${c.id}`]) {
      const a = await call(path.replace('SLUG', draft.slug));
      const b = await call(path.replace('SLUG', unknown));
      expect(a.status, path).toBe(404);
      expect(shape(a, draft.slug), path).toEqual(shape(b, unknown));
    }
    const byUrl = await call(`/annotations?url=${encodeURIComponent('https://news.example/embargoed-story')}`);
    const byOtherUrl = await call(`/annotations?url=${encodeURIComponent('https://news.example/never-loaded')}`);
    expect(byUrl.status).toBe(404);
    expect(shape(byUrl, '')).toEqual(shape(byOtherUrl, ''));
    expect((await call('/')).text).not.toContain(draft.slug);

    await publish(c, { rating: 'true', summary: 'Court records.' });
    expect((await call(`/articles/${draft.slug}`)).status).toBe(200);
    expect((await call(`/annotations/${draft.slug}`)).status).toBe(200);
    expect((await call(`/annotations?url=${encodeURIComponent('https://news.example/embargoed-story')}`)).status).toBe(200);
    expect((await call('/')).text).toContain(draft.slug);
  });
});
