import { env } from 'cloudflare:test';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims, events, flags, sources, verdicts } from '../../schema/tables';
import { createDb } from '../../src/db';
import type { Actor } from '../../src/domain/actor';
import { newId } from '../../src/domain/ids';
import { createArticle } from '../../src/services/articles';
import { createClaim, writeClaim, type ClaimRow } from '../../src/services/claims';
import { PAGE_SIZE, publishedPage } from '../../src/services/public-feed';
import { editorsQueue } from '../../src/services/workflow';
import { makeUser } from './helpers';

/*
 * The subtle queries, called directly against the D1 binding (as the Cloudflare D1 examples
 * test theirs): the versioned write, the feed's published page and the editors' queue. The
 * routes over them are tested through HTTP in the feature files.
 */

const db = createDb(env.DB);
let actor: Actor;

beforeAll(async () => {
  const user = await makeUser('editor');
  actor = { kind: 'user', userId: user.id, tokenId: null, name: 'Query tester', email: user.email, role: 'editor' };
});

const TEXT = 'The court sentenced the mayor to 12 years in prison on March 3. He must pay a fine of $80,000. Some 250 protesters gathered outside.';

async function article(text = TEXT) {
  return (await createArticle(db, actor, { title: `Query test ${crypto.randomUUID()}`, url: 'https://news.example/q', publisher: 'Example News', publishedAt: '2024-03-05', text })).value;
}

async function claimOn(articleId: string, quote = '$80,000') {
  return (await createClaim(db, actor, articleId, { quote, kind: 'money', value: { amount: 80000, currency: 'USD' } })).value;
}

const eventsOf = async (claimId: string) => (await db.select({ action: events.action }).from(events).where(eq(events.claimId, claimId)).all()).map((e) => e.action);

describe('writeClaim: the versioned write', () => {
  it('bumps the version, applies the change and the extra statements, and returns the event it wrote', async () => {
    const a = await article();
    const c = await claimOn(a.id);
    const sourceId = newId('src');
    const w = await writeClaim(db, actor, c, 1, { subject: 'fine' }, [db.insert(sources).values({ id: sourceId, claimId: c.id, url: 'https://court.example/r', title: 'Ruling', createdBy: actor.userId })], {
      action: 'source.add', entityType: 'source', entityId: sourceId, after: { url: 'https://court.example/r' },
    });
    expect(w.value).toMatchObject({ id: c.id, version: 2, subject: 'fine' });
    expect(w.events).toEqual([expect.objectContaining({ id: expect.any(Number), action: 'source.add', entityId: sourceId, claimId: c.id, articleId: a.id, actorUserId: actor.userId })]);
    expect(await db.select({ id: sources.id }).from(sources).where(eq(sources.claimId, c.id)).all()).toEqual([{ id: sourceId }]);
  });

  it('refuses a version other than the row the rules were checked on, before writing anything', async () => {
    const c = await claimOn((await article()).id);
    await expect(writeClaim(db, actor, c, 5, { subject: 'x' }, [], { action: 'claim.update', entityType: 'claim', entityId: c.id })).rejects.toMatchObject({
      code: 'stale-version', extensions: { sentVersion: 5, currentVersion: 1 },
    });
    expect(await eventsOf(c.id)).toEqual(['claim.create']);
  });

  it('aborts the whole batch when the row moved on since it was read: no change, no extra row, no event', async () => {
    const c = await claimOn((await article()).id);
    const readEarlier: ClaimRow = { ...c };
    await writeClaim(db, actor, c, 1, { speaker: 'The court' }, [], { action: 'claim.update', entityType: 'claim', entityId: c.id });
    const flagId = newId('flg');
    await expect(
      writeClaim(db, actor, readEarlier, 1, { status: 'flagged' }, [db.insert(flags).values({ id: flagId, claimId: c.id, reason: 'Late', createdBy: actor.userId })], { action: 'claim.flag', entityType: 'claim', entityId: c.id }),
    ).rejects.toMatchObject({ code: 'stale-version' });
    const row = await db.select().from(claims).where(eq(claims.id, c.id)).get();
    expect(row).toMatchObject({ version: 2, status: 'open', speaker: 'The court' });
    expect(await db.select().from(flags).where(eq(flags.id, flagId)).all()).toEqual([]);
    expect(await eventsOf(c.id)).toEqual(['claim.create', 'claim.update']);
  });
});

/**
 * Published claims written straight into D1: `n` claims on one article from code point
 * `offset` on, in reverse text order, each with a published verdict and a later proposal.
 * Five claims per statement: D1 binds at most 100 parameters in one.
 */
async function seedPublished(articleId: string, n: number, at: string, offset = 0) {
  const rows = Array.from({ length: n }, (_, i) => ({ id: newId('clm'), start: offset + (n - i) * 10, published: newId('vrd'), newer: newId('vrd') }));
  for (let i = 0; i < n; i += 5) {
    const slice = rows.slice(i, i + 5);
    await db.batch([
      db.insert(claims).values(slice.map((r) => ({ id: r.id, articleId, quote: 'x', start: r.start, end: r.start + 1, kind: 'count' as const, value: 1, status: 'published' as const, publishedVerdictId: r.published, publishedAt: at, createdBy: actor.userId }))),
      db.insert(verdicts).values(
        slice.flatMap((r) => [
          { id: r.published, claimId: r.id, rating: 'true' as const, summary: `published ${r.id}`, authorId: actor.userId, createdAt: '2024-01-01T00:00:00.000Z' },
          { id: r.newer, claimId: r.id, rating: 'false' as const, summary: `proposed later ${r.id}`, authorId: actor.userId, createdAt: '2030-01-01T00:00:00.000Z' },
        ]),
      ),
    ]);
  }
  return rows.sort((x, y) => x.start - y.start);
}

