/**
 * The living article over the db: fetching a publisher's page (for an import or a refresh),
 * storing a new revision of an article's text with every claim placed again in it, and the
 * record of each check. Re-anchoring itself is pure (`src/domain/reanchor.ts`); the follow
 * schedule too (`src/domain/follow-schedule.ts`).
 *
 * A new revision is one D1 batch: the article's text (guarded by its version and its text
 * hash, so of two refreshes racing only one stores anything), the revision row, every
 * claim's new offsets and context (two statements over a JSON list, whatever the number of
 * claims), `textChange` on the claims whose words changed or went, and the audit events.
 * Claims whose words are gone are parked past the end of the text (their quote kept), so no
 * offset points at words that are not theirs.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { articleRevisions, articles, claims } from '../../schema/tables';
import { sha256Hex } from '../auth/crypto';
import { isConstraintError, type Db } from '../db';
import type { Actor } from '../domain/actor';
import { DomainError, notFound } from '../domain/errors';
import { nextCheckAt, storySince } from '../domain/follow-schedule';
import { newId } from '../domain/ids';
import { MIN_STORY_CHARS, type CheckResult, type RevisionTrigger, type TextChange } from '../domain/living';
import { isPublic } from '../domain/policy';
import { reanchor, type Placement } from '../domain/reanchor';
import { codePointLength } from '../domain/text';
import { diffParagraphs } from '../domain/word-diff';
import type { ArticleRow } from './articles';
import { eventStatement, written, type AuditEvent, type Written } from './events';
import { OutboundError, outboundFetch, type Resolver } from './outbound-fetch';
import { readPage, type PageReading } from './page-reader';

/** Media types an article page may have. */
export const HTML_TYPES = ['text/html', 'application/xhtml+xml'];

/** The longest article text we store (as for pasted text, in UTF-16 units). */
export const MAX_ARTICLE_CHARS = 500_000;

/** Where outbound fetches may go and how names are resolved: from the Worker's env. */
export interface FetchSettings {
  environment?: string;
  dohUrl?: string;
  resolver?: Resolver;
}

export interface FetchedPage {
  reading: PageReading;
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  etag: string | null;
  lastModified: string | null;
}

/** An outbound failure as the problem the API answers with (which, and why). */
function pageProblem(error: OutboundError): DomainError {
  const extensions = { url: error.url, reason: error.code, ...(error.addressClass ? { addressClass: error.addressClass } : {}) };
  switch (error.code) {
    case 'invalid-url':
    case 'blocked-address':
      return new DomainError('url-blocked', `Not fetched: ${error.message}`, { errors: [{ field: 'url', message: error.message }], extensions });
    case 'timeout':
      return new DomainError('page-timeout', `The page did not answer in time: ${error.message}`, { extensions });
    case 'too-large':
      return new DomainError('page-too-large', `The page is too large: ${error.message}`, { extensions });
    case 'unsupported-type':
      return new DomainError('page-not-html', `The page is not HTML: ${error.message}`, { extensions });
    case 'too-many-redirects':
    case 'redirect-loop':
      return new DomainError('page-redirects', `The page could not be reached: ${error.message}`, { extensions });
    default:
      return new DomainError('page-unreachable', `The page could not be fetched: ${error.message}`, { extensions });
  }
}

/**
 * Fetches a publisher's page and reads its story, or says why not (a `page-*` or
 * `url-blocked` problem). With validators, asks conditionally: null means 304 Not Modified.
 */
