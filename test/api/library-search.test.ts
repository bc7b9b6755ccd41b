import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { anonymous, createArticle, createClaim, editorForFile, expectProblem, signedIn, type Client } from './helpers';

const { editor, publish } = editorForFile();

const TEXT =
  'A court in Dushanbe sentenced Khayrullo Mirsaidov to 12 years in prison. ' +
  'Mirsaidov was also fined 80,000 somoni. Some 250 protesters gathered outside the Ärztekammer. ' +
  'In Moscow, Сергей Иванов was fined 30 000 rubles. 北京市政府说有十二个人被捕了。';

async function article(overrides: Record<string, unknown> = {}) {
  return createArticle(editor, { title: 'Mirsaidov jailed', text: TEXT, slug: `a-${crypto.randomUUID().slice(0, 8)}`, ...overrides });
}

async function search(client: Client, q: string, extra = '') {
  return client.call(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
}

describe('GET /api/v1/search', () => {
  it('finds claims by the words of their sentence, ranked, with the words found marked in a snippet', async () => {
    const a = await article();
    const claim = await createClaim(editor, a.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y', subject: undefined });
    const res = await search(editor, 'Mirsaidov', `&type=claims`);
    expect(res.status).toBe(200);
    const hit = res.json.claims.items.find((h: { claim: { id: string } }) => h.claim.id === claim.id);
    expect(hit).toBeTruthy();
    expect(hit.article).toMatchObject({ id: a.id, title: 'Mirsaidov jailed' });
    const [s, e] = hit.snippet.highlights[0];
    expect(Array.from(hit.snippet.text as string).slice(s, e).join('')).toBe('Mirsaidov');
    expect(res.json.articles).toBeNull();
  });

  it('folds case and accents both ways, in composed and decomposed text', async () => {
    const a = await article({ text: TEXT.replace('Ärztekammer', 'A\u0308rztekammer') });
    await createClaim(editor, a.id, { quote: 'Some 250 protesters', kind: 'count', value: 250, approximate: true });
    for (const q of ['ärztekammer', 'ARZTEKAMMER', 'Ärztekammer']) {
      const res = await search(editor, q, '&type=claims');
      expect(res.json.claims.items.some((h: { article: { id: string } }) => h.article.id === a.id), q).toBe(true);
    }
  });

  it('reads phrases, prefixes, OR and words to leave out', async () => {
    const a = await article();
    const fine = await createClaim(editor, a.id, { quote: '80,000 somoni', kind: 'money', value: { amount: 80000, currency: 'TJS' } });
    const ids = async (q: string) => ((await search(editor, q, `&type=claims&article=${a.id}`)).json.claims.items as { claim: { id: string } }[]).map((h) => h.claim.id);
    expect(await ids('"fined 80,000 somoni"')).toContain(fine.id);
    expect(await ids('"80 000 somoni"')).toContain(fine.id);
    expect(await ids('Mirsai*')).toContain(fine.id);
    expect(await ids('somoni -Mirsaidov')).not.toContain(fine.id);
    expect(await ids('rubles OR somoni')).toContain(fine.id);
    expect(await ids('"fined somoni 80,000"')).not.toContain(fine.id);
  });

  it('finds Cyrillic words by prefix, and Chinese by substring, short or long', async () => {
    const a = await article();
    await createClaim(editor, a.id, { quote: '30 000 rubles', kind: 'money', value: { amount: 30000, currency: 'RUB' } });
    const articles = async (q: string) => ((await search(editor, q, '&type=articles')).json.articles.items as { article: { id: string } }[]).map((h) => h.article.id);
    expect(await articles('иванов')).toContain(a.id);
    expect(await articles('Серг*')).toContain(a.id);
    expect(await articles('北京市')).toContain(a.id);
    expect(await articles('北京')).toContain(a.id);
    expect(await articles('被捕')).toContain(a.id);
    expect(await articles('上海')).not.toContain(a.id);
  });

  it('answers a query it cannot read with 422 naming q, never 500', async () => {
    for (const q of ['"unclosed', 'OR mayor', 'mayor OR', '-mayor', 'a*', '***', '!!!', 'NOT', 'x'.repeat(201)]) {
      const res = await search(editor, q);
      expectProblem(res, 422, 'validation');
      expect(res.json.errors[0].field, q).toBe('q');
    }
    // Whatever people type: a page or a sentence, never a database error.
    const rand = (n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + Math.floor(Math.random() * 95))).join('');
    for (let i = 0; i < 60; i++) {
      const q = rand(1 + (i % 25));
      const res = await search(editor, q);
      expect([200, 422], q).toContain(res.status);
    }
    for (const q of ['col:umn', 'NEAR(a b)', '^start', 'a + b', '{x y}:z', "o'brien", 'x"y', '"a" "b"*']) {
      expect([200, 422], q).toContain((await search(editor, q)).status);
    }
  });

  it('is for signed-in people only', async () => {
    expectProblem(await search(anonymous, 'mayor'), 401);
  });
});

describe('q= on the lists uses the same index, with the other filters kept', () => {
  it('the claim list finds a word of the sentence, and keeps status and kind', async () => {
    const a = await article();
    const prison = await createClaim(editor, a.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y' });
    const fine = await createClaim(editor, a.id, { quote: '80,000 somoni', kind: 'money', value: { amount: 80000, currency: 'TJS' } });
    const list = async (query: string) => ((await editor.call(`/api/v1/claims?article=${a.id}&${query}`)).json.items as { id: string }[]).map((c) => c.id);
    expect(await list('q=Mirsaidov')).toEqual(expect.arrayContaining([prison.id, fine.id]));
    expect(await list('q=Mirsaidov&kind=money')).toEqual([fine.id]);
    expect(await list('q=Mirsaidov&status=published')).toEqual([]);
    expectProblem(await editor.call('/api/v1/claims?q=%22open'), 422, 'validation');
  });

  it('the article list finds a word of the text, not only of the title', async () => {
    const a = await article({ title: 'A story from Tajikistan' });
    const res = await editor.call('/api/v1/articles?q=Mirsaidov');
    expect((res.json.items as { id: string }[]).map((x) => x.id)).toContain(a.id);
  });
});

describe('the index follows the data (triggers)', () => {
  const claimIds = async (q: string) => ((await search(editor, q, '&type=claims&limit=50')).json.claims.items as { claim: { id: string } }[]).map((h) => h.claim.id);

  it('an edited subject is found at once, the old one no longer', async () => {
    const a = await article();
    const c = await createClaim(editor, a.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y', subject: 'Zebedee' });
    expect(await claimIds('Zebedee')).toContain(c.id);
    const res = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { subject: 'Quillon', version: c.version } });
    expect(res.status).toBe(200);
    expect(await claimIds('Quillon')).toContain(c.id);
    expect(await claimIds('Zebedee')).not.toContain(c.id);
  });

  it('a published verdict’s summary is found; a deleted article takes its claims out of the index', async () => {
    const a = await article();
    const c = await createClaim(editor, a.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y' });
    await publish({ id: c.id, version: c.version }, { rating: 'true', summary: 'Confirmed by the Kalamarski court record.' });
    expect(await claimIds('Kalamarski')).toContain(c.id);
    const b = await article();
    const d = await createClaim(editor, b.id, { quote: '80,000 somoni', kind: 'money', value: { amount: 80000, currency: 'TJS' }, subject: 'Wolpertinger' });
    expect(await claimIds('Wolpertinger')).toContain(d.id);
    const del = await editor.call(`/api/v1/articles/${b.id}?version=${b.version}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await claimIds('Wolpertinger')).not.toContain(d.id);
    const rows = await env.DB.prepare(`SELECT (SELECT count(*) FROM claim_value_keys) AS k, (SELECT count(*) FROM claims) AS c`).first<{ k: number; c: number }>();
    const orphans = await env.DB.prepare('SELECT count(*) AS n FROM claim_value_keys WHERE claim_rowid NOT IN (SELECT rowid FROM claims)').first<{ n: number }>();
    expect(orphans?.n).toBe(0);
    expect(rows!.k).toBeGreaterThan(0);
  });

  it('a changed article text gives its claims their new sentences', async () => {
    const a = await article();
    const c = await createClaim(editor, a.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y' });
    await env.DB.prepare('UPDATE articles SET text = replace(text, ?, ?) WHERE id = ?').bind('Khayrullo Mirsaidov', 'Barnabas Quellwood', a.id).run();
    expect(await claimIds('Quellwood')).toContain(c.id);
    expect(await claimIds('Khayrullo')).not.toContain(c.id);
  });
});

describe('GET /checks, the public library', () => {
  it('lists published checks newest first, searchable, and nothing unpublished', async () => {
    const a = await article({ title: 'Library test story' });
    const first = await createClaim(editor, a.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y', subject: 'Khayrullo Mirsaidov' });
    const second = await createClaim(editor, a.id, { quote: '80,000 somoni', kind: 'money', value: { amount: 80000, currency: 'TJS' }, subject: 'Grimbleshanks' });
    const hidden = await createClaim(editor, a.id, { quote: 'Some 250 protesters', kind: 'count', value: 250, approximate: true, subject: 'Snorkmaiden' });
    await publish({ id: first.id, version: first.version }, { rating: 'true', summary: 'The court record says twelve years.' });
    await publish({ id: second.id, version: second.version }, { rating: 'mostly-true', summary: 'The fine was 80,000 somoni.' });
    const page = await anonymous.call('/checks');
    expect(page.status).toBe(200);
    expect(page.text.indexOf(second.id)).toBeLessThan(page.text.indexOf(first.id));
    expect(page.text).not.toContain(hidden.id);
    const found = await anonymous.call('/checks?q=Grimbleshanks');
    expect(found.text).toContain(second.id);
    expect(found.text).not.toContain(first.id);
    // An unpublished claim's words are not in the readers' index at all.
    expect((await anonymous.call('/checks?q=Snorkmaiden')).text).not.toContain(hidden.id);
    expect((await anonymous.call('/checks?q=%22open')).status).toBe(422);
  });
});

describe('the statement (issue 13) is searched too', () => {
  it('reviewers find the working statement; readers find the one published, until it is published again', async () => {
    const a = await article({ title: 'Statement story' });
    const c = await createClaim(editor, a.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y', statement: 'Court jailed the Zarquonian blogger for 12 years' });
    const reviewers = async (q: string) => ((await search(editor, q, '&type=claims')).json.claims.items as { claim: { id: string } }[]).map((h) => h.claim.id);
    expect(await reviewers('Zarquonian')).toContain(c.id);
    const published = await publish({ id: c.id, version: c.version }, { rating: 'true', summary: 'The ruling says twelve years.' });
    expect((await anonymous.call('/checks?q=Zarquonian')).text).toContain(c.id);
    // The headline of the readers' list is the statement as published.
    expect((await anonymous.call('/checks?q=Zarquonian')).text).toContain('Court jailed the Zarquonian blogger for 12 years');
    // A later edit: reviewers find it at once; readers keep the published words.
    const res = await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { statement: 'Court jailed the Vogsphere blogger for 12 years', version: published.version } });
    expect(res.status).toBe(200);
    expect(await reviewers('Vogsphere')).toContain(c.id);
    expect(await reviewers('Zarquonian')).not.toContain(c.id);
    expect((await anonymous.call('/checks?q=Zarquonian')).text).toContain(c.id);
    expect((await anonymous.call('/checks?q=Vogsphere')).text).not.toContain(c.id);
  });
});

describe('who may search', () => {
  it('a checker may, an API token of any role may', async () => {
    const checker = await signedIn('checker');
    expect((await search(checker, 'mayor')).status).toBe(200);
  });
});
