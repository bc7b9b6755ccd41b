import { and, desc, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { articleRevisions, articles, claims } from '../../schema/tables';
import { sha256Hex } from '../auth/crypto';
import { inListChunks, type Db } from '../db';
import { newId } from '../domain/ids';
import { displayStatus } from '../domain/status';
import { normaliseText, slugify } from '../domain/text';
import type { Actor } from '../domain/actor';
import { DomainError, notFound, staleVersion } from '../domain/errors';
import { matchesSearch, readSearch } from './search';
import { eventStatement, written, type AuditEvent, type Written } from './events';
import { bumpVersionIf, nowSql, runGuarded } from './versioning';
import { decodeCursor, encodeCursor } from './pagination';

export interface ArticleInput {
  title: string;
  url: string;
  publisher: string;
  author?: string | null;
  publishedAt: string;
  text: string;
  slug?: string;
}

export type ArticleRow = typeof articles.$inferSelect;

/** What the API shows of an article; `text` only where asked for (it can be large). */
export function serialiseArticle(a: ArticleRow, opts: { withText?: boolean; counts?: Record<string, number> } = {}) {
  return {
    id: a.id,
    slug: a.slug,
    url: a.url,
    title: a.title,
    publisher: a.publisher,
    author: a.author,
    publishedAt: a.publishedAt,
    textHash: a.textHash,
    ...(opts.withText ? { text: a.text } : {}),
    // The page it is read from, and its last check (docs/import.md).
    fetchUrl: a.fetchUrl,
    checkedAt: a.checkedAt,
    checkResult: a.checkResult,
    nextCheckAt: a.nextCheckAt,
    ...(opts.counts ? { claimCounts: opts.counts } : {}),
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

function metadataOf(a: ArticleRow) {
  return { slug: a.slug, url: a.url, title: a.title, publisher: a.publisher, author: a.author, publishedAt: a.publishedAt, fetchUrl: a.fetchUrl };
}

export async function uniqueSlug(db: Db, wanted: string): Promise<string> {
  const taken = new Set(
    // A prefix comparison, not LIKE: D1 refuses LIKE patterns over 50 bytes, and slugs run to 80.
    (await db.select({ slug: articles.slug }).from(articles).where(or(eq(articles.slug, wanted), sql`substr(${articles.slug}, 1, ${wanted.length + 1}) = ${`${wanted}-`}`)).all()).map((r) => r.slug),
  );
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

export async function getArticle(db: Db, id: string): Promise<ArticleRow> {
  const row = await db.select().from(articles).where(or(eq(articles.id, id), eq(articles.slug, id))).get();
  if (!row) throw notFound('article', id);
  return row;
}

export async function createArticle(db: Db, actor: Actor, input: ArticleInput): Promise<Written<ArticleRow>> {
  const text = normaliseText(input.text);
  if (!text) throw new DomainError('validation', 'The article text is empty once normalised.', { errors: [{ field: 'text', message: 'is empty once whitespace and invisible characters are removed' }] });
  if (input.slug) {
    const clash = await db.select({ id: articles.id }).from(articles).where(eq(articles.slug, input.slug)).get();
    if (clash) throw new DomainError('slug-taken', `The slug "${input.slug}" is taken by another article.`, { errors: [{ field: 'slug', message: 'is taken' }] });
  }
  const slug = input.slug ?? (await uniqueSlug(db, slugify(input.title)));
  const row = {
    id: newId('art'),
    slug,
    url: input.url,
    title: input.title,
    publisher: input.publisher,
    author: input.author ?? null,
    publishedAt: input.publishedAt,
    text,
    textHash: await sha256Hex(text),
    createdBy: actor.userId,
  };
  const [inserted, , events] = await db.batch([
    db.insert(articles).values(row).returning(),
    // Its text is its first revision (pasted: nobody follows a page for it until it is given one).
    db.insert(articleRevisions).values({ id: newId('rev'), articleId: row.id, number: 1, text, textHash: row.textHash, trigger: 'paste', createdBy: actor.userId }),
    eventStatement(db, actor, { action: 'article.create', entityType: 'article', entityId: row.id, articleId: row.id, after: { ...metadataOf({ ...row, fetchUrl: null } as ArticleRow), textHash: row.textHash } }),
  ]);
  return written(inserted[0], events);
}

export type ArticleUpdate = Partial<Pick<ArticleInput, 'title' | 'url' | 'publisher' | 'author' | 'publishedAt' | 'slug'>> & { fetchUrl?: string | null };

/** Metadata only: the text is fixed once claims are anchored in it. */
export async function updateArticle(db: Db, actor: Actor, id: string, version: number, patch: ArticleUpdate): Promise<Written<ArticleRow>> {
  const current = await getArticle(db, id);
  if (version !== current.version) throw staleVersion('article', version, current.version);
  if (patch.slug && patch.slug !== current.slug) {
    const clash = await db.select({ id: articles.id }).from(articles).where(eq(articles.slug, patch.slug)).get();
    if (clash) throw new DomainError('slug-taken', `The slug "${patch.slug}" is taken by another article.`, { errors: [{ field: 'slug', message: 'is taken' }] });
  }
  const [updated, events] = await runGuarded('article', version, 'articles_version_fresh', () =>
    db.batch([
      db
        .update(articles)
        .set({
          ...patch,
          // A new page to follow: no validators of the old one, checked at the next run of the schedule.
          ...(patch.fetchUrl !== undefined && patch.fetchUrl !== current.fetchUrl ? { etag: null, lastModified: null, nextCheckAt: null, checkFailures: 0 } : {}),
          version: bumpVersionIf(version),
          updatedAt: nowSql,
        })
        .where(eq(articles.id, current.id))
        .returning(),
      eventStatement(db, actor, { action: 'article.update', entityType: 'article', entityId: current.id, articleId: current.id, before: metadataOf(current), after: { ...metadataOf(current), ...patch } }, { ifArticleExists: current.id }),
    ]),
  );
  // Deleted by another request since we read it: nothing was written, the event included.
  if (!updated[0]) throw notFound('article', id);
  return written(updated[0], events);
}

/** Deletes an article with its claims, unless one of them is public. The events stay. */
export async function deleteArticle(db: Db, actor: Actor, id: string, version: number): Promise<Written<null>> {
  const current = await getArticle(db, id);
  if (version !== current.version) throw staleVersion('article', version, current.version);
  const published = await db.select({ n: sql<number>`count(*)` }).from(claims).where(and(eq(claims.articleId, current.id), isNotNull(claims.publishedVerdictId))).get();
  if (published && published.n > 0) {
    throw new DomainError('article-has-published-claims', `The article has ${published.n} published claim(s); unpublish them before deleting it.`);
  }
  // The guard UPDATE runs first: a stale version aborts the batch before anything is deleted.
  const results = await runGuarded('article', version, 'articles_version_fresh', () =>
    db.batch([
      db.update(articles).set({ version: bumpVersionIf(version) }).where(eq(articles.id, current.id)),
      // Only while the article is there: of two racing deletes, one writes the event.
      eventStatement(db, actor, { action: 'article.delete', entityType: 'article', entityId: current.id, articleId: current.id, before: { ...metadataOf(current), textHash: current.textHash } }, { ifArticleExists: current.id }),
      // A claim published since our check aborts the batch the same way a stale version does.
      db.update(articles).set({ version: -1 }).where(and(eq(articles.id, current.id), sql`EXISTS (SELECT 1 FROM claims WHERE claims.article_id = ${current.id} AND claims.published_verdict_id IS NOT NULL)`)),
      db.delete(articles).where(eq(articles.id, current.id)),
    ]),
  );
  // The other of two racing deletes got there first: say so rather than a second 204.
  if (results[3].meta.changes === 0) throw notFound('article', id);
  return written(null, results[1] as AuditEvent[]);
}

/** Articles newest first, with counts of their claims by status. */
export async function listArticles(db: Db, opts: { limit: number; cursor?: string; q?: string }) {
  const cursor = decodeCursor(opts.cursor);
  const conditions = [
    cursor ? or(lt(articles.createdAt, cursor.at), and(eq(articles.createdAt, cursor.at), lt(articles.id, cursor.id))) : undefined,
    // The search index: title, publisher, author and the text.
    opts.q ? matchesSearch('articles', sql`${articles}.rowid`, readSearch(opts.q)) : undefined,
  ].filter(Boolean);
  const rows = await db
    .select()
    .from(articles)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(articles.createdAt), desc(articles.id))
    .limit(opts.limit + 1)
    .all();
  const page = rows.slice(0, opts.limit);
  const counts = await countClaimsByStatus(db, page.map((a) => a.id));
  const last = page[page.length - 1];
  return {
    items: page.map((a) => serialiseArticle(a, { counts: counts.get(a.id) ?? {} })),
    nextCursor: rows.length > opts.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

export async function countClaimsByStatus(db: Db, articleIds: string[]) {
  const out = new Map<string, Record<string, number>>();
  const rows = [];
  const returned = sql<number>`(${claims.returnedAt} IS NOT NULL)`;
  for (const chunk of inListChunks(articleIds)) {
    rows.push(
      ...(await db
        .select({ articleId: claims.articleId, status: claims.status, suggested: claims.suggested, returned, n: sql<number>`count(*)` })
        .from(claims)
        .where(inArray(claims.articleId, chunk))
        .groupBy(claims.articleId, claims.status, claims.suggested, returned)
        .all()),
    );
  }
  for (const r of rows) {
    const c = out.get(r.articleId) ?? { open: 0, flagged: 0, published: 0, dismissed: 0, suggested: 0, returned: 0 };
    // `open` counts suggestions and returned claims too (the API has always counted every open
    // claim); `suggested` and `returned` count them apart.
    c[r.status] += r.n;
    const shown = displayStatus({ ...r, returned: Boolean(r.returned) });
    if (shown === 'suggested' || shown === 'returned') c[shown] += r.n;
    out.set(r.articleId, c);
  }
  return out;
}
