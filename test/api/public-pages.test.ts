import { describe, expect, it } from 'vitest';
import { anonymous, call, createArticle, createClaim, ORIGIN, publishWith, signedIn, type ClaimRef, editorForFile } from './helpers';
import { claimReviewProblems } from '../../src/services/public-claim-review';

const { editor, step, publish } = editorForFile();
type Claim = ClaimRef;

/** Every JSON-LD block of a page, parsed. */
function jsonLd(html: string): any[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
}

const LONG_TEXT =
  'In a ruling that surprised observers, the regional court in the northern city sentenced the opposition journalist to 12 years in prison for extremism and inciting hatred. ' +
  'He must pay a fine of $80,000.';

describe('GET /claims/{id} — the public fact-check page', () => {
  it('shows the claim in context, the verdict, sources, dates and publisher, with share meta', async () => {
    const article = await createArticle(editor, { url: 'https://news.example/page-1', author: 'Jane Reporter' });
    const c = await publish(await createClaim(editor, article.id), { rating: 'mostly-false', summary: 'The fine was $8,000.', explanation: 'The ruling says $8,000.\n\nThe typo came from a wire story.' }, {
      url: 'https://court.example/ruling', title: 'Ruling 12/2024', publisher: 'Springfield court', type: 'court',
    });
    const res = await call(`/claims/${c.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = res.text;
    expect(html).toContain('>$80,000</mark>');
    expect(html).toContain('He must pay a fine of ');
    expect(html).toContain('class="rating rating-mostly-false">Mostly false<');
    expect(html).toContain('The fine was $8,000.');
    expect(html).toContain('<p>The typo came from a wire story.</p>');
    expect(html).toContain('href="https://court.example/ruling"');
    expect(html).toContain('Springfield court');
    expect(html).toContain('Example News');
    expect(html).toContain('href="https://news.example/page-1"');
    expect(html).toContain(`<link rel="canonical" href="${ORIGIN}/claims/${c.id}"/>`);
    expect(html).toMatch(/<meta property="og:title" content="Mostly false: [^"]+"\/>/);
    expect(html).toContain('<meta name="twitter:card" content="summary"/>');
    expect(html).toContain('name="viewport"');
    expect(html).toContain(`href="/articles/${article.slug}"`);
  });

  it('carries exactly one ClaimReview that meets Google’s rules', async () => {
    const article = await createArticle(editor, { url: 'https://news.example/page-2', text: LONG_TEXT, publishedAt: '2024-03-05' });
    const c = await publish(await createClaim(editor, article.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y' }), { rating: 'true', summary: 'Court records confirm it.' });
    const res = await call(`/claims/${c.id}`);
    const blocks = jsonLd(res.text);
    expect(blocks).toHaveLength(1);
    const review = blocks[0];
    expect(claimReviewProblems(review, `${ORIGIN}/claims/${c.id}`)).toEqual([]);
    expect(review).toMatchObject({
      '@type': 'ClaimReview',
      url: `${ORIGIN}/claims/${c.id}`,
      reviewRating: { '@type': 'Rating', alternateName: 'True', ratingValue: 5, bestRating: 5, worstRating: 1 },
      author: { '@type': 'Organization', name: 'Factmark' },
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Organization', name: 'Example News' }, datePublished: '2024-03-05', appearance: { '@type': 'CreativeWork', url: 'https://news.example/page-2' } },
    });
    expect([...review.claimReviewed].length).toBeLessThan(75);
    expect(review.claimReviewed).toContain('12 years in prison');
    expect(review.claimReviewed).toMatch(/^….*…$/);
  });

  it('gives a date only where the day is known, and says a month-only date in words', async () => {
    const article = await createArticle(editor, { url: 'https://news.example/page-month', text: LONG_TEXT, publishedAt: '2017-08' });
    const c = await publish(await createClaim(editor, article.id, { quote: '12 years in prison', kind: 'sentence', value: 'P12Y' }), { rating: 'true', summary: 'Court records confirm it.' });
    const [review] = jsonLd((await call(`/claims/${c.id}`)).text);
    const dates: string[] = [];
    JSON.stringify(review, (key, value) => (key === 'datePublished' && dates.push(value), value));
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(review.itemReviewed).not.toHaveProperty('datePublished');
    expect(review.itemReviewed.appearance).not.toHaveProperty('datePublished');
    expect(review.itemReviewed.appearance.description).toBe('Published in August 2017.');
    expect(claimReviewProblems(review, `${ORIGIN}/claims/${c.id}`)).toEqual([]);
    expect(claimReviewProblems({ ...review, itemReviewed: { ...review.itemReviewed, datePublished: '2017-08' } }, `${ORIGIN}/claims/${c.id}`)).toEqual([expect.stringContaining('full ISO 8601 date')]);
  });

  it('gives an unverifiable claim alternateName only', async () => {
    const article = await createArticle(editor, { url: 'https://news.example/page-3' });
    const c = await publish(await createClaim(editor, article.id), { rating: 'unverifiable', summary: 'No record found.' });
    const [review] = jsonLd((await call(`/claims/${c.id}`)).text);
    expect(review.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Unverifiable' });
    expect(claimReviewProblems(review, `${ORIGIN}/claims/${c.id}`)).toEqual([]);
  });

  it('answers 404 for an unknown or never-published claim and 410 once a public claim is withdrawn', async () => {
    const article = await createArticle(editor, { url: 'https://news.example/page-4' });
    const open = await createClaim(editor, article.id);
    expect((await call('/claims/clm_nope')).status).toBe(404);
    expect((await call(`/claims/${open.id}`)).status).toBe(404);
    const pub = await publish(open, { rating: 'false', summary: 'Wrong.' });
    expect((await call(`/claims/${pub.id}`)).status).toBe(200);
    await step(pub, 'unpublish', { note: 'Re-checking' });
    const gone = await call(`/claims/${pub.id}`);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toMatch(/^text\/html/);
    expect(gone.text).not.toContain('Wrong.');
  });

  it('shows HTML and script in a summary as text', async () => {
    const article = await createArticle(editor, { url: 'https://news.example/page-5' });
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)> & </script>';
    const c = await publish(await createClaim(editor, article.id), { rating: 'false', summary: evil, explanation: evil });
    const html = (await call(`/claims/${c.id}`)).text;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // In JSON-LD the same text cannot close the script element either.
    const [review] = jsonLd(html);
    expect(review.reviewBody).toBe(evil);
    const feed = (await call(`/annotations/${article.slug}`)).json;
    expect(feed.first.items[0].body[0]).toEqual({ type: 'TextualBody', purpose: 'assessing', value: evil, format: 'text/plain' });
  });
});

describe('GET /articles/{slug} — the demo page', () => {
  it('renders the text in paragraphs with the embed, and shows readers no embed snippet', async () => {
    const article = await createArticle(editor, { url: 'https://news.example/page-6', text: 'First paragraph with $80,000.\n\nSecond <b>paragraph</b>.\nA new line.' });
    await publish(await createClaim(editor, article.id, { quote: '$80,000', kind: 'money', value: '$80,000' }), { rating: 'true', summary: 'Checked.' });
    const res = await call(`/articles/${article.slug}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<script src="/embed.js" data-article="${article.slug}" async=""></script>`);
    expect(res.text).not.toContain('&lt;script');
    expect(res.text).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    expect(res.text).toContain('<p>First paragraph with $80,000.</p>');
    expect(res.text).toContain('<p>Second &lt;b&gt;paragraph&lt;/b&gt;.<br/>A new line.</p>');
    expect(res.text).toContain('href="https://news.example/page-6"');
    expect(res.text).toContain('Example News');
    expect((await call('/articles/no-such-article')).status).toBe(404);
  });
});

describe('the rating scale and the landing page', () => {
  it('GET /ratings has an anchor per rating, and JSON on request', async () => {
    const html = await call('/ratings');
    for (const code of ['true', 'mostly-true', 'half-true', 'misleading', 'mostly-false', 'false', 'unverifiable']) expect(html.text).toContain(`id="${code}"`);
    const json = await call('/ratings', { headers: { Accept: 'application/json' } });
    expect(json.json.ratings).toHaveLength(7);
    expect(json.json.ratings[0]).toMatchObject({ id: `${ORIGIN}/ratings#true`, label: 'True', ratingValue: 5 });
    const css = await call('/ratings.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.text).toContain('.rating-false{');
  });

  it('GET / links to articles and the reviewer UI', async () => {
    const res = await call('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('href="/app"');
  });

  it('lists the newest checked articles first on the home page', async () => {
    const editor = await signedIn('editor');
    const titles: string[] = [];
    for (const label of ['older', 'newer']) {
      const article = await createArticle(editor, { title: `Checked ${label} ${crypto.randomUUID()}` });
      await publishWith(editor, await createClaim(editor, article.id), { rating: 'true', summary: 'Right.' });
      titles.push(article.title);
    }
    const home = await anonymous.call('/');
    expect(home.status).toBe(200);
    const [older, newer] = titles.map((t) => home.text.indexOf(t));
    expect(newer).toBeGreaterThanOrEqual(0);
    expect(older).toBeGreaterThanOrEqual(0);
    expect(newer).toBeLessThan(older);
  });
});

describe('claimReviewProblems', () => {
  const good = {
    '@context': 'https://schema.org', '@type': 'ClaimReview', url: 'https://f.example/claims/1', claimReviewed: 'The fine was $80,000', datePublished: '2024-03-06',
    author: { '@type': 'Organization', name: 'F' }, reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
    itemReviewed: { '@type': 'Claim', author: { '@type': 'Organization', name: 'N' }, datePublished: '2024-03-05', appearance: { '@type': 'CreativeWork', url: 'https://n.example/a' } },
  };
  it('accepts a good review and names each broken rule', () => {
    expect(claimReviewProblems(good, 'https://f.example/claims/1')).toEqual([]);
    expect(claimReviewProblems({ ...good, claimReviewed: 'x'.repeat(75) }, 'https://f.example/claims/1')).toEqual([expect.stringContaining('under 75')]);
    expect(claimReviewProblems(good, 'https://other.example/claims/1')).toEqual([expect.stringContaining("page's domain")]);
    expect(claimReviewProblems({ ...good, reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1 } }, 'https://f.example/')).toEqual([expect.stringContaining('alternateName')]);
    expect(claimReviewProblems({ ...good, reviewRating: { ...good.reviewRating, ratingValue: 7 } }, 'https://f.example/')).toEqual([expect.stringContaining('between')]);
    expect(claimReviewProblems({ ...good, itemReviewed: { '@type': 'Claim' } }, 'https://f.example/')).toHaveLength(2);
    expect(claimReviewProblems({ ...good, datePublished: '2024-03' }, 'https://f.example/claims/1')).toEqual([expect.stringContaining('full ISO 8601 date')]);
  });
});

describe('readers keep the published fact-check until an editor publishes again', () => {
  it('ignores later edits of sources, subject and speaker, and shows them after the next publication', async () => {
    const editor = await signedIn('editor');
    const checker = await signedIn('checker');
    const article = await createArticle(editor);
    let c = await createClaim(editor, article.id, { speaker: 'The court', subject: 'fine' });
    const step = async (path: string, body: Record<string, unknown> = {}) => {
      const res = await editor.call(`/api/v1/claims/${c.id}/${path}`, { method: 'POST', body: { ...body, version: c.version } });
      expect(res.status, res.text).toBeLessThan(300);
      c = { ...c, version: res.json.version ?? res.json.claimVersion };
      return res.json;
    };
    const added = await step('sources', { url: 'https://court.example/ruling', title: 'Ruling' });
    await step('verdicts', { rating: 'true', summary: 'Confirmed.' });
    await step('flag', { reason: 'Ready' });
    await step('publish');

    const page = async () => (await call(`/claims/${c.id}`)).text;
    expect(await page()).toContain('court.example/ruling');

    // A checker edits the published source and the speaker, and removes nothing else.
    const edited = await checker.call(`/api/v1/sources/${added.source.id}`, { method: 'PATCH', body: { url: 'https://elsewhere.example/new', title: 'Other', version: c.version } });
    expect(edited.status).toBe(200);
    c = { ...c, version: edited.json.claimVersion };
    const renamed = await checker.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { speaker: 'Someone Else', version: c.version } });
    c = { ...c, version: renamed.json.version };

    let html = await page();
    expect(html).toContain('court.example/ruling');
    expect(html).not.toContain('elsewhere.example');
    expect(html).toContain('The court');
    expect(html).not.toContain('Someone Else');
    // Reviewers see the edited source only.
    const detail = (await checker.call(`/api/v1/claims/${c.id}`)).json;
    expect(detail.sources.map((s: { url: string }) => s.url)).toEqual(['https://elsewhere.example/new']);

    await step('flag', { reason: 'Revised source' });
    await step('publish');
    html = await page();
    expect(html).toContain('elsewhere.example/new');
    expect(html).not.toContain('court.example/ruling');
    expect(html).toContain('Someone Else');
  });
});