export async function fetchStory(url: string, settings: FetchSettings, validators: { etag?: string | null; lastModified?: string | null } = {}): Promise<FetchedPage | null> {
  const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  let res;
  try {
    res = await outboundFetch(url, { environment: settings.environment, dohUrl: settings.dohUrl, resolver: settings.resolver, accept: HTML_TYPES, headers });
  } catch (error) {
    if (error instanceof OutboundError) throw pageProblem(error);
    throw error;
  }
  if (res.status === 304) return null;
  if (res.status < 200 || res.status >= 300) {
    throw new DomainError('page-error', `The page answered ${res.status}${res.status === 401 || res.status === 403 ? ' (it may need a login)' : ''}.`, { extensions: { url, upstreamStatus: res.status } });
  }
  let reading: PageReading;
  try {
    reading = await readPage(res.body, res.url, res.charset);
  } catch (error) {
    // HTMLRewriter gives up on some pages within the size cap (200,000 nested <div>s: "Parser
    // error: The memory limit has been exceeded"). That is the page, not us: say so (no 500).
    const message = String((error as Error)?.message ?? error);
    if (!/^Parser error/i.test(message)) throw error;
    throw new DomainError('page-too-large', `The page's HTML could not be read: it is too large or too deeply nested for the HTML reader (${message}).`, { extensions: { url, reason: 'unreadable-html' } });
  }
  if (reading.text.length < MIN_STORY_CHARS) {
    const wall = reading.hasPasswordField || reading.metadata.accessibleForFree === false;
    throw new DomainError(
      wall ? 'page-login-wall' : 'page-no-story',
      wall
        ? `The page asks readers to sign in or subscribe: only ${reading.text.length} characters of story text are readable without it.`
        : `No story text was found on the page (${reading.text.length} characters read; an article has at least ${MIN_STORY_CHARS}).`,
      { extensions: { url, characters: reading.text.length } },
    );
  }
  if (reading.text.length > MAX_ARTICLE_CHARS) {
    throw new DomainError('page-too-large', `The story text is ${reading.text.length} characters, over the limit of ${MAX_ARTICLE_CHARS}.`, { extensions: { url, characters: reading.text.length } });
  }
  return { reading, url: res.url, status: res.status, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
}

/** When the schedule looks at an article next, after a check at `now` with `failures` failures in a row. */
export function nextCheckFor(article: Pick<ArticleRow, 'publishedAt' | 'createdAt'>, now: Date, failures: number): string {
  return nextCheckAt(now.getTime(), storySince(article.publishedAt, article.createdAt), failures).toISOString();
}

/** Records a check that stored nothing (same text, 304, or a failure). No audit event: nothing changed. */
export async function recordCheck(db: Db, article: ArticleRow, result: Exclude<CheckResult, 'changed'>, now: Date, extra: { error?: string; etag?: string | null; lastModified?: string | null } = {}) {
  const failures = result === 'failed' ? article.checkFailures + 1 : 0;
  await db
    .update(articles)
    .set({
      checkedAt: now.toISOString(),
      checkResult: result,
      checkError: extra.error ?? null,
      checkFailures: failures,
      nextCheckAt: nextCheckFor(article, now, failures),
      ...(extra.etag !== undefined ? { etag: extra.etag } : {}),
      ...(extra.lastModified !== undefined ? { lastModified: extra.lastModified } : {}),
    })
    .where(eq(articles.id, article.id));
}

export interface RefreshResult {
  changed: boolean;
  /** The revision that holds the page's text now (the new one when changed). */
  revisionId: string | null;
  claims: { moved: number; changed: number; gone: number };
}

const NO_MOVES = { moved: 0, changed: 0, gone: 0 };

/** The latest revision's id. */
async function latestRevisionId(db: Db, articleId: string): Promise<string | null> {
  const r = await db.select({ id: articleRevisions.id }).from(articleRevisions).where(eq(articleRevisions.articleId, articleId)).orderBy(desc(articleRevisions.number)).limit(1).get();
  return r?.id ?? null;
}

/**
 * Fetches the article's page again and stores a new revision if its text changed. A failure
 * is recorded on the article (and its next try backs off) and thrown as the page problem;
 * the current revision is untouched.
 */
export async function refreshArticle(db: Db, actor: Actor | null, articleId: string, trigger: Extract<RevisionTrigger, 'refresh' | 'schedule'>, settings: FetchSettings, now = new Date()): Promise<Written<RefreshResult>> {
  const article = await db.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article) throw notFound('article', articleId);
  if (!article.fetchUrl) {
    throw new DomainError('article-not-followed', 'The article has no page to fetch: it was pasted. Give it one with PATCH /articles/{id} {"fetchUrl": "…"}.', { errors: [{ field: 'fetchUrl', message: 'is not set' }] });
  }
  let page: FetchedPage | null;
  try {
    page = await fetchStory(article.fetchUrl, settings, { etag: article.etag, lastModified: article.lastModified });
  } catch (error) {
    await recordCheck(db, article, 'failed', now, { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  if (!page) {
    await recordCheck(db, article, 'not-modified', now);
    return written({ changed: false, revisionId: await latestRevisionId(db, article.id), claims: NO_MOVES }, []);
  }
  const text = page.reading.text;
  const hash = await sha256Hex(text);
  if (hash === article.textHash) {
    await recordCheck(db, article, 'unchanged', now, { etag: page.etag, lastModified: page.lastModified });
    return written({ changed: false, revisionId: await latestRevisionId(db, article.id), claims: NO_MOVES }, []);
  }
  return storeRevision(db, actor, article.id, { text, hash, trigger, page }, now);
}

interface NewText {
  text: string;
  hash: string;
  trigger: RevisionTrigger;
  page: Omit<FetchedPage, 'reading'> | null;
}

/** Offsets far past any text, for the two-step move of every claim (the span index stays unique throughout). */
const PARK = 1_000_000_000;

/**
 * Stores `next` as the article's new revision and places every claim in it, in one batch.
 * Retries (up to three times, re-reading) when another write got there first: a racing
 * refresh that stored the same text makes this one answer "unchanged".
 */
export async function storeRevision(db: Db, actor: Actor | null, articleId: string, next: NewText, now = new Date()): Promise<Written<RefreshResult>> {
  for (let attempt = 0; ; attempt++) {
    const article = await db.select().from(articles).where(eq(articles.id, articleId)).get();
    if (!article) throw notFound('article', articleId);
    if (article.textHash === next.hash) return written({ changed: false, revisionId: await latestRevisionId(db, articleId), claims: NO_MOVES }, []);
    try {
      return await writeRevision(db, actor, article, next, now);
    } catch (error) {
      const raced = isConstraintError(error, 'articles_version_fresh') || isConstraintError(error, 'claims_version_fresh') || isConstraintError(error, 'UNIQUE constraint failed');
      if (!raced || attempt >= 2) {
        console.warn(JSON.stringify({ level: 'warn', what: 'revision not stored', attempt, error: String((error as Error).message ?? error).slice(0, 300) }));
        if (raced) throw new DomainError('conflict', 'The article kept changing while its new text was stored; nothing was saved. Refresh it again.');
        throw error;
      }
    }
  }
}

type ClaimRow = typeof claims.$inferSelect;

async function writeRevision(db: Db, actor: Actor | null, article: ArticleRow, next: NewText, now: Date): Promise<Written<RefreshResult>> {
  const rows = await db.select().from(claims).where(eq(claims.articleId, article.id)).orderBy(asc(claims.start)).all();
  const placements = reanchor(next.text, rows.map((c) => ({ id: c.id, quote: c.quote, prefix: c.prefix, suffix: c.suffix, start: c.start, end: c.end })));
  const revisionId = newId('rev');
  const detectedAt = now.toISOString();
  const length = codePointLength(next.text);
  // Final place of every claim: where it was found, or parked past the end of the text.
  let parked = length + 1;
  const moves: { id: string; quote: string; prefix: string; suffix: string; start: number; end: number; version: number; bump: number; tc: string | null }[] = [];
  const changes: { row: ClaimRow; placement: Exclude<Placement, { kind: 'moved' }>; change: TextChange }[] = [];
  const count = { moved: 0, changed: 0, gone: 0 };
  placements.forEach((p, i) => {
    const row = rows[i];
    count[p.kind]++;
    let change: TextChange | null = null;
    if (p.kind === 'changed') change = { detectedAt, revisionId, before: row.textChange?.before ?? p.before, after: p.after };
    if (p.kind === 'gone') change = { detectedAt, revisionId, before: row.textChange?.before ?? p.before, after: null };
    // An event (and a version) only when what we know of the claim's words changes: a claim
    // gone in the last revision and still gone is not news.
    const news = change !== null && (row.textChange?.after !== change.after || !row.textChange);
    if (news && change && p.kind !== 'moved') changes.push({ row, placement: p, change });
    const anchor = p.kind === 'gone' ? null : p.anchor;
    const quoteLength = codePointLength(row.quote);
    const start = anchor ? anchor.start : parked;
    const end = anchor ? anchor.end : parked + quoteLength;
    if (!anchor) parked = end + 1;
    moves.push({
      id: row.id,
      quote: anchor ? anchor.quote : row.quote,
      prefix: anchor ? anchor.prefix : row.prefix,
      suffix: anchor ? anchor.suffix : row.suffix,
      start,
      end,
      version: row.version,
      bump: news ? 1 : 0,
      tc: news && change ? JSON.stringify(change) : null,
    });
  });

  const failures = 0;
  const statements: BatchItem<'sqlite'>[] = [
    // The guard: the text we read is still the article's, at the version we read; else -1
    // breaks the version CHECK and the whole batch (revision, claims, events) is dropped.
    db
      .update(articles)
      .set({
        version: sql`CASE WHEN version = ${article.version} AND text_hash = ${article.textHash} THEN version + 1 ELSE -1 END`,
        text: next.text,
        textHash: next.hash,
        updatedAt: detectedAt,
        ...(next.page ? { etag: next.page.etag, lastModified: next.page.lastModified } : {}),
        checkedAt: detectedAt,
        checkResult: 'changed',
        checkError: null,
        checkFailures: failures,
        nextCheckAt: nextCheckFor(article, now, failures),
      })
      .where(eq(articles.id, article.id)),
    db.insert(articleRevisions).values({
      id: revisionId,
      articleId: article.id,
      number: sql`(SELECT COALESCE(MAX(number), 0) + 1 FROM article_revisions WHERE article_id = ${article.id})`,
      text: next.text,
      textHash: next.hash,
      trigger: next.trigger,
      url: next.page?.url ?? null,
      httpStatus: next.page?.status ?? null,
      etag: next.page?.etag ?? null,
      lastModified: next.page?.lastModified ?? null,
      summary: { ...count, changedIds: changes.filter((c) => c.change.after !== null).map((c) => c.row.id), goneIds: changes.filter((c) => c.change.after === null).map((c) => c.row.id) },
      createdBy: actor?.userId ?? null,
      fetchedAt: detectedAt,
    }),
  ];
  if (moves.length) {
    const list = JSON.stringify(moves);
    statements.push(
      // Step 1: every claim out of the way (far past any text), so step 2 can put each on its
      // new span without meeting another claim's old one.
      db.update(claims).set({ start: sql`start + ${PARK}`, end: sql`"end" + ${PARK}` }).where(and(eq(claims.articleId, article.id), sql`${claims.id} IN (SELECT json_extract(value, '$.id') FROM json_each(${list}))`)),
      // Step 2: new spans and context; `textChange` and a version bump where the words changed.
      // A claim edited since we read it breaks the version CHECK: the batch is dropped and retried.
      db
        .update(claims)
        .set({
          quote: sql`j.quote`,
          prefix: sql`j.prefix`,
          suffix: sql`j.suffix`,
          start: sql`j.s`,
          end: sql`j.e`,
          textChange: sql`COALESCE(j.tc, ${claims.textChange})`,
          version: sql`CASE WHEN ${claims.version} = j.v THEN ${claims.version} + j.bump ELSE -1 END`,
          updatedAt: sql`CASE WHEN j.bump = 1 THEN ${detectedAt} ELSE ${claims.updatedAt} END`,
        })
        .from(
          sql`(SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.quote') AS quote, json_extract(value, '$.prefix') AS prefix,
                      json_extract(value, '$.suffix') AS suffix, json_extract(value, '$.start') AS s, json_extract(value, '$.end') AS e,
                      json_extract(value, '$.version') AS v, json_extract(value, '$.bump') AS bump, json_extract(value, '$.tc') AS tc
               FROM json_each(${list})) AS j`,
        )
        .where(sql`${claims.id} = j.id`),
    );
  }
  const summary = { revisionId, textHash: next.hash, trigger: next.trigger, url: next.page?.url ?? null, ...count };
  const eventStatements = [
    eventStatement(db, actor, { action: 'article.revise', entityType: 'article', entityId: article.id, articleId: article.id, before: { textHash: article.textHash }, after: summary }),
    ...changes.map(({ row, change }) =>
      eventStatement(db, actor, {
        action: 'claim.text-change',
        entityType: 'claim',
        entityId: row.id,
        claimId: row.id,
        articleId: article.id,
        before: { quote: row.quote, status: row.status },
        // `public`: readers see this claim, so the editors are told (the after-write step flags it).
        after: { textChange: change, status: row.status, public: isPublic(row) },
      }),
    ),
  ];
  const results = await db.batch([...statements, ...eventStatements] as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  const events = (results.slice(statements.length) as AuditEvent[][]).flat();
  return written({ changed: true, revisionId, claims: count }, events);
}

/** Revisions of an article, newest first, without their text. */
export async function listRevisions(db: Db, articleId: string) {
  const rows = await db
    .select({
      id: articleRevisions.id,
      number: articleRevisions.number,
      textHash: articleRevisions.textHash,
      trigger: articleRevisions.trigger,
      url: articleRevisions.url,
      httpStatus: articleRevisions.httpStatus,
      etag: articleRevisions.etag,
      lastModified: articleRevisions.lastModified,
      summary: articleRevisions.summary,
      fetchedAt: articleRevisions.fetchedAt,
      characters: sql<number>`length(${articleRevisions.text})`,
    })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.number))
    .all();
  return rows;
}

/** One revision with its text. */
export async function getRevision(db: Db, articleId: string, revisionId: string) {
  const row = await db.select().from(articleRevisions).where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.id, revisionId))).get();
  if (!row) throw notFound('revision', revisionId);
  return row;
}

