import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import { addDays, dayOf, weekOf } from '../../src/domain/stats';
import { dashboardData, type DashboardFilter } from '../../src/services/dashboard';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { d1ReachStore } from '../../src/services/reach';
import { recurringFigures, recurringFiguresQuery } from '../../src/services/recurring-figures';
import { call, claimStep, createArticle, createClaim, signedIn, type Client } from './helpers';

/*
 * The dashboard's figures on a history of known events: claims made, flagged and published
 * at set times (written as the services write them, with the times given), so every count,
 * median and percentile below is worked out by hand.
 */

const HOUR = 3600;
const at = (day: string, time = '00:00') => `${day}T${time}:00.000Z`;

/** SQL writes mirroring the services', at chosen times (the counts' triggers take their days from these). */
function history(db: D1Database) {
  let n = 0;
  const run = (q: string, ...args: unknown[]) => db.prepare(q).bind(...args).run();
  return {
    async user(id: string, name: string, role: string) {
      await run(`INSERT INTO users (id, email, name, role, password_hash, password_salt, password_iterations) VALUES (?, ?, ?, ?, 'x', 'x', 1)`, id, `${id}@example.test`, name, role);
    },
    async article(id: string, publisher: string) {
      await run(`INSERT INTO articles (id, slug, url, title, publisher, published_at, text, text_hash) VALUES (?, ?, ?, ?, ?, '2026-01', 'Some text about 12 years and more.', 'h')`, id, id, `https://news.example/${id}`, `Article ${id}`, publisher);
    },
    /** A claim of the count 12 unless `figure` says otherwise. */
    async claim(id: string, articleId: string, createdAt: string, opts: { suggested?: boolean; assignee?: string; figure?: { kind: string; value: unknown; approximate?: boolean; subject?: string } } = {}) {
      n++;
      const f = opts.figure ?? { kind: 'count', value: 12 };
      await run(
        `INSERT INTO claims (id, article_id, quote, start, "end", kind, value, approximate, subject, status, suggested, origin, assignee_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
        id, articleId, `figure ${id}`, n * 10, n * 10 + 5, f.kind, JSON.stringify(f.value), f.approximate ? 1 : 0, f.subject ?? null,
        opts.suggested ? 1 : 0, opts.suggested ? 'machine' : 'human', opts.assignee ?? null, createdAt, createdAt,
      );
    },
    async flag(claimId: string, by: string, when: string) {
      await run(`INSERT INTO flags (id, claim_id, reason, created_by, created_at) VALUES (?, ?, 'Ready', ?, ?)`, `flg_${claimId}`, claimId, by, when);
      await run(`UPDATE claims SET status = 'flagged', version = version + 1, updated_at = ? WHERE id = ?`, when, claimId);
    },
    async publish(claimId: string, author: string, rating: string, editor: string, when: string) {
      await run(`INSERT INTO verdicts (id, claim_id, rating, summary, author_id, created_at) VALUES (?, ?, ?, 'Checked.', ?, ?)`, `vrd_${claimId}`, claimId, rating, author, when);
      await run(`UPDATE flags SET resolved_at = ?, resolved_by = ?, resolution = 'published' WHERE claim_id = ? AND resolved_at IS NULL`, when, editor, claimId);
      await run(`UPDATE claims SET status = 'published', published_verdict_id = ?, published_at = ?, version = version + 1, updated_at = ? WHERE id = ?`, `vrd_${claimId}`, when, when, claimId);
    },
    async dismiss(claimId: string, when: string) {
      await run(`UPDATE claims SET status = 'dismissed', suggested = 0, version = version + 1, updated_at = ? WHERE id = ?`, when, claimId);
    },
    /** Re-anchoring found the claim's words changed (or gone, `after` null), as living's refresh writes it (src/services/revisions.ts). */
    async textChange(claimId: string, articleId: string, when: string, after: string | null, isPublic: boolean) {
      const change = { detectedAt: when, revisionId: `rev_${claimId}_${when}`, before: `figure ${claimId}`, after };
      await run(
        `INSERT INTO events (at, actor_name, action, entity_type, entity_id, claim_id, article_id, before, after) VALUES (?, 'Factmark', 'claim.text-change', 'claim', ?, ?, ?, ?, ?)`,
        when, claimId, claimId, articleId, JSON.stringify({ quote: `figure ${claimId}` }), JSON.stringify({ textChange: change, public: isPublic }),
      );
      await run(`UPDATE claims SET text_change = ? WHERE id = ?`, JSON.stringify(change), claimId);
    },
    /** A claim made, flagged by its author, and published by Eve with the author's verdict: [made, flagged, published]. */
    async checked(id: string, articleId: string, author: string, rating: string, [made, flagged, published]: [string, string, string]) {
      await this.claim(id, articleId, made);
      await this.flag(id, author, flagged);
      await this.publish(id, author, rating, 'usr_eve', published);
    },
  };
}

const desk = { desk: true, userId: 'usr_eve' };
const THREE_WEEKS: DashboardFilter = { from: '2026-01-05', to: '2026-01-25' };

describe('dashboard figures on a seeded history', () => {
  beforeAll(async () => {
    const h = history(env.DB);
    await h.user('usr_ana', 'Ana Checker', 'checker');
    await h.user('usr_ben', 'Ben Checker', 'checker');
    await h.user('usr_eve', 'Eve Editor', 'editor');
    await h.article('art_a', 'Daily A');
    await h.article('art_b', 'Weekly B');
    // Before the period: c8 made and flagged by Ben, still waiting.
    await h.claim('c8', 'art_b', at('2025-12-29', '09:00'));
    await h.flag('c8', 'usr_ben', at('2025-12-30', '09:00'));
    // Week of 5 January: three published, after 2 h, 6 h and 24 h.
    await h.checked('c1', 'art_a', 'usr_ana', 'false', [at('2026-01-05', '09:00'), at('2026-01-05', '10:00'), at('2026-01-05', '12:00')]);
    await h.checked('c2', 'art_a', 'usr_ana', 'true', [at('2026-01-05', '09:30'), at('2026-01-06', '08:00'), at('2026-01-06', '14:00')]);
    await h.checked('c3', 'art_b', 'usr_ben', 'false', [at('2026-01-06', '09:00'), at('2026-01-07', '00:00'), at('2026-01-08', '00:00')]);
    // Week of 12 January: one published after 1 h, one flagged and waiting, one open for Ben, one suggestion.
    await h.checked('c4', 'art_a', 'usr_ben', 'half-true', [at('2026-01-12', '09:00'), at('2026-01-13', '00:00'), at('2026-01-13', '01:00')]);
    await h.claim('c5', 'art_a', at('2026-01-12', '10:00'));
    await h.flag('c5', 'usr_ana', at('2026-01-14', '00:00'));
    await h.claim('c6', 'art_b', at('2026-01-13', '09:00'), { assignee: 'usr_ben' });
    await h.claim('c7', 'art_a', at('2026-01-13', '09:00'), { suggested: true });
    // Week of 19 January: the suggestion is dismissed.
    await h.dismiss('c7', at('2026-01-20', '09:00'));
    // Text changed under published checks: c1's words twice (changed, then gone), c3's once; c5 is not public: not counted.
    await h.textChange('c1', 'art_a', at('2026-01-20', '10:00'), 'figure c1, revised', true);
    await h.textChange('c3', 'art_b', at('2026-01-21', '10:00'), 'figure c3, revised', true);
    await h.textChange('c1', 'art_a', at('2026-01-22', '10:00'), null, true);
    await h.textChange('c5', 'art_a', at('2026-01-23', '10:00'), null, false);
  });

  /** The cells of the row headed `x` in the table of chart `chart` on a page. */
  const tableRow = (html: string, chart: string, x: string) => {
    const table = new RegExp(`<table class="table chart-table" data-chart="${chart}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
    const m = new RegExp(`<th scope="row">${x}</th>((?:<td class="num">[^<]*</td>)*)`).exec(table);
    return m ? [...m[1].matchAll(/<td class="num">([^<]*)<\/td>/g)].map((c) => c[1]) : null;
  };

  const data = (filter: DashboardFilter = THREE_WEEKS, scope: { desk: boolean; userId: string } = desk) => dashboardData(createDb(env.DB), d1ReachStore(createDb(env.DB)), filter, scope);

  it('counts claims in each status at the end of each week, from before the period on', async () => {
    const d = await data();
    expect(d.weeks).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
    expect(d.status).toEqual({
      open: [0, 1, 1],
      flagged: [1, 2, 2],
      published: [3, 4, 4],
      dismissed: [0, 0, 1],
      suggested: [0, 1, 0],
    });
  });

  it('gives the median and 90th percentile of flag-to-publish per week, and over the period', async () => {
    const { turnaround } = await data();
    expect(turnaround.count).toEqual([3, 1, 0]);
    expect(turnaround.median).toEqual([6 * HOUR, 1 * HOUR, null]);
    expect(turnaround.p90[0]).toBeCloseTo(20.4 * HOUR, 6); // 6 h + 0.8 × (24 h − 6 h)
    expect(turnaround.p90[1]).toBe(1 * HOUR);
    expect(turnaround.overall).toEqual({ median: 4 * HOUR, p90: expect.closeTo(18.6 * HOUR, 6), count: 4 });
  });

  it('splits publications by verdict and by the author of the published verdict, per week', async () => {
    const d = await data();
    expect(d.verdicts).toMatchObject({ false: [2, 0, 0], true: [1, 0, 0], 'half-true': [0, 1, 0], misleading: [0, 0, 0] });
    expect(d.people).toEqual([
      { userId: 'usr_ana', name: 'Ana Checker', perWeek: [2, 0, 0], total: 2 },
      { userId: 'usr_ben', name: 'Ben Checker', perWeek: [1, 1, 0], total: 2 },
    ]);
  });

  it('lists what waits for an editor now, oldest flag first', async () => {
    const { waiting } = await data();
    expect(waiting.total).toBe(2);
    expect(waiting.items.map((w) => [w.claimId, w.since, w.flaggedBy, w.waitingFor])).toEqual([
      ['c8', at('2025-12-30', '09:00'), 'Ben Checker', 'editor'],
      ['c5', at('2026-01-14', '00:00'), 'Ana Checker', 'editor'],
    ]);
  });

  it('narrows every figure to one publisher', async () => {
    const d = await data({ ...THREE_WEEKS, publisher: 'Daily A' });
    expect(d.publishers).toEqual(['Daily A', 'Weekly B']);
    expect(d.status?.published).toEqual([2, 3, 3]);
    expect(d.status?.flagged).toEqual([0, 1, 1]);
    expect(d.turnaround.median).toEqual([4 * HOUR, 1 * HOUR, null]);
    expect(d.waiting.items.map((w) => w.claimId)).toEqual(['c5']);
    expect(d.people.map((p) => [p.name, p.total])).toEqual([['Ana Checker', 2], ['Ben Checker', 1]]);
  });

  it('shows a checker their own part only', async () => {
    const ben = await data(THREE_WEEKS, { desk: false, userId: 'usr_ben' });
    expect(ben.scope).toBe('own');
    expect(ben.status).toBeNull();
    expect(ben.verdicts).toBeNull();
    expect(ben.reach).toBeNull();
    expect(ben.people).toEqual([{ userId: 'usr_ben', name: 'Ben Checker', perWeek: [1, 1, 0], total: 2 }]);
    expect(ben.turnaround.median).toEqual([24 * HOUR, 1 * HOUR, null]);
    // Their flag still waiting for an editor, and the open claim assigned to them.
    expect(ben.waiting.items.map((w) => [w.claimId, w.waitingFor])).toEqual([['c8', 'editor'], ['c6', 'checker']]);
  });

  it('shows the same figures on the page, in each chart\'s table, and in its CSV', async () => {
    const editor = await signedIn('editor');
    const res = await editor.call('/app/dashboard?from=2026-01-05&to=2026-01-25');
    expect(res.status).toBe(200);
    const html = res.text;
    const row = (chart: string, x: string) => tableRow(html, chart, x);
    // Median and 90th percentile in hours: 6 and 20.4 the first week, 1 and 1 the second, none the third.
    expect(row('turnaround', '2026-01-05')).toEqual(['6', '20.4']);
    expect(row('turnaround', '2026-01-12')).toEqual(['1', '1']);
    expect(row('turnaround', '2026-01-19')).toEqual(['', '']);
    expect(html).toContain('4 checks went from flag to publish in the period: median 4 h, 90th percentile 18 h 36 min.');
    // Status at the end of each week: open, flagged, published, suggestions, dismissed (stack order).
    expect(row('status', '2026-01-12')).toEqual(['1', '2', '4', '1', '0']);
    expect(row('status', '2026-01-19')).toEqual(['1', '2', '4', '0', '1']);
    expect(row('verdicts', '2026-01-05')).toEqual(['2', '0', '0', '0', '0', '1', '0']);
    expect(row('people', '2026-01-05')).toEqual(['2', '1']);
    // Waiting now: c8 then c5.
    expect(html.indexOf('figure c8')).toBeGreaterThan(0);
    expect(html.indexOf('figure c8')).toBeLessThan(html.indexOf('figure c5'));
    expect(html).toContain('2 claims are waiting, oldest first.');

    const csv = await editor.call('/app/dashboard.csv?chart=turnaround&from=2026-01-05&to=2026-01-25');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('factmark-turnaround-2026-01-05-to-2026-01-25.csv');
    expect(csv.text).toBe('"Week starting","Median","90th percentile"\r\n"2026-01-05","6","20.4"\r\n"2026-01-12","1","1"\r\n"2026-01-19",,\r\n');
    expect((await editor.call('/app/dashboard.csv?chart=nope')).status).toBe(404);
  });

  it('keeps the publisher in the address and in every CSV link', async () => {
    const editor = await signedIn('editor');
    const html = (await editor.call('/app/dashboard?from=2026-01-05&to=2026-01-25&publisher=Daily+A')).text;
    expect(html).toContain('<option value="Daily A" selected="">Daily A</option>');
    expect(html).toContain('href="/app/dashboard.csv?chart=turnaround&amp;from=2026-01-05&amp;to=2026-01-25&amp;publisher=Daily+A"');
    const csv = await editor.call('/app/dashboard.csv?chart=turnaround&from=2026-01-05&to=2026-01-25&publisher=Daily+A');
    expect(csv.text.split('\r\n')[1]).toBe('"2026-01-05","4","5.6"'); // 2 h and 6 h: median 4, p90 2 + 0.9 × 4
  });

  it('sends visitors to sign in and shows a checker their own part', async () => {
    const anon = await call('/app/dashboard', { redirect: 'manual' });
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe('/app/login?next=%2Fapp%2Fdashboard');
    const checker = await signedIn('checker');
    const html = (await checker.call('/app/dashboard?from=2026-01-05&to=2026-01-25')).text;
    expect(html).toContain('Your work at a glance');
    expect(html).toContain('Your checks published per week');
    expect(html).not.toContain('Claims by status');
    expect(html).not.toContain('Reader reach');
    expect(html).not.toContain('id="dash-publisher"');
    expect((await checker.call('/app/dashboard.csv?chart=status')).status).toBe(404);
  });

  it('lists the articles whose text changed under a published check, on the page, in its table and CSV', async () => {
    const d = await data();
    expect(d.textChanges?.total).toBe(2);
    expect(d.textChanges?.items.map((a) => [a.articleId, a.claims, a.changes, a.gone, a.noticeNow])).toEqual([
      ['art_a', 1, 2, 1, 1], // most recently changed first
      ['art_b', 1, 1, 0, 1],
    ]);
    expect((await data({ ...THREE_WEEKS, publisher: 'Weekly B' })).textChanges?.items.map((a) => a.articleId)).toEqual(['art_b']);
    expect((await data({ from: '2026-01-05', to: '2026-01-19' })).textChanges?.total).toBe(0);
    expect((await data(THREE_WEEKS, { desk: false, userId: 'usr_ana' })).textChanges).toBeNull();

    const editor = await signedIn('editor');
    const html = (await editor.call('/app/dashboard?from=2026-01-05&to=2026-01-25')).text;
    expect(html).toContain('Articles whose text changed under a published check');
    expect(html).toContain(
      '2 articles changed under a published check in the period: 3 changes to 2 checked claims (1 removed the checked words). ' +
        'Readers see “The article has changed since this check” on 2 claims of these articles now. Most recent: “Article art_a”, 22 Jan 2026.',
    );
    expect(tableRow(html, 'text-changes', 'Article art_a')).toEqual(['1', '1']);
    expect(tableRow(html, 'text-changes', 'Article art_b')).toEqual(['1', '1']);
    expect(html).toContain('href="/app/articles/art_a/revisions"');
    const csv = await editor.call('/app/dashboard.csv?chart=text-changes&from=2026-01-05&to=2026-01-25');
    expect(csv.text).toBe('"Article","Checked claims changed","With the notice now"\r\n"Article art_a","1","1"\r\n"Article art_b","1","1"\r\n');
    // A quiet period says so and draws nothing.
    const quiet = (await editor.call('/app/dashboard?from=2026-01-05&to=2026-01-11')).text;
    expect(quiet).toContain('No article changed under a published check in the period.');
    expect(quiet).not.toContain('data-chart="text-changes"');
  });

  it('lists the figures stated in two or more articles (every seeded claim states 12), on the page and in its CSV', async () => {
    const d = await data();
    // c1–c6 were made in the period (c7 was dismissed, c8 made before): art_a four, art_b two; c1–c4 published.
    expect(d.figures?.map((f) => [f.kind, f.value, f.articles, f.claims, f.checked])).toEqual([['count', 12, 2, 6, 4]]);
    expect((await data({ ...THREE_WEEKS, publisher: 'Daily A' })).figures).toEqual([]); // one article's figures do not come back
    expect((await data(THREE_WEEKS, { desk: false, userId: 'usr_ana' })).figures).toBeNull();
    const editor = await signedIn('editor');
    const html = (await editor.call('/app/dashboard?from=2026-01-05&to=2026-01-25')).text;
    expect(html).toContain('1 figure stated in two or more articles in the period');
    expect(html).toContain('Most: 12, in 2 articles (6 claims, 4 published checks).');
    expect(tableRow(html, 'figures', '12')).toEqual(['2', '4']);
    const csv = await editor.call('/app/dashboard.csv?chart=figures&from=2026-01-05&to=2026-01-25');
    expect(csv.text).toBe('"Figure","Articles stating it","Published checks of it"\r\n"12","2","4"\r\n');
  });

  it('counts a later period from the levels the earlier weeks left', async () => {
    const d = await data({ from: '2026-01-19', to: '2026-01-31' });
    expect(d.weeks).toEqual(['2026-01-19', '2026-01-26']);
    expect(d.status?.published).toEqual([4, 4]);
    expect(d.status?.dismissed).toEqual([1, 1]);
    expect(d.turnaround.overall.count).toBe(0);
  });
});

describe('dashboard counts kept by the real workflow', () => {
  let editor: Client;
  beforeAll(async () => {
    editor = await signedIn('editor');
  });

  const thisWeek = () => ({ from: weekOf(dayOf(new Date())), to: addDays(weekOf(dayOf(new Date())), 6) });
  const counts = async (publisher: string) => (await dashboardData(createDb(env.DB), null, { ...thisWeek(), publisher }, { desk: true, userId: editor.userId! })).status!;

  it('moves a claim through the statuses as the API writes it', async () => {
    const article = await createArticle(editor, { publisher: 'Workflow Weekly' });
    let claim = await createClaim(editor, article.id);
    expect((await counts('Workflow Weekly')).open.at(-1)).toBe(1);
    claim = await claimStep(editor, claim, 'verdicts', { rating: 'misleading', summary: 'Not quite.' });
    claim = await claimStep(editor, claim, 'flag', { reason: 'Ready' });
    expect(await counts('Workflow Weekly')).toMatchObject({ open: [0], flagged: [1] });
    await claimStep(editor, claim, 'publish');
    const d = await dashboardData(createDb(env.DB), null, { ...thisWeek(), publisher: 'Workflow Weekly' }, { desk: true, userId: editor.userId! });
    expect(d.status).toMatchObject({ open: [0], flagged: [0], published: [1] });
    expect(d.verdicts?.misleading).toEqual([1]);
    expect(d.turnaround.count).toEqual([1]);
    expect(d.people.map((p) => [p.userId, p.total])).toEqual([[editor.userId, 1]]);
  });

  it('a stale write changes no count', async () => {
    const article = await createArticle(editor, { publisher: 'Stale Times' });
    const claim = await createClaim(editor, article.id);
    const res = await editor.call(`/api/v1/claims/${claim.id}/flag`, { method: 'POST', body: { reason: 'x', version: claim.version + 5 } });
    expect(res.status).toBe(409);
    expect(await counts('Stale Times')).toMatchObject({ open: [1], flagged: [0] });
  });

  it('moves the counts with an article to its new publisher, and takes them away when it is deleted', async () => {
    const article = await createArticle(editor, { publisher: 'Old Name' });
    await createClaim(editor, article.id);
    const patched = await editor.call(`/api/v1/articles/${article.id}`, { method: 'PATCH', body: { publisher: 'New Name', version: article.version } });
    expect(patched.status).toBe(200);
    expect((await counts('Old Name')).open).toEqual([0]);
    expect((await counts('New Name')).open).toEqual([1]);
    const deleted = await editor.call(`/api/v1/articles/${article.id}`, { method: 'DELETE', headers: { 'If-Match': `"${patched.json.version}"` } });
    expect(deleted.status).toBe(204);
    expect((await counts('New Name')).open).toEqual([0]);
  });

  it('keeps its triggers (a table rebuild in a later migration would drop them)', async () => {
    const rows = await env.DB.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stat_%' ORDER BY name`).all<{ name: string }>();
    expect(rows.results.map((r) => r.name)).toEqual([
      'stat_article_delete', 'stat_article_publisher', 'stat_claim_delete', 'stat_claim_insert', 'stat_claim_publish', 'stat_claim_status', 'stat_flag_published',
    ]);
  });
});

describe('the figures that come back most often (the library\'s value keys)', () => {
  const h = history(env.DB);
  const FEB: DashboardFilter = { from: '2026-02-02', to: '2026-02-08' };
  const fine = { kind: 'money', value: { amount: 240000, currency: 'NOK' } };
  const about250 = { kind: 'count', value: 250, approximate: true, subject: 'people protesting' };

  beforeAll(async () => {
    for (const [id, publisher] of [['rf_a', 'RF One'], ['rf_b', 'RF One'], ['rf_c', 'RF Two'], ['rf_d', 'RF Two']]) await h.article(id, publisher);
    const day = (d: number, time = '10:00') => at(`2026-02-0${d}`, time);
    await h.claim('rf1', 'rf_a', day(2), { figure: fine });
    await h.claim('rf2', 'rf_b', day(3), { figure: fine });
    await h.claim('rf3', 'rf_c', day(4), { figure: fine });
    await h.claim('rf4', 'rf_d', day(4, '11:00'), { figure: fine });
    await h.dismiss('rf4', day(5)); // dismissed: not a claim after all
    // About 250 spans three buckets of 10 %; the exact 250 sits in the middle one: one figure, three articles.
    await h.claim('rf5', 'rf_a', day(2), { figure: about250 });
    await h.claim('rf6', 'rf_b', day(5), { figure: about250 });
    await h.claim('rf7', 'rf_c', day(6), { figure: { kind: 'count', value: 250 } });
    // Twelve years twice in one article: it does not come back.
    await h.claim('rf8', 'rf_a', day(2), { figure: { kind: 'sentence', value: 'P12Y' } });
    await h.claim('rf9', 'rf_a', day(3), { figure: { kind: 'sentence', value: 'P12Y' } });
    await h.claim('rf10', 'rf_d', at('2026-01-28', '10:00'), { figure: { kind: 'count', value: 250 } }); // before the period
  });

  it('lists figures stated in two or more articles, most articles first, each named by what most of its claims say', async () => {
    const db = createDb(env.DB);
    const rows = await recurringFigures(db, FEB);
    expect(rows.map((r) => [r.kind, r.value, r.approximate, r.subject, r.articles, r.claims, r.checked])).toEqual([
      ['count', 250, true, 'people protesting', 3, 3, 0],
      ['money', { amount: 240000, currency: 'NOK' }, false, null, 3, 3, 0],
    ]);
    expect((await recurringFigures(db, { ...FEB, publisher: 'RF One' })).map((r) => [r.kind, r.articles])).toEqual([['count', 2], ['money', 2]]);
    expect(await recurringFigures(db, { ...FEB, publisher: 'RF Two' })).toEqual([]);
    expect((await recurringFigures(db, { ...FEB, limit: 1 })).map((r) => r.kind)).toEqual(['count']);
    const editor = await signedIn('editor');
    const html = (await editor.call('/app/dashboard?from=2026-02-02&to=2026-02-08')).text;
    expect(html).toContain('Most: 250 · approximate (people protesting), in 3 articles (3 claims, 0 published checks).');
  });

  it('reads the period\'s claims once, by their creation index, and their keys by claim: never a whole table', async () => {
    const db = createDb(env.DB);
    for (const publisher of [undefined, 'RF One']) {
      const q = new SQLiteSyncDialect().sqlToQuery(recurringFiguresQuery({ ...FEB, publisher }, 30));
      const plan = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).bind(...q.params).all<{ detail: string }>()).results.map((r) => r.detail);
      expect(plan.join('\n')).toMatch(/SEARCH c USING INDEX claims_created_idx \(created_at>\? AND created_at<\?\)/);
      expect(plan.join('\n')).toMatch(/SEARCH k USING (COVERING )?INDEX claim_value_keys_claim_idx \(claim_rowid=\?\)/);
      expect(plan.filter((d) => /^SCAN (c|k|a|claims|claim_value_keys|articles)\b/.test(d))).toEqual([]);
      expect(plan.filter((d) => d.startsWith('SEARCH c '))).toHaveLength(1);
    }
  });
});
