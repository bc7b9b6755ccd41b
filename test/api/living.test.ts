/**
 * The living article through the real Worker: import by URL from the fixture publisher on
 * 127.0.0.1, every way an import fails (stores nothing), and a page that changes — a typo
 * fixed, a figure corrected, a paragraph removed, a paragraph added — with refreshes by hand,
 * racing refreshes and the Cron Trigger's run.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import worker from '../../src/index';
import { createDb } from '../../src/db';
import { MAX_PER_RUN } from '../../src/services/follow';
import { MAX_ELEMENTS } from '../../src/services/page-reader';
import { textChangeReport } from '../../src/services/text-change-report';
import { FIXTURE_PAGES, wordpress } from '../fixtures/publisher/pages';
import { FERRY, type Story } from '../fixtures/publisher/stories';
import { anonymous, claimStep, signedIn, publishWith, type Client } from './helpers';

const origin = () => inject('publisherOrigin');
let checker: Client;
let editor: Client;

beforeAll(async () => {
  checker = await signedIn('checker');
  editor = await signedIn('editor');
});

/** A page of our own on the publisher, at a path no other test uses. */
async function servePage(path: string, page: { body: string; status?: number; type?: string; headers?: Record<string, string> }) {
  const res = await fetch(`${origin()}/__pages${path}`, { method: 'PUT', body: JSON.stringify(page) });
  expect(res.status).toBe(204);
  return `${origin()}${path}`;
}

async function requestsTo(path: string) {
  return (await fetch(`${origin()}/__log${path}`)).json<{ count: number; requests: { headers: Record<string, string> }[] }>();
}

const unique = () => `/news/${crypto.randomUUID()}`;

async function articleCount(client: Client) {
  return (await client.call('/api/v1/articles?limit=200')).json.items.length as number;
}

async function claimsOf(client: Client, articleId: string) {
  const res = await client.call(`/api/v1/claims?article=${encodeURIComponent(articleId)}&limit=200`);
  expect(res.status).toBe(200);
  return res.json.items as { id: string; version: number; quote: string; start: number; end: number; status: string; suggested: boolean; textChange: { before: string; after: string | null; revisionId: string } | null; publishedVerdictId?: string | null }[];
}

