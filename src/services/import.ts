/**
 * Import by URL: fetch a publisher's page, read its story and metadata by the shared reading
 * rules (so the stored text is the text the embed reads on that page), and store the article
 * with its first revision, followed from then on by the schedule. Every failure is a problem
 * that says which (`src/services/revisions.ts`, `fetchStory`) and stores nothing.
 */
import { eq, inArray, or } from 'drizzle-orm';
import { articleRevisions, articles } from '../../schema/tables';
import { sha256Hex } from '../auth/crypto';
import type { Db } from '../db';
import type { Actor } from '../domain/actor';
import { DomainError } from '../domain/errors';
import { newId } from '../domain/ids';
import { slugify } from '../domain/text';
import { uniqueSlug, type ArticleRow } from './articles';
import { eventStatement, written, type Written } from './events';
import { fetchStory, nextCheckFor, type FetchSettings } from './revisions';
import { urlVariants } from './public-feed';

export interface ImportInput {
  url: string;
  /** Overrides for what the page does not say (or says wrongly). */
  title?: string;
  publisher?: string;
  author?: string | null;
  publishedAt?: string;
  slug?: string;
}

export interface ImportResult {
  article: ArticleRow;
  /** Where each field came from (json-ld, og:title, title, meta, url, request, import date). */
  sources: Record<string, string>;
  /** What the page did not say and what was assumed instead. */
  warnings: string[];
}

/** A URL as compared for "already loaded": without its fragment. */
const comparable = (u: string) => u.replace(/#.*$/, '');

/**
 * The article already loaded from one of these URLs (as its canonical URL or the page it is
 * read from), under any spelling the public `?url=` lookup takes for the same page (http or
 * https, with or without a trailing slash): else one page could become two articles, and
 * readers' lookup would find only one of them.
 */
async function alreadyLoaded(db: Db, urls: (string | null | undefined)[]) {
  const list = [...new Set(urls.flatMap((u) => (u ? urlVariants(u) : [])))];
  if (!list.length) return undefined;
  return db.select({ id: articles.id, slug: articles.slug, url: articles.url }).from(articles).where(or(inArray(articles.url, list), inArray(articles.fetchUrl, list))).get();
}

function exists(found: { id: string; slug: string; url: string }): DomainError {
  return new DomainError('article-url-exists', `This page is already loaded as article ${found.id} (${found.url}).`, { errors: [{ field: 'url', message: 'is already loaded' }], extensions: { articleId: found.id, articleSlug: found.slug } });
}

export async function importArticle(db: Db, actor: Actor, input: ImportInput, settings: FetchSettings, now = new Date()): Promise<Written<ImportResult>> {
  const given = comparable(input.url);
  const before = await alreadyLoaded(db, [given]);
  if (before) throw exists(before);
  const page = await fetchStory(given, settings);
  if (!page) throw new DomainError('page-error', 'The page answered 304 Not Modified to a request that asked for it unconditionally.', { extensions: { url: given, upstreamStatus: 304 } });
  const m = page.reading.metadata;
  // The same page under its canonical URL or where the redirects ended.
  const after = await alreadyLoaded(db, [page.url, m.canonicalUrl]);
  if (after) throw exists(after);

  const warnings: string[] = [];
  const sources: Record<string, string> = { ...m.from };
  const text = page.reading.text;
  const title = input.title ?? m.title ?? text.split('\n')[0].slice(0, 200);
  if (input.title) sources.title = 'request';
  else if (!m.title) {
    sources.title = 'text';
    warnings.push('The page names no headline; the first line of the story was used.');
  }
  const publishedAt = input.publishedAt ?? m.publishedAt ?? now.toISOString().slice(0, 10);
  if (input.publishedAt) sources.publishedAt = 'request';
  else if (!m.publishedAt) {
    sources.publishedAt = 'import date';
    warnings.push('The page states no publication date; the date of the import was used (relative dates such as "last November" are read from it). Set the right one with PATCH.');
  }
  if (input.publisher) sources.publisher = 'request';
  if (input.author !== undefined) sources.author = 'request';
  if (input.slug) {
    const clash = await db.select({ id: articles.id }).from(articles).where(eq(articles.slug, input.slug)).get();
    if (clash) throw new DomainError('slug-taken', `The slug "${input.slug}" is taken by another article.`, { errors: [{ field: 'slug', message: 'is taken' }] });
  }
  const checkedAt = now.toISOString();
  const row = {
    id: newId('art'),
    slug: input.slug ?? (await uniqueSlug(db, slugify(title))),
    url: m.canonicalUrl,
    title,
    publisher: input.publisher ?? m.publisher ?? new URL(page.url).hostname,
    author: input.author !== undefined ? input.author : m.author,
    publishedAt,
    text,
    textHash: await sha256Hex(text),
    createdBy: actor.userId,
    fetchUrl: page.url,
    etag: page.etag,
    lastModified: page.lastModified,
    checkedAt,
    checkResult: 'changed' as const,
    checkFailures: 0,
  };
  const nextCheckAt = nextCheckFor({ publishedAt: row.publishedAt, createdAt: checkedAt }, now, 0);
  const revisionId = newId('rev');
  const [inserted, , events] = await db.batch([
    db.insert(articles).values({ ...row, nextCheckAt }).returning(),
    db.insert(articleRevisions).values({ id: revisionId, articleId: row.id, number: 1, text, textHash: row.textHash, trigger: 'import', url: page.url, httpStatus: page.status, etag: page.etag, lastModified: page.lastModified, createdBy: actor.userId, fetchedAt: checkedAt }),
    eventStatement(db, actor, {
      action: 'article.import',
      entityType: 'article',
      entityId: row.id,
      articleId: row.id,
      after: { slug: row.slug, url: row.url, title: row.title, publisher: row.publisher, author: row.author, publishedAt: row.publishedAt, textHash: row.textHash, fetchUrl: row.fetchUrl, revisionId },
    }),
  ]);
  return written({ article: inserted[0], sources, warnings }, events);
}