describe('publishedPage: one page of the feed', () => {
  it('pages the published claims in text order, with the total, the published verdict (not a later one) and nothing unpublished', async () => {
    const a = await article();
    const at = '2024-06-01T00:00:00.000Z';
    const rows = await seedPublished(a.id, 11, at, 1000);
    await claimOn(a.id); // not public: never in the feed
    const page = await publishedPage(db, a.slug, 1);
    expect(page).not.toBeNull();
    expect(page!.total).toBe(rows.length);
    expect(page!.article).toEqual({ id: a.id, slug: a.slug, url: a.url, title: a.title, publisher: a.publisher });
    expect(page!.items.map((c) => c.id)).toEqual(rows.map((r) => r.id));
    expect(page!.items.every((c) => c.verdict.rating === 'true' && c.verdict.summary.startsWith('published'))).toBe(true);
    expect(await publishedPage(db, a.slug, 2)).toMatchObject({ total: rows.length, items: [] });
    expect(await publishedPage(db, `no-such-${crypto.randomUUID()}`, 1)).toBeNull();
  });

  it('splits at PAGE_SIZE and shows the sources as they were at publication', async () => {
    const a = await article();
    const at = '2024-06-01T00:00:00.000Z';
    const rows = await seedPublished(a.id, PAGE_SIZE + 10, at, 1000);
    const first = rows[0].id;
    await db.insert(sources).values([
      { id: newId('src'), claimId: first, url: 'https://court.example/before', title: 'Before', createdBy: actor.userId, createdAt: '2024-05-01T00:00:00.000Z' },
      { id: newId('src'), claimId: first, url: 'https://court.example/after', title: 'Added since', createdBy: actor.userId, createdAt: '2024-07-01T00:00:00.000Z' },
      { id: newId('src'), claimId: first, url: 'https://court.example/removed', title: 'Removed since', createdBy: actor.userId, createdAt: '2024-05-01T00:00:00.000Z', deletedAt: '2024-07-01T00:00:00.000Z' },
      { id: newId('src'), claimId: first, url: 'https://court.example/gone', title: 'Removed before', createdBy: actor.userId, createdAt: '2024-05-01T00:00:00.000Z', deletedAt: '2024-05-02T00:00:00.000Z' },
    ]);
    const [one, two] = [await publishedPage(db, a.slug, 1), await publishedPage(db, a.slug, 2)];
    expect(one!.total).toBe(PAGE_SIZE + 10);
    expect(one!.items).toHaveLength(PAGE_SIZE);
    expect(two!.items.map((c) => c.id)).toEqual(rows.slice(PAGE_SIZE).map((r) => r.id));
    expect(one!.items[0].sources.map((s) => s.url)).toEqual(['https://court.example/before', 'https://court.example/removed']);
  });
});

describe('editorsQueue', () => {
  it('answers every flagged claim, oldest flag first, with its verdicts and source count, past D1’s 100 bound parameters', async () => {
    const a = await article();
    const n = 120; // more ids than one statement may bind
    const ids = Array.from({ length: n }, () => newId('clm'));
    const claimRows = ids.map((id, i) => ({ id, articleId: a.id, quote: 'x', start: i * 10, end: i * 10 + 1, kind: 'count' as const, value: 1, status: 'flagged' as const, createdBy: actor.userId }));
    for (let i = 0; i < n; i += 5) await db.insert(claims).values(claimRows.slice(i, i + 5));
    for (let i = 0; i < n; i += 10) {
      await db.insert(flags).values(ids.slice(i, i + 10).map((id, k) => ({ id: newId('flg'), claimId: id, reason: 'Ready', createdBy: actor.userId, createdAt: new Date(Date.UTC(2024, 0, 1) + (n - i - k) * 1000).toISOString() })));
    }
    const last = ids[n - 1];
    await db.insert(verdicts).values({ id: newId('vrd'), claimId: last, rating: 'half-true', summary: 'Half', authorId: actor.userId });
    await db.insert(sources).values([1, 2].map((k) => ({ id: newId('src'), claimId: last, url: `https://court.example/${k}`, title: `R${k}`, createdBy: actor.userId })));
    const { items } = await editorsQueue(db, 500);
    const mine = items.filter((i) => i.article.id === a.id);
    expect(mine).toHaveLength(n);
    // Oldest flag first: the flags were written with times counting down.
    expect(mine[0].claim.id).toBe(last);
    expect(mine[0]).toMatchObject({ proposedVerdict: { rating: 'half-true' }, publishedVerdict: null, sourceCount: 2 });
    expect(mine.slice(1).every((i) => i.proposedVerdict === null && i.sourceCount === 0)).toBe(true);
    const order = mine.map((i) => i.flag.createdAt);
    expect([...order].sort()).toEqual(order);
    expect((await db.select({ n: sql<number>`count(*)` }).from(claims).where(eq(claims.articleId, a.id)).get())!.n).toBe(n);
  });
});