describe('POST /api/v1/articles/import', () => {
  it('imports every fixture page that is an article, with its metadata, first revision and suggestions', async () => {
    for (const [name, fixture] of Object.entries(FIXTURE_PAGES).filter(([, f]) => f.imports)) {
      const res = await checker.call('/api/v1/articles/import', { method: 'POST', body: { url: `${origin()}/fixtures/${name}` } });
      expect(res.status, `${name}: ${res.text}`).toBe(201);
      expect(res.headers.get('location')).toBe(`/api/v1/articles/${res.json.id}`);
      for (const p of fixture.story.paragraphs.slice(0, 3)) expect(res.json.text, name).toContain(p.replace(/\u2019/g, '\u2019'));
      expect(res.json.fetchUrl).toBe(`${origin()}/fixtures/${name}`);
      expect(res.json.extraction.created, name).toBeGreaterThan(0);
      const revisions = await checker.call(`/api/v1/articles/${res.json.id}/revisions`);
      expect(revisions.json.items).toHaveLength(1);
      expect(revisions.json.items[0]).toMatchObject({ number: 1, trigger: 'import', httpStatus: 200 });
    }
  });

  it('reads the headline, publisher, author and date the page states', async () => {
    const url = await servePage(unique(), { body: wordpress(FERRY, { canonical: `https://northsound.example/ferry-${crypto.randomUUID()}/` }) });
    const res = await checker.call('/api/v1/articles/import', { method: 'POST', body: { url } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ title: FERRY.headline, publisher: FERRY.site, author: FERRY.authors[0], publishedAt: '2024-05-14' });
    expect(res.json.url).toMatch(/^https:\/\/northsound\.example\/ferry-/); // the canonical URL
    expect(res.json.import.sources).toMatchObject({ title: 'json-ld', publishedAt: 'json-ld' });
  });

  it('stores what the page states within the limits of an article: a date past year 9999 is not taken, an endless headline is cut', async () => {
    const headline = `${FERRY.headline} ${'and more '.repeat(5000)}`;
    const url = await servePage(unique(), { body: wordpress({ ...FERRY, headline, published: 'January 1, 10000' }, { canonical: `https://northsound.example/ferry-${crypto.randomUUID()}/` }) });
    const res = await checker.call('/api/v1/articles/import', { method: 'POST', body: { url } });
    expect(res.status, res.text).toBe(201);
    expect(res.json.title.length).toBeLessThanOrEqual(300);
    expect(res.json.title.startsWith(FERRY.headline)).toBe(true);
    // Not the page's date (it has none an article can have): the day of the import, said in a warning.
    expect(res.json.publishedAt).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(res.json.import.sources.publishedAt).toBe('import date');
    // What was stored can be sent back as it is.
    const again = await editor.call(`/api/v1/articles/${res.json.id}`, { method: 'PATCH', body: { title: res.json.title, publisher: res.json.publisher, version: res.json.version } });
    expect(again.status, again.text).toBe(200);
  });

  it('answers 409 with the existing article for a page already loaded, under any of its URLs', async () => {
    const canonical = `https://northsound.example/dup-${crypto.randomUUID()}/`;
    const url = await servePage(unique(), { body: wordpress(FERRY, { canonical }) });
    const first = await checker.call('/api/v1/articles/import', { method: 'POST', body: { url, extract: false } });
    expect(first.status).toBe(201);
    // Spellings the public ?url= lookup takes for one page (https, a trailing slash): refused
    // before any fetch, so these loopback variants are never requested.
    // (Only the loopback URL's spellings: a canonical on another host is never fetched by a test.)
    const variants = [url.replace(/^http:/, 'https:'), `${url}/`];
    for (const again of [url, `${url}#comments`, canonical, ...variants]) {
      const res = await checker.call('/api/v1/articles/import', { method: 'POST', body: { url: again, extract: false } });
      expect(res.status, again).toBe(409);
      expect(res.json).toMatchObject({ status: 409, articleId: first.json.id });
    }
    // The same page at another address, whose canonical link is the loaded one.
    const mirror = await servePage(unique(), { body: wordpress(FERRY, { canonical }) });
    expect((await checker.call('/api/v1/articles/import', { method: 'POST', body: { url: mirror } })).json).toMatchObject({ status: 409, articleId: first.json.id });
  });

  it('says which failure it was, and stores nothing', async () => {
    const before = await articleCount(editor);
    // Under the 5 MiB cap, yet more than the HTML reader can hold (it answered 500 before).
    const story = '<p>The court sentenced the mayor to 12 years in prison on March 3, and fined him 80,000 somoni. Some 250 protesters gathered outside the court building in the rain, and stayed for hours.</p>';
    const nested = await servePage(unique(), { body: `<html><body><article>${story}${'<div>'.repeat(200_000)}x${'</div>'.repeat(200_000)}${story}</article></body></html>` });
    const tags = await servePage(unique(), { body: `<html><body><article>${story}${'<b>a</b>'.repeat(MAX_ELEMENTS)}${story}</article></body></html>` });
    const cases: [string, number, string][] = [
      [nested, 422, 'page-too-large'],
      [tags, 422, 'page-too-large'],
      [`${origin()}/fixtures/login-wall`, 422, 'page-login-wall'],
      [`${origin()}/fixtures/app-shell`, 422, 'page-no-story'],
      [`${origin()}/fault/pdf`, 422, 'page-not-html'],
      [`${origin()}/fault/huge`, 422, 'page-too-large'],
      [`${origin()}/fault/huge-chunked`, 422, 'page-too-large'],
      [`${origin()}/fault/loop/a`, 502, 'page-redirects'],
      [`${origin()}/fault/chain/9`, 502, 'page-redirects'],
      [`${origin()}/fault/500`, 502, 'page-error'],
      [`${origin()}/no-such-page`, 502, 'page-error'],
      [`http://127.0.0.1:9/`, 502, 'page-unreachable'],
      // Refused before any connection is made: nothing is sent to these addresses.
      [`http://169.254.169.254/latest/meta-data/`, 422, 'url-blocked'],
      [`http://[fd00:ec2::254]/`, 422, 'url-blocked'],
      [`http://0.0.0.0:${new URL(origin()).port}/fixtures/wordpress`, 422, 'url-blocked'],
      [`${origin()}/fault/redirect?to=${encodeURIComponent('http://10.0.0.1/')}`, 422, 'url-blocked'],
    ];
    for (const [url, status, code] of cases) {
      const res = await checker.call('/api/v1/articles/import', { method: 'POST', body: { url } });
      expect(res.status, `${url}: ${res.text}`).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.json.type, url).toMatch(new RegExp(`${code}$`));
      expect(res.json.status).toBe(status);
    }
    expect((await checker.call('/api/v1/articles/import', { method: 'POST', body: { url: `${origin()}/fault/500` } })).json.upstreamStatus).toBe(500);
    expect((await checker.call('/api/v1/articles/import', { method: 'POST', body: { url: 'ftp://example.com/a' } })).status).toBe(422);
    expect(await articleCount(editor)).toBe(before);
  });

  it('gives up on a page that does not answer within 10 seconds', async () => {
    const t0 = Date.now();
    const res = await checker.call('/api/v1/articles/import', { method: 'POST', body: { url: `${origin()}/fault/never` } });
    expect(res.status).toBe(504);
    expect(res.json.type).toMatch(/page-timeout$/);
    expect(Date.now() - t0).toBeLessThan(15_000);
  }, 30_000);

  it('needs a signed-in checker', async () => {
    expect((await anonymous.call('/api/v1/articles/import', { method: 'POST', body: { url: `${origin()}/fixtures/arc` }, headers: { Origin: 'https://factmark.test' } })).status).toBe(401);
  });
});