/**
 * The revisions page's read model: the article's page and checks, its revisions, and one of
 * them (the latest unless `number` says) against the one before, paragraph by paragraph,
 * with the claims whose words it changed or removed.
 */
export async function revisionsView(db: Db, article: ArticleRow, number: number | null) {
  const list = await listRevisions(db, article.id);
  const pick = list.find((r) => r.number === number) ?? list[0];
  let shown = null;
  if (pick) {
    const [current, previous] = await Promise.all([
      db.select().from(articleRevisions).where(eq(articleRevisions.id, pick.id)).get(),
      pick.number > 1 ? db.select().from(articleRevisions).where(and(eq(articleRevisions.articleId, article.id), eq(articleRevisions.number, pick.number - 1))).get() : null,
    ]);
    const summary = (current?.summary ?? {}) as { changedIds?: string[]; goneIds?: string[] };
    const ids = [...(summary.changedIds ?? []), ...(summary.goneIds ?? [])];
    const rows = ids.length ? await db.select().from(claims).where(and(eq(claims.articleId, article.id), inArray(claims.id, ids))).all() : [];
    shown = {
      number: pick.number,
      previous: previous ? previous.number : null,
      paragraphs: previous && current ? diffParagraphs(previous.text, current.text) : [],
      claims: rows.map((r) => {
        const tc = r.textChange && r.textChange.revisionId === pick.id ? r.textChange : null;
        return { id: r.id, before: tc?.before ?? r.quote, after: tc ? tc.after : r.quote, status: r.status };
      }),
    };
  }
  return {
    article: { id: article.id, title: article.title, fetchUrl: article.fetchUrl },
    check: { at: article.checkedAt, result: article.checkResult, error: article.checkError, next: article.nextCheckAt },
    revisions: list.map((r) => ({ ...r, summary: r.summary as { moved?: number; changed?: number; gone?: number } | null })),
    shown,
  };
}
