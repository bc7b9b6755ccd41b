import { env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { events, feedPages } from '../../schema/tables';
import { createDb } from '../../src/db';
import { runAfterWrite, type AfterWriteContext } from '../../src/services/after-write';
import type { AuditEvent } from '../../src/services/events';
import { COLLECTION, rendererOf, renderFeedPage, storedFeedPage, storedFeedPageQuery, storeFeedPage, packBody, unpackBody } from '../../src/services/feed-pages';
import { wordpress } from '../fixtures/publisher/pages';
import { FERRY, type Story } from '../fixtures/publisher/stories';
import { call, createArticle, createClaim, editorForFile, ORIGIN, signedIn, type ClaimRef } from './helpers';

const { editor, step, publish } = editorForFile();
const db = createDb(env.DB);
const renderer = rendererOf(env);

/** An article of `n` sentences with a fine each, so claims can be made on `${1000 + i} dollars`. */
async function articleWith(n: number, extra: Record<string, unknown> = {}) {
  const text = Array.from({ length: n }, (_, i) => `Sentence ${i + 1} says the fine was ${1000 + i} dollars.`).join(' ');
  return createArticle(editor, { text, url: `https://news.example/${crypto.randomUUID()}`, ...extra });
}
const fineClaim = (article: { id: string }, i: number): Promise<ClaimRef> =>
  createClaim(editor, article.id, { quote: `${1000 + i} dollars`, kind: 'money', value: { amount: 1000 + i, currency: 'USD' } });

/** A reader in a data centre whose edge cache has no copy: the edge cache is emptied first. */
async function readAfar(path: string) {
  await caches.default.delete(new URL(path, ORIGIN).href);
  return call(path);
}

const source = (res: { headers: Headers }) => res.headers.get('x-factmark-cache');

/** Reads `path` afar twice: the first read renders and keeps the page, the second is served from it. */
async function storedNow(path: string) {
  await readAfar(path);
  const res = await readAfar(path);
  expect(source(res)).toBe('stored');
  return res;
}
/** The stored pages of an article, with their documents unpacked. */
async function kept(articleId: string) {
  const rows = await db.select().from(feedPages).where(eq(feedPages.articleId, articleId)).orderBy(feedPages.page).all();
  return Promise.all(rows.map(async (r) => ({ ...r, body: await unpackBody(r.body) })));
}

describe('stored feed pages (the feed rendered once per change)', () => {
  it('keeps what a read rendered; a read the edge cache cannot answer is then served from it, byte for byte', async () => {
    const article = await articleWith(2);
    await publish(await fineClaim(article, 0), { rating: 'true', summary: 'Right.' });
    const first = await readAfar(`/annotations/${article.slug}`);
    expect(source(first)).toBe('miss');
    const rows = await kept(article.id);
    expect(rows).toMatchObject([{ origin: ORIGIN, page: COLLECTION, renderer, etag: first.headers.get('etag'), body: first.text }]);
    const again = await readAfar(`/annotations/${article.slug}`);
    expect(source(again)).toBe('stored');
    expect(again.text).toBe(first.text);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    // And conditional requests against it.
    await caches.default.delete(`${ORIGIN}/annotations/${article.slug}`);
    const notModified = await call(`/annotations/${article.slug}`, { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(notModified.status).toBe(304);
    expect(source(notModified)).toBe('stored');
    // A page of the feed is kept under its number.
    expect(source(await readAfar(`/annotations/${article.slug}?page=1`))).toBe('miss');
    expect(source(await readAfar(`/annotations/${article.slug}?page=1`))).toBe('stored');
    expect((await kept(article.id)).map((r) => r.page)).toEqual([0, 1]);
  });

  it('never serves a page rendered before a publish, even where the edge cache kept nothing', async () => {
    const article = await articleWith(3);
    await publish(await fineClaim(article, 0), { rating: 'true', summary: 'One.' });
    const b = await fineClaim(article, 1);
    expect((await storedNow(`/annotations/${article.slug}`)).json.total).toBe(1);
    await publish(b, { rating: 'false', summary: 'Two.' });
    const afterPublish = await readAfar(`/annotations/${article.slug}`);
    expect(source(afterPublish)).toBe('miss');
    expect(afterPublish.json.total).toBe(2);
  });

  it('never serves a page rendered before an unpublish', async () => {
    const article = await articleWith(3);
    await publish(await fineClaim(article, 0), { rating: 'true', summary: 'One.' });
    const b = await publish(await fineClaim(article, 1), { rating: 'false', summary: 'Two.' });
    await storedNow(`/annotations/${article.slug}`);
    await step(b, 'unpublish', { note: 'Withdrawn' });
    const afterUnpublish = await readAfar(`/annotations/${article.slug}`);
    expect(afterUnpublish.json.total).toBe(1);
    expect(afterUnpublish.text).not.toContain('Two.');
  });

  it('never serves a page rendered before an edit of the article (its headline is the collection\'s label)', async () => {
    const article = await articleWith(1);
    await publish(await fineClaim(article, 0), { rating: 'true', summary: 'One.' });
    await storedNow(`/annotations/${article.slug}`);
    const current = (await editor.call(`/api/v1/articles/${article.id}`)).json;
    const patched = await editor.call(`/api/v1/articles/${article.id}`, { method: 'PATCH', body: { title: 'A corrected headline', version: current.version }, headers: { 'If-Match': `"${current.version}"` } });
    expect(patched.status, patched.text).toBe(200);
    const afterEdit = await readAfar(`/annotations/${article.slug}`);
    expect(source(afterEdit)).toBe('miss');
    expect(afterEdit.json.label).toBe('Fact-checks: A corrected headline');
  });

  it('never serves a page rendered before a change of the settings (the newsroom is every annotation\'s creator)', async () => {
    const admin = await signedIn('admin');
    const article = await articleWith(1);
    await publish(await fineClaim(article, 0), { rating: 'true', summary: 'Right.' });
    const before = await storedNow(`/annotations/${article.slug}`);
    const settings = (await admin.call('/api/v1/settings')).json;
    const renamed = `The Daily Check ${crypto.randomUUID().slice(0, 6)}`;
    const patched = await admin.call('/api/v1/settings', { method: 'PATCH', body: { name: renamed, version: settings.version } });
    expect(patched.status, patched.text).toBe(200);
    const after = await readAfar(`/annotations/${article.slug}`);
    expect(source(after)).toBe('miss');
    expect(after.json.first.items[0].creator.name).toBe(renamed);
    expect(before.json.first.items[0].creator.name).not.toBe(renamed);
  });

  it('keeps serving the stored page while unpublished claims of the article are worked on', async () => {
    const article = await articleWith(3);
    await publish(await fineClaim(article, 0), { rating: 'true', summary: 'Public.' });
    let draft = await fineClaim(article, 1);
    await readAfar(`/annotations/${article.slug}`);
    draft = await step(draft, 'verdicts', { rating: 'false', summary: 'A draft verdict nobody published.' });
    draft = await step(draft, 'sources', { url: 'https://draft.example/source', title: 'Draft source' });
    const res = await readAfar(`/annotations/${article.slug}`);
    expect(source(res)).toBe('stored');
    expect(res.text).not.toContain('draft');
    expect(res.text).not.toContain('1001 dollars');
  });

  it('an event on a claim that is public moves the stamp (an edit readers may see), one on a private claim does not', async () => {
    const article = await articleWith(2);
    const pub = await publish(await fineClaim(article, 0), { rating: 'true', summary: 'Public.' });
    const draft = await fineClaim(article, 1);
    await readAfar(`/annotations/${article.slug}`);
    await step(draft, 'verdicts', { rating: 'false', summary: 'Draft.' });
    expect(source(await readAfar(`/annotations/${article.slug}`))).toBe('stored');
    const updated = await editor.call(`/api/v1/claims/${pub.id}`, { method: 'PATCH', body: { subject: 'the fine', version: pub.version }, headers: { 'If-Match': `"${pub.version}"` } });
    expect(updated.status, updated.text).toBe(200);
    expect(source(await readAfar(`/annotations/${article.slug}`))).toBe('miss');
  });

  it('never shows a draft: an article whose last public claim is withdrawn renders without it, and nothing unpublished is ever kept', async () => {
    const article = await articleWith(2);
    const only = await publish(await fineClaim(article, 0), { rating: 'true', summary: 'Soon withdrawn.' });
    await fineClaim(article, 1);
    await readAfar(`/annotations/${article.slug}`);
    await step(only, 'unpublish', { note: 'Withdrawn' });
    const res = await readAfar(`/annotations/${article.slug}`);
    expect(res.text).not.toContain('Soon withdrawn.');
    if (res.status === 200) expect(res.json.total).toBe(0);
    for (const row of await kept(article.id)) {
      expect(row.body).not.toContain('Soon withdrawn.');
      expect(row.body).not.toContain('1001 dollars');
    }
  });

  it('never serves the pages of a deleted article, not even to a new article under the same slug', async () => {
    const slug = `deleted-${crypto.randomUUID().slice(0, 8)}`;
    const article = await articleWith(2, { slug });
    const claim = await publish(await fineClaim(article, 0), { rating: 'true', summary: 'From the deleted article.' });
    await storedNow(`/annotations/${slug}`);
    // Deleting needs no published claim: withdrawn first, then deleted.
    await step(claim, 'unpublish', { note: 'Withdrawn' });
    const current = (await editor.call(`/api/v1/articles/${article.id}`)).json;
    const deleted = await editor.call(`/api/v1/articles/${article.id}?version=${current.version}`, { method: 'DELETE' });
    expect(deleted.status, deleted.text).toBe(204);
    expect(await kept(article.id)).toEqual([]);
    // A new article takes the slug and publishes: readers see it, not the deleted one.
    const next = await articleWith(2, { slug });
    expect(next.slug).toBe(slug);
    await publish(await fineClaim(next, 1), { rating: 'false', summary: 'From the new article.' });
    const res = await readAfar(`/annotations/${slug}`);
    expect(source(res)).toBe('miss');
    expect(res.text).toContain('From the new article.');
    expect(res.text).not.toContain('From the deleted article.');
  });

  it('any event on the article itself makes its pages unservable, whatever its action (nothing to list for a new kind of article change)', async () => {
    const article = await articleWith(1);
    await publish(await fineClaim(article, 0), { rating: 'true', summary: 'Right.' });
    await storedNow(`/annotations/${article.slug}`);
    await db.insert(events).values({ actorName: 'Test', action: 'article.some-future-change', entityType: 'article', entityId: article.id, articleId: article.id });
    expect(source(await readAfar(`/annotations/${article.slug}`))).toBe('miss');
  });

  it('a render of an older state never replaces a newer one, and is never served if it lands first', async () => {
    const article = await articleWith(2);
    await publish(await fineClaim(article, 0), { rating: 'true', summary: 'First.' });
    const key = { origin: ORIGIN, slug: article.slug, page: COLLECTION, renderer };
    // A slow reader renders the state with one claim…
    const older = await renderFeedPage(db, key);
    // …a publish commits, and a reader renders and keeps the state with two…
    await publish(await fineClaim(article, 1), { rating: 'false', summary: 'Second.' });
    const newer = await renderFeedPage(db, key);
    expect(newer!.stamp).toBeGreaterThan(older!.stamp);
    expect(await storeFeedPage(db, newer!)).toBe(true);
    // …then the slow reader's write arrives: refused.
    expect(await storeFeedPage(db, older!)).toBe(false);
    expect((await kept(article.id))[0]).toMatchObject({ stamp: newer!.stamp, etag: newer!.etag });
    expect(source(await readAfar(`/annotations/${article.slug}`))).toBe('stored');

    // The other order: the older render lands alone, first (the table had nothing): not served.
    await db.delete(feedPages).where(eq(feedPages.articleId, article.id));
    expect(await storeFeedPage(db, older!)).toBe(true);
    expect(await storedFeedPage(db, key)).toBeNull();
    const res = await readAfar(`/annotations/${article.slug}`);
    expect(source(res)).toBe('miss');
    expect(res.json.total).toBe(2);
    // …and the read's render replaced it.
    expect((await kept(article.id))[0].stamp).toBe(newer!.stamp);
  });

  it('a page rendered by another deployment is not served (new code never serves an old rendering)', async () => {
    const article = await articleWith(1);
    await publish(await fineClaim(article, 0), { rating: 'true', summary: 'Right.' });
    await readAfar(`/annotations/${article.slug}`);
    await db.update(feedPages).set({ renderer: 'an-older-version', body: await packBody('{"stale":true}') }).where(eq(feedPages.articleId, article.id));
    const res = await readAfar(`/annotations/${article.slug}`);
    expect(source(res)).toBe('miss');
    expect(res.text).not.toContain('stale');
    expect((await kept(article.id))[0]).toMatchObject({ renderer });
  });

  it('the after-write reaction renders the pages of a publication after the response, and drops the older ones', async () => {
    const article = await articleWith(2);
    await publish(await fineClaim(article, 0), { rating: 'true', summary: 'One.' });
    await readAfar(`/annotations/${article.slug}`);
    await readAfar(`/annotations/${article.slug}?page=1`);
    // Another origin's page of the same article (a workers.dev name): older after the publish, dropped.
    await call(`/annotations/${article.slug}`);
    const other = await renderFeedPage(db, { origin: 'https://other.example', slug: article.slug, page: COLLECTION, renderer });
    await storeFeedPage(db, other!);
    const claim = await publish(await fineClaim(article, 1), { rating: 'false', summary: 'Two.' });
    const publication = await db.select().from(events).where(and(eq(events.claimId, claim.id), eq(events.action, 'claim.publish'))).all();
    // Tests run reactions without waitUntil (the API's after-write step skipped the render); here with one.
    const later: Promise<unknown>[] = [];
    const ctx: AfterWriteContext = { env, origin: ORIGIN, requestId: 'req-feed-pages', waitUntil: (p) => later.push(p) };
    await runAfterWrite(ctx, publication as AuditEvent[]);
    await Promise.all(later.splice(0));
    await Promise.all(later); // the second round, scheduled by the first
    const rows = await kept(article.id);
    expect(rows.map((r) => [r.origin, r.page])).toEqual([[ORIGIN, 0], [ORIGIN, 1]]);
    expect(JSON.parse(rows[0].body).total).toBe(2);
    const res = await readAfar(`/annotations/${article.slug}`);
    expect(source(res)).toBe('stored');
    expect(res.json.total).toBe(2);
  });

  it('reads a stored page with one indexed statement: no scan of the audit trail, the pages or the articles', async () => {
    const article = await articleWith(1);
    await publish(await fineClaim(article, 0), { rating: 'true', summary: 'Right.' });
    const query = storedFeedPageQuery(db, { origin: ORIGIN, slug: article.slug, page: COLLECTION, renderer }).toSQL();
    const plan = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).bind(...query.params).all()).results.map((r) => String((r as { detail: unknown }).detail));
    expect(plan.length).toBeGreaterThan(0);
    expect(plan.join('\n')).not.toMatch(/\bSCAN (fe|se|fc|events|feed_pages|articles|claims)\b/);
  });
});

describe('stored feed pages and the living article: a revision of the text', () => {
  /** A story on the test publisher (127.0.0.1), imported and followed; `revise` serves a new version of it. */
  async function followedStory() {
    const path = `/news/${crypto.randomUUID()}`;
    const serve = (paragraphs: string[], etag: string) =>
      fetch(`${inject('publisherOrigin')}/__pages${path}`, { method: 'PUT', body: JSON.stringify({ body: wordpress({ ...FERRY, paragraphs } as Story, { canonical: `https://northsound.example${path}` }), headers: { etag } }) });
    expect((await serve(FERRY.paragraphs, '"v1"')).status).toBe(204);
    const imported = await editor.call('/api/v1/articles/import', { method: 'POST', body: { url: `${inject('publisherOrigin')}${path}` } });
    expect(imported.status, imported.text).toBe(201);
    const article = imported.json as { id: string; slug: string };
    const claims = (await editor.call(`/api/v1/claims?article=${article.id}&limit=200`)).json.items as (ClaimRef & { quote: string; start: number })[];
    const fine = claims.find((c) => c.quote.includes('240,000'))!;
    await publish(fine, { rating: 'true', summary: 'The board\u2019s decision says 240,000 kroner.' });
    const revise = async (paragraphs: string[], etag: string) => {
      expect((await serve(paragraphs, etag)).status).toBe(204);
      const res = await editor.call(`/api/v1/articles/${article.id}/refresh`, { method: 'POST' });
      expect(res.status, res.text).toBe(200);
      return res.json as { changed: boolean; claims: { moved: number; changed: number; gone: number } };
    };
    return { article, fine, revise };
  }
  const positionOf = (feed: { first: { items: { target: { selector: { type: string; start?: number }[] } }[] } }) =>
    feed.first.items[0].target.selector.find((s) => s.type === 'TextPositionSelector')?.start;

  it('words added above a published claim move it: the page kept before the revision is not served (its position is old)', async () => {
    const { article, fine, revise } = await followedStory();
    const before = await storedNow(`/annotations/${article.slug}`);
    expect(positionOf(before.json)).toBe(fine.start);
    const p = [...FERRY.paragraphs];
    p[0] = `Updated on Tuesday with the board\u2019s reply. ${p[0]}`;
    expect((await revise(p, '"v2"')).claims).toMatchObject({ changed: 0, gone: 0 });
    const moved = (await editor.call(`/api/v1/claims/${fine.id}`)).json as { start: number };
    expect(moved.start).toBeGreaterThan(fine.start);
    const after = await readAfar(`/annotations/${article.slug}`);
    expect(source(after)).toBe('miss');
    expect(positionOf(after.json)).toBe(moved.start);
  });

  it('a corrected figure under a published claim: the page kept before the revision is not served (readers get the notice)', async () => {
    const { article, revise } = await followedStory();
    await storedNow(`/annotations/${article.slug}`);
    const p = [...FERRY.paragraphs];
    p[0] = p[0].replace('240,000 kroner', '260,000 kroner');
    expect((await revise(p, '"v3"')).claims.changed).toBe(1);
    const after = await readAfar(`/annotations/${article.slug}`);
    expect(source(after)).toBe('miss');
    expect(after.text).toContain('The article has changed since this check');
  });
});