/** A story changed as a publisher changes it, rendered by the same template. */
const edit = (s: Story, paragraphs: string[]): Story => ({ ...s, paragraphs });

describe('a page that changes', () => {
  async function importStory(story: Story) {
    const path = unique();
    const url = await servePage(path, { body: wordpress(story, { canonical: `https://northsound.example/${path}` }), headers: { etag: '"v1"' } });
    const res = await editor.call('/api/v1/articles/import', { method: 'POST', body: { url } });
    expect(res.status, res.text).toBe(201);
    return { path, url, article: res.json as { id: string; slug: string; text: string } };
  }
  const change = (path: string, story: Story, etag: string) => servePage(path, { body: wordpress(story, { canonical: `https://northsound.example/${path}` }), headers: { etag } });
  const refresh = (client: Client, id: string) => client.call(`/api/v1/articles/${id}/refresh`, { method: 'POST' });

  it('same page: a conditional request, a 304, only the check recorded', async () => {
    const { path, article } = await importStory(FERRY);
    const res = await refresh(checker, article.id);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ changed: false, claims: { moved: 0, changed: 0, gone: 0 } });
    const log = await requestsTo(path);
    expect(log.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
    const revisions = (await checker.call(`/api/v1/articles/${article.id}/revisions`)).json;
    expect(revisions.items).toHaveLength(1);
    expect(revisions.check.result).toBe('not-modified');
  });

  it('a typo fixed: claims move, nothing is flagged', async () => {
    const { path, article } = await importStory(FERRY);
    const claims = await claimsOf(editor, article.id);
    const p = [...FERRY.paragraphs];
    p[0] = p[0].replace('The Northsound harbour board', 'The Northsound Harbour Board');
    p[1] = p[1].replace('two weeks after', 'two weeks after,').replace('breakwater', 'break-water');
    await change(path, edit(FERRY, p), '"v2"');
    const res = await refresh(checker, article.id);
    expect(res.json).toMatchObject({ changed: true, claims: { moved: claims.length, changed: 0, gone: 0 } });
    const after = await claimsOf(editor, article.id);
    expect(after.every((c) => c.textChange === null)).toBe(true);
    const text = (await editor.call(`/api/v1/articles/${article.id}`)).json.text as string;
    for (const c of after) expect([...text].slice(c.start, c.end).join('')).toBe(c.quote);
  });

  it('a corrected figure: the published claim is flagged, and readers see the notice', async () => {
    const { path, article } = await importStory(FERRY);
    const fine = (await claimsOf(editor, article.id)).find((c) => c.quote.includes('240,000'));
    expect(fine).toBeDefined();
    await publishWith(editor, fine!, { rating: 'true', summary: 'The board’s decision says 240,000 kroner.' });
    const p = [...FERRY.paragraphs];
    p[0] = p[0].replace('240,000 kroner', '260,000 kroner');
    await change(path, edit(FERRY, p), '"v3"');
    const res = await refresh(checker, article.id);
    expect(res.json.claims.changed).toBe(1);
    const claim = (await editor.call(`/api/v1/claims/${fine!.id}`)).json;
    expect(claim.textChange).toMatchObject({ before: fine!.quote, after: fine!.quote.replace('240', '260'), revisionId: res.json.revisionId });
    expect(claim.status).toBe('flagged');
    expect(claim.publishedVerdictId).toBeTruthy(); // readers keep the verdict, with the notice
    const queue = (await editor.call('/api/v1/queue')).json.items as { claim: { id: string }; flag: { reason: string } }[];
    expect(queue.find((q) => q.claim.id === fine!.id)?.flag.reason).toMatch(/260,000 kroner/);
    const feed = (await anonymous.call(`/annotations/${article.slug}`)).json;
    const annotation = JSON.stringify(feed);
    expect(annotation).toContain('The article has changed since this check');
    const page = await anonymous.call(`/claims/${fine!.id}`);
    expect(page.text).toContain('The article has changed since this check');
  });

  it('a corrected figure under a published check tells its checker and the editor who published it (text_changed, by e-mail too) and is in their My work', async () => {
    const [theChecker, theEditor] = [await signedIn('checker'), await signedIn('editor')];
    const { path, article } = await importStory(FERRY);
    const fine = (await claimsOf(editor, article.id)).find((c) => c.quote.includes('240,000'))!;
    let c = await claimStep(theChecker, fine, 'accept');
    c = await claimStep(theChecker, c, 'verdicts', { rating: 'true', summary: 'The board’s decision says 240,000 kroner.' });
    c = await claimStep(theChecker, c, 'flag', { reason: 'Ready' });
    await claimStep(theEditor, c, 'publish');
    const p = [...FERRY.paragraphs];
    p[0] = p[0].replace('240,000 kroner', '250,000 kroner');
    await change(path, edit(FERRY, p), '"v9"');
    // Refreshed by a third person: nobody is told of their own action.
    expect((await refresh(checker, article.id)).json.claims.changed).toBe(1);
    for (const who of [theChecker, theEditor]) {
      const told = ((await who.call('/api/v1/notifications')).json.items as { kind: string; claimId: string; excerpt: string }[]).filter((n) => n.claimId === fine.id && n.kind === 'text_changed');
      expect(told, who.role).toHaveLength(1);
      expect(told[0].excerpt).toMatch(/250,000 kroner/);
    }
    const mail = await env.DB.prepare("SELECT count(*) AS n FROM email_outbox WHERE to_address = (SELECT email FROM users WHERE id = ?) AND subject LIKE '%changed the words under%'").bind(theChecker.userId).first<{ n: number }>();
    expect(mail?.n).toBe(1);
    // My work lists it for both, with the change in words, until an editor deals with it.
    for (const who of [theChecker, theEditor]) {
      const work = (await who.call('/api/v1/me/work')).json as { sections: { key: string; items: { claimId: string; note: string | null }[] }[] };
      const items = work.sections.find((s) => s.key === 'text-changed')?.items ?? [];
      expect(items.find((i) => i.claimId === fine.id)?.note, who.role).toMatch(/now reads \u201c250,000 kroner\u201d/);
    }
    const other = (await (await signedIn('checker')).call('/api/v1/me/work')).json as { sections: { key: string; count: number }[] };
    expect(other.sections.find((s) => s.key === 'text-changed')?.count).toBe(0);
  });

  it('a changed claim is sent to webhooks as claim.text_changed', async () => {
    const admin = await signedIn('admin');
    const receiver = inject('receiverUrl');
    const hookPath = `/text-changed-${crypto.randomUUID()}`;
    const hook = await admin.call('/api/v1/webhooks', { method: 'POST', body: { url: `${receiver}${hookPath}`, events: ['claim.text_changed'] } });
    expect(hook.status, hook.text).toBe(201);
    const { path, article } = await importStory(FERRY);
    const p = [...FERRY.paragraphs];
    p[2] = p[2].replace('180 lifejackets', '170 lifejackets');
    await change(path, edit(FERRY, p), '"v6"');
    expect((await refresh(checker, article.id)).json.claims.changed).toBe(1);
    let got: { body: string }[] = [];
    for (const until = Date.now() + 15_000; Date.now() < until && !got.length; await new Promise((r) => setTimeout(r, 100))) got = await (await fetch(`${receiver}/_log${hookPath}`)).json();
    expect(got).toHaveLength(1);
    const body = JSON.parse(got[0].body);
    expect(body.type).toBe('claim.text_changed');
    expect(body.data.claim.quote).toContain('170');
  }, 30_000);

  it('a paragraph removed: its claims are gone (and flagged when public); a paragraph added: new suggestions', async () => {
    const { path, article } = await importStory(FERRY);
    const claims = await claimsOf(editor, article.id);
    const removed = FERRY.paragraphs[5];
    const inRemoved = claims.filter((c) => removed.includes(c.quote));
    expect(inRemoved.length).toBeGreaterThan(0);
    const p = FERRY.paragraphs.filter((x) => x !== removed);
    p.push('Update, May 15: Sundlink said it had appealed the fine on Wednesday and had already fitted 150 new lifejackets.');
    await change(path, edit(FERRY, p), '"v4"');
    const res = await refresh(checker, article.id);
    expect(res.json.claims.gone).toBe(inRemoved.length);
    expect(res.json.extraction.created).toBeGreaterThan(0);
    const after = await claimsOf(editor, article.id);
    for (const c of inRemoved) expect(after.find((x) => x.id === c.id)?.textChange).toMatchObject({ before: c.quote, after: null });
    expect(after.some((c) => c.suggested && c.quote.includes('150'))).toBe(true);
  });

  it('a failing re-fetch leaves the current revision as it was', async () => {
    const { path, article } = await importStory(FERRY);
    await servePage(path, { status: 500, body: 'down', type: 'text/plain' });
    const res = await refresh(checker, article.id);
    expect(res.status).toBe(502);
    const after = (await editor.call(`/api/v1/articles/${article.id}`)).json;
    expect(after.text).toBe(article.text);
    const revisions = (await checker.call(`/api/v1/articles/${article.id}/revisions`)).json;
    expect(revisions.items).toHaveLength(1);
    expect(revisions.check).toMatchObject({ result: 'failed', failures: 1 });
  });

  it('two refreshes racing store one revision and one set of events', async () => {
    const { path, article } = await importStory(FERRY);
    const p = [...FERRY.paragraphs];
    p[1] = p[1].replace('12 minutes', '14 minutes');
    await change(path, edit(FERRY, p), '"v5"');
    const [a, b] = await Promise.all([refresh(checker, article.id), refresh(editor, article.id)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.json.changed, b.json.changed].filter(Boolean)).toHaveLength(1);
    const revisions = (await checker.call(`/api/v1/articles/${article.id}/revisions`)).json;
    expect(revisions.items).toHaveLength(2);
    const minutes = (await claimsOf(editor, article.id)).find((c) => c.textChange);
    const history = (await editor.call(`/api/v1/claims/${minutes!.id}/history`)).json.items as { action: string }[];
    expect(history.filter((e) => e.action === 'claim.text-change')).toHaveLength(1);
  });

  it("the dashboard's read model lists the articles whose text changed under a published check", async () => {
    const site = `Report ${crypto.randomUUID().slice(0, 8)}`;
    const story = { ...FERRY, site };
    const checked = await importStory(story);
    const unchecked = await importStory(story);
    const fine = (await claimsOf(editor, checked.article.id)).find((c) => c.quote.includes('240,000'));
    await publishWith(editor, fine!, { rating: 'true', summary: 'The board’s decision says 240,000 kroner.' });
    const p = [...FERRY.paragraphs];
    p[0] = p[0].replace('240,000 kroner', '260,000 kroner');
    p[2] = p[2].replace('180 lifejackets', '170 lifejackets'); // an unpublished claim: not counted
    for (const { path, article } of [checked, unchecked]) {
      await change(path, edit(story, p), '"v7"');
      expect((await refresh(checker, article.id)).json.claims.changed).toBe(2);
    }
    const today = new Date().toISOString().slice(0, 10);
    const report = await textChangeReport(createDb(env.DB), { from: today, to: today, publisher: site });
    expect(report.total).toBe(1);
    expect(report.items).toEqual([
      expect.objectContaining({ articleId: checked.article.id, publisher: site, claims: 1, gone: 0, changes: 1, noticeNow: 1 }),
    ]);
    expect(report.perDay).toEqual([{ day: today, changes: 1 }]);
    // Outside the period, or another publisher: nothing.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await textChangeReport(createDb(env.DB), { from: yesterday, to: yesterday, publisher: site })).total).toBe(0);
    expect((await textChangeReport(createDb(env.DB), { from: today, to: today, publisher: `${site}x` })).items).toEqual([]);
    // Re-published: still listed for the period (it changed), but readers no longer see the notice.
    const flagged = (await editor.call(`/api/v1/claims/${fine!.id}`)).json;
    expect((await editor.call(`/api/v1/claims/${fine!.id}/publish`, { method: 'POST', body: { version: flagged.version } })).status).toBe(200);
    expect((await textChangeReport(createDb(env.DB), { from: today, to: today, publisher: site })).items[0]).toMatchObject({ claims: 1, noticeNow: 0 });
  });

  it('a pasted article is not followed until it has a page', async () => {
    const res = await checker.call('/api/v1/articles/import', { method: 'POST', body: { url: `${origin()}/fixtures/json-ld-variants`, extract: false } });
    expect(res.status === 201 || res.status === 409).toBe(true);
    const pasted = await editor.call('/api/v1/articles', { method: 'POST', body: { title: 'Pasted', url: 'https://news.example/pasted', publisher: 'Example', publishedAt: '2024-01-02', text: 'A pasted text with 12 years in it, long enough to be an article for the test.', extract: false } });
    const r = await refresh(checker, pasted.json.id);
    expect(r.status).toBe(409);
    expect(r.json.type).toMatch(/article-not-followed$/);
  });
});

describe('the Cron Trigger', () => {
  it('refreshes the articles that are due, and backs off a failing page', async () => {
    const path = unique();
    const url = await servePage(path, { body: wordpress(FERRY, { canonical: `https://northsound.example/${path}` }) });
    const imported = await editor.call('/api/v1/articles/import', { method: 'POST', body: { url } });
    const claim = (await claimsOf(editor, imported.json.id))[0];
    // A claim someone works on: the article is followed.
    await editor.call(`/api/v1/claims/${claim.id}/accept`, { method: 'POST', body: { version: claim.version } });
    // The claim whose words the page will change, taken by the checker: the schedule's revision
    // must tell them (the Cron Trigger's writes go through the after-write step, issue 11).
    const jackets = (await claimsOf(editor, imported.json.id)).find((c) => c.quote.includes('180'));
    expect(jackets).toBeDefined();
    expect((await checker.call(`/api/v1/claims/${jackets!.id}/accept`, { method: 'POST', body: { version: jackets!.version } })).status).toBe(200);
    const p = [...FERRY.paragraphs];
    p[2] = p[2].replace('180 lifejackets', '190 lifejackets');
    p.push('Update, May 15: Sundlink said it had appealed the fine on Wednesday and had already fitted 150 new lifejackets.');
    await servePage(path, { body: wordpress(edit(FERRY, p), { canonical: `https://northsound.example/${path}` }) });
    const run = async (at: number) => {
      const controller = createScheduledController({ scheduledTime: at, cron: '*/15 * * * *' });
      const ctx = createExecutionContext();
      await worker.scheduled!(controller, env, ctx);
      await waitOnExecutionContext(ctx);
    };
    // Not yet due: nothing fetched.
    const before = (await requestsTo(path)).count;
    await run(Date.now());
    expect((await requestsTo(path)).count).toBe(before);
    // The story is from 2024: it is looked at monthly, so a month later it is due.
    await run(Date.now() + 31 * 86_400_000);
    const revisions = (await checker.call(`/api/v1/articles/${imported.json.id}/revisions`)).json;
    expect(revisions.items[0]).toMatchObject({ number: 2, trigger: 'schedule' });
    const inbox = (await checker.call('/api/v1/notifications?unread=true&limit=200')).json.items as { kind: string; claimId: string; excerpt: string | null }[];
    expect(inbox.find((n) => n.claimId === jackets!.id)).toMatchObject({ kind: 'changed', excerpt: expect.stringContaining('190') });
    // The added paragraph's figure is a suggestion, made by the system.
    const added = (await claimsOf(editor, imported.json.id)).find((c) => c.suggested && c.quote.includes('150'));
    expect(added).toBeDefined();
    // A failing page is tried again 15 minutes later, not at the normal interval.
    await servePage(path, { status: 503, body: 'later', type: 'text/plain' });
    await run(Date.now() + 62 * 86_400_000);
    const failed = (await checker.call(`/api/v1/articles/${imported.json.id}/revisions`)).json.check;
    expect(failed).toMatchObject({ result: 'failed', failures: 1 });
    expect(Date.parse(failed.next) - Date.parse(failed.at)).toBe(15 * 60_000);
  });

  it('fetches at most MAX_PER_RUN pages in one run', async () => {
    const paths: string[] = [];
    for (let i = 0; i < MAX_PER_RUN + 2; i++) {
      const path = unique();
      paths.push(path);
      const url = await servePage(path, { body: wordpress(FERRY, { canonical: `https://northsound.example/${path}` }) });
      const imported = await editor.call('/api/v1/articles/import', { method: 'POST', body: { url } });
      const claim = (await claimsOf(editor, imported.json.id))[0];
      await editor.call(`/api/v1/claims/${claim.id}/accept`, { method: 'POST', body: { version: claim.version } });
    }
    const count = async () => (await Promise.all(paths.map(requestsTo))).reduce((n, l) => n + l.count, 0);
    const before = await count();
    const controller = createScheduledController({ scheduledTime: Date.now() + 400 * 86_400_000, cron: '*/15 * * * *' });
    const ctx = createExecutionContext();
    await worker.scheduled!(controller, env, ctx);
    await waitOnExecutionContext(ctx);
    // Other files' and tests' articles may be due too: at most MAX_PER_RUN fetches in all.
    expect((await count()) - before).toBeLessThanOrEqual(MAX_PER_RUN);
  });

  it('the Cron Trigger queues again the webhook deliveries left pending', async () => {
    const admin = await signedIn('admin');
    const hookPath = `/swept-${crypto.randomUUID()}`;
    const hook = await admin.call('/api/v1/webhooks', { method: 'POST', body: { url: `${inject('receiverUrl')}${hookPath}`, events: ['article.created'] } });
    expect(hook.status, hook.text).toBe(201);
    // Written by an after-write step whose queue send then failed: pending, never attempted, 20 minutes old.
    const id = `msg_swept${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.prepare("INSERT INTO webhook_deliveries (id, endpoint_id, event_type, payload, status, attempts, created_at) VALUES (?, ?, 'article.created', ?, 'pending', 0, ?)")
      .bind(id, hook.json.id, JSON.stringify({ type: 'article.created', timestamp: new Date().toISOString(), data: {} }), new Date(Date.now() - 20 * 60_000).toISOString())
      .run();
    const controller = createScheduledController({ scheduledTime: Date.now(), cron: '*/15 * * * *' });
    const ctx = createExecutionContext();
    await worker.scheduled!(controller, env, ctx);
    await waitOnExecutionContext(ctx);
    let got: unknown[] = [];
    for (const until = Date.now() + 15_000; Date.now() < until && !got.length; await new Promise((r) => setTimeout(r, 100))) got = await (await fetch(`${inject('receiverUrl')}/_log${hookPath}`)).json();
    expect(got).toHaveLength(1);
    // Through review16's sweep: queued again as the delivery's next generation.
    const row = await env.DB.prepare('SELECT generation FROM webhook_deliveries WHERE id = ?').bind(id).first<{ generation: number }>();
    expect(row?.generation).toBe(1);
  }, 30_000);
});
