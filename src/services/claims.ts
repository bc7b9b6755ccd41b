import { and, asc, desc, eq, gt, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { articles, claims, flags, sources, users, verdicts } from '../../schema/tables';
import { insertionOrder, type Db } from '../db';
import { newId } from '../domain/ids';
import { findQuote, normaliseQuote } from '../domain/text';
import type { Bound, ClaimKind, ClaimStatus } from '../domain/vocabulary';
import type { Actor } from '../domain/actor';
import { DomainError, notFound, staleVersion } from '../domain/errors';
import { allowedActions } from '../domain/policy';
import { verdictStanding } from '../domain/verdicts';
import { quoteSentence, suggestStatement } from '../domain/statement';
import { readValueInput } from './value-input';
import { eventStatement, written, type AuditEvent, type Written } from './events';
import { bumpVersionIf, nowSql, runGuarded } from './versioning';
import { fromBase64Url, toBase64Url } from '../auth/crypto';
import type { BatchItem } from 'drizzle-orm/batch';
import type { EventInput } from './events';

export type ClaimRow = typeof claims.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;
export type VerdictRow = typeof verdicts.$inferSelect;
export type FlagRow = typeof flags.$inferSelect;

/** The claim as readers see it, fixed on its verdict when an editor publishes (`verdicts.claim_snapshot`). */
export interface ClaimSnapshot {
  statement: string | null;
  kind: string;
  value: unknown;
  approximate: boolean;
  bound: string | null;
}

export const CLAIM_GUARD = 'claims_version_fresh';

export function serialiseClaim(c: ClaimRow) {
  return {
    id: c.id,
    articleId: c.articleId,
    quote: c.quote,
    prefix: c.prefix,
    suffix: c.suffix,
    start: c.start,
    end: c.end,
    kind: c.kind,
    value: c.value,
    approximate: c.approximate,
    bound: c.bound,
    subject: c.subject,
    speaker: c.speaker,
    statement: c.statement,
    status: c.status,
    origin: c.origin,
    suggested: c.suggested,
    extractorVersion: c.extractorVersion,
    assigneeId: c.assigneeId,
    public: c.publishedVerdictId !== null,
    publishedVerdictId: c.publishedVerdictId,
    publishedAt: c.publishedAt,
    unpublishedAt: c.unpublishedAt,
    /** The article's text changed this claim's words (or removed them) since it was checked: docs/import.md. */
    textChange: c.textChange ?? null,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function serialiseSource(s: SourceRow) {
  return {
    id: s.id, claimId: s.claimId, url: s.url, title: s.title, publisher: s.publisher, type: s.type, excerpt: s.excerpt,
    accessedAt: s.accessedAt, archivedUrl: s.archivedUrl, createdBy: s.createdBy, createdAt: s.createdAt, updatedAt: s.updatedAt,
  };
}

export function serialiseVerdict(v: VerdictRow, authorName?: string | null) {
  return {
    id: v.id, claimId: v.claimId, rating: v.rating, summary: v.summary, explanation: v.explanation,
    correctValue: v.correctValue ?? null, correctApproximate: v.correctApproximate, correctBound: v.correctBound,
    authorId: v.authorId, authorName: authorName ?? null, createdAt: v.createdAt,
  };
}

export function serialiseFlag(f: FlagRow) {
  return {
    id: f.id, claimId: f.claimId, reason: f.reason, note: f.note, createdBy: f.createdBy, createdAt: f.createdAt,
    resolvedAt: f.resolvedAt, resolvedBy: f.resolvedBy, resolution: f.resolution, resolutionNote: f.resolutionNote,
  };
}

/** The editable fields of a claim, as the audit trail records them. */
export function claimFields(c: Pick<ClaimRow, 'kind' | 'value' | 'approximate' | 'bound' | 'subject' | 'speaker' | 'assigneeId' | 'status'> & { statement?: string | null }) {
  return { kind: c.kind, value: c.value, approximate: c.approximate, bound: c.bound, subject: c.subject, speaker: c.speaker, ...(c.statement !== undefined ? { statement: c.statement } : {}), assigneeId: c.assigneeId, status: c.status };
}

export async function getClaimRow(db: Db, id: string): Promise<ClaimRow> {
  const row = await db.select().from(claims).where(eq(claims.id, id)).get();
  if (!row) throw notFound('claim', id);
  return row;
}

/** A claim with everything a reviewer needs: article, sources, verdict history, flags. */
export async function getClaimDetail(db: Db, id: string) {
  const claim = await getClaimRow(db, id);
  const [article, srcs, vs, fs, texts] = await db.batch([
    db.select({ id: articles.id, slug: articles.slug, title: articles.title, url: articles.url, publisher: articles.publisher, publishedAt: articles.publishedAt }).from(articles).where(eq(articles.id, claim.articleId)),
    db.select().from(sources).where(and(eq(sources.claimId, id), isNull(sources.deletedAt))).orderBy(asc(sources.createdAt), insertionOrder('sources', 'asc')),
    db.select({ v: verdicts, authorName: users.name }).from(verdicts).leftJoin(users, eq(users.id, verdicts.authorId)).where(eq(verdicts.claimId, id)).orderBy(desc(verdicts.createdAt), insertionOrder('verdicts', 'desc')),
    db.select().from(flags).where(eq(flags.claimId, id)).orderBy(desc(flags.createdAt), insertionOrder('flags', 'desc')),
    db.select({ text: articles.text }).from(articles).where(eq(articles.id, claim.articleId)),
  ]);
  const history = vs.map((r) => serialiseVerdict(r.v, r.authorName));
  const text = texts[0]?.text ?? '';
  const { latest, published, pendingRevision } = verdictStanding(history, claim.publishedVerdictId);
  return {
    ...serialiseClaim(claim),
    article: article[0] ?? null,
    sources: srcs.map(serialiseSource),
    verdicts: history,
    latestVerdict: latest,
    publishedVerdict: published,
    /** A newer verdict than the one readers see, waiting for an editor. */
    pendingRevision,
    flags: fs.map(serialiseFlag),
    openFlag: fs.map(serialiseFlag).find((f) => f.resolvedAt === null) ?? null,
    /** From the article: the quote's whole sentence, and the statement suggested from it (what readers see while `statement` is null). */
    suggestion: { sentence: quoteSentence(text, claim.start, claim.end, claim.quote), statement: suggestStatement(text, claim.start, claim.end, claim.quote) },
  };
}

/**
 * Every change to a claim or what hangs off it (sources, verdicts, flags) goes through here:
 * one batch that bumps the claim's version if it is still `version`, applies `set` and the
 * extra statements, and writes the event. Stale → `stale-version` and nothing written.
 * Returns the claim as it is now, with the event written.
 */
export async function writeClaim(
  db: Db,
  actor: Actor,
  current: ClaimRow,
  version: number,
  set: { [K in keyof typeof claims.$inferInsert]?: (typeof claims.$inferInsert)[K] | SQL },
  extra: BatchItem<'sqlite'>[],
  event: Omit<EventInput, 'claimId' | 'articleId'>,
): Promise<Written<ClaimRow>> {
  // The rules were checked against `current`; the guard must prove it is that row that changes.
  if (version !== current.version) throw staleVersion('claim', version, current.version);
  const results = await runGuarded('claim', version, CLAIM_GUARD, () =>
    db.batch([
      db.update(claims).set({ ...set, version: bumpVersionIf(version), updatedAt: nowSql }).where(eq(claims.id, current.id)).returning(),
      ...extra,
      // Written only if the claim still exists (its article may have been deleted meanwhile).
      eventStatement(db, actor, { ...event, claimId: current.id, articleId: current.articleId }, { ifClaimExists: current.id }),
    ]),
  );
  const row = (results[0] as ClaimRow[])[0];
  if (!row) throw notFound('claim', current.id);
  return written(row, results[results.length - 1] as AuditEvent[]);
}

export interface ClaimFieldsInput {
  kind: ClaimKind;
  value: unknown;
  approximate?: boolean;
  bound?: Bound | null;
  subject?: string | null;
  speaker?: string | null;
  /** The claim as a sentence; null clears it (the public page then suggests one from the article). */
  statement?: string | null;
  assigneeId?: string | null;
}

async function checkAssignee(db: Db, assigneeId: string | null | undefined) {
  if (!assigneeId) return;
  const u = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.id, assigneeId)).get();
  if (!u || u.disabledAt) throw new DomainError('validation', `No active user with id ${assigneeId} to assign.`, { errors: [{ field: 'assigneeId', message: 'is not an active user' }] });
}

/**
 * Creates a claim on a quote of the article. The server finds the quote in the stored text
 * and records prefix, suffix and code-point offsets; a quote that is absent, or repeated
 * without a `start` to choose, is refused naming the field.
 */
export async function createClaim(
  db: Db,
  actor: Actor,
  articleId: string,
  input: ClaimFieldsInput & { quote: string; start?: number },
  origin: { origin: 'human' | 'machine'; extractorVersion?: string } = { origin: 'human' },
) {
  const article = await db.select({ id: articles.id, text: articles.text, publishedAt: articles.publishedAt }).from(articles).where(or(eq(articles.id, articleId), eq(articles.slug, articleId))).get();
  if (!article) throw notFound('article', articleId);
  const found = findQuote(article.text, normaliseQuote(input.quote), input.start);
  if (!found.ok) {
    const messages = {
      empty: ['quote', 'is empty'],
      'not-found': ['quote', 'does not occur in the article text'],
      ambiguous: ['start', `is needed: the quote occurs ${found.starts.length} times (at code points ${found.starts.slice(0, 10).join(', ')})`],
      'position-mismatch': ['start', `does not begin an occurrence of the quote (it occurs at ${found.starts.slice(0, 10).join(', ')})`],
    } as const;
    const [field, message] = messages[found.reason];
    throw new DomainError('quote-not-anchored', `The claim could not be anchored: ${field} ${message}.`, { errors: [{ field, message }], extensions: { occurrences: found.starts } });
  }
  const read = readValueInput(input.kind, input.value, article.publishedAt);
  await checkAssignee(db, input.assigneeId);
  const existing = await db.select({ id: claims.id }).from(claims).where(and(eq(claims.articleId, article.id), eq(claims.start, found.anchor.start), eq(claims.end, found.anchor.end))).get();
  if (existing) throw new DomainError('claim-exists', `A claim on this span already exists (${existing.id}).`, { extensions: { claimId: existing.id } });
  const row = {
    id: newId('clm'),
    articleId: article.id,
    ...found.anchor,
    kind: input.kind,
    value: read.value,
    // What the request says wins; else what the words said ("about 80,000 somoni").
    approximate: input.approximate ?? read.qualifiers?.approximate ?? false,
    bound: input.bound !== undefined ? input.bound : (read.qualifiers?.bound ?? null),
    subject: input.subject ?? read.subject ?? null,
    speaker: input.speaker ?? null,
    statement: input.statement ?? null,
    assigneeId: input.assigneeId ?? null,
    origin: origin.origin,
    suggested: origin.origin === 'machine',
    extractorVersion: origin.extractorVersion ?? null,
    createdBy: actor.userId,
  };
  const [inserted, events] = await db.batch([
    db.insert(claims).values(row).returning(),
    eventStatement(db, actor, { action: 'claim.create', entityType: 'claim', entityId: row.id, claimId: row.id, articleId: article.id, after: { quote: row.quote, start: row.start, end: row.end, ...claimFields({ ...row, status: 'open' }) } }),
  ]);
  return written(inserted[0], events);
}

export type ClaimPatch = Partial<ClaimFieldsInput>;

export async function updateClaim(db: Db, actor: Actor, id: string, version: number, patch: ClaimPatch) {
  const current = await getClaimRow(db, id);
  const kind = patch.kind ?? current.kind;
  const next: Record<string, unknown> = {};
  if (patch.kind !== undefined || patch.value !== undefined) {
    // Without a new value the old one must fit the (new) kind; a null value is checked, not ignored.
    next.kind = kind;
    const publishedAt = patch.value === undefined ? null : (await db.select({ p: articles.publishedAt }).from(articles).where(eq(articles.id, current.articleId)).get())?.p;
    const read = readValueInput(kind, patch.value === undefined ? current.value : patch.value, publishedAt);
    next.value = read.value;
    // A value in words says its own qualifiers (and clears those it does not say).
    if (read.qualifiers) Object.assign(next, read.qualifiers);
    if (read.subject && !current.subject && patch.subject === undefined) next.subject = read.subject;
    // The figure was brought in line with the page: the article's change is dealt with.
    if (current.textChange) next.textChange = null;
  }
  for (const key of ['approximate', 'bound', 'subject', 'speaker', 'statement', 'assigneeId'] as const) {
    if (patch[key] !== undefined) next[key] = patch[key];
  }
  if (patch.assigneeId) await checkAssignee(db, patch.assigneeId);
  const before = claimFields(current);
  return writeClaim(db, actor, current, version, next, [], { action: 'claim.update', entityType: 'claim', entityId: id, before, after: { ...before, ...next } });
}

/** A person takes a machine suggestion as a claim to work on (and is assigned to it). */
export async function acceptSuggestion(db: Db, actor: Actor, id: string, version: number) {
  const current = await getClaimRow(db, id);
  if (!allowedActions(current, actor.role).includes('accept')) throw new DomainError('not-a-suggestion', 'This claim is not a pending machine suggestion.');
  return writeClaim(db, actor, current, version, { suggested: false, assigneeId: current.assigneeId ?? actor.userId }, [], {
    action: 'claim.accept', entityType: 'claim', entityId: id, before: { suggested: true, assigneeId: current.assigneeId }, after: { suggested: false, assigneeId: current.assigneeId ?? actor.userId },
  });
}

export interface ClaimFilters {
  status?: ClaimStatus;
  kind?: ClaimKind;
  article?: string;
  assignee?: string;
  q?: string;
  suggested?: boolean;
  public?: boolean;
  order?: 'recent' | 'position';
  cursor?: string;
  limit: number;
}

function encodeKey(key: string | number, id: string) {
  return toBase64Url(new TextEncoder().encode(JSON.stringify([key, id])));
}

function decodeKey(cursor: string): [string | number, string] {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(fromBase64Url(cursor)));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string' && ['string', 'number'].includes(typeof parsed[0])) return parsed as [string | number, string];
  } catch {
    // reported below
  }
  throw new DomainError('validation', 'The cursor is not one this API gave out.', { errors: [{ field: 'cursor', message: 'is not a cursor from a previous page' }] });
}

/**
 * Claims by filters, keyset-paginated: newest first by default, or in text order within
 * one article (`order=position`).
 */
export async function listClaims(db: Db, f: ClaimFilters, actor: Actor | null) {
  const { where, orderBy, cursorOf } = await claimListQuery(db, f, actor);
  const rows = await db.select().from(claims).where(where).orderBy(...orderBy).limit(f.limit + 1).all();
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { items: page.map(serialiseClaim), nextCursor: rows.length > f.limit && last ? cursorOf(last) : null };
}

/**
 * The claims list's filters (and `f.cursor`'s keyset condition) as SQL, its order, and the
 * cursor of a row: the list and the claims export read with the same. Only `f.article` costs
 * a query (its id or slug is looked up).
 */
export async function claimListQuery(db: Db, f: Omit<ClaimFilters, 'limit'>, actor: Actor | null) {
  const conds: (SQL | undefined)[] = [];
  if (f.status) conds.push(eq(claims.status, f.status));
  if (f.kind) conds.push(eq(claims.kind, f.kind));
  if (f.article) {
    const a = await db.select({ id: articles.id }).from(articles).where(or(eq(articles.id, f.article), eq(articles.slug, f.article))).get();
    conds.push(eq(claims.articleId, a?.id ?? f.article));
  }
  if (f.assignee === 'none') conds.push(isNull(claims.assigneeId));
  else if (f.assignee) conds.push(eq(claims.assigneeId, f.assignee === 'me' ? (actor?.userId ?? '') : f.assignee));
  if (f.q) {
    const q = f.q.toLowerCase();
    conds.push(sql`(instr(lower(${claims.quote}), ${q}) > 0 OR instr(lower(coalesce(${claims.subject}, '')), ${q}) > 0 OR instr(lower(coalesce(${claims.speaker}, '')), ${q}) > 0)`);
  }
  if (f.suggested !== undefined) conds.push(eq(claims.suggested, f.suggested));
  if (f.public !== undefined) conds.push(f.public ? isNotNull(claims.publishedVerdictId) : isNull(claims.publishedVerdictId));
  const byPosition = f.order === 'position';
  if (f.cursor) {
    const [key, id] = decodeKey(f.cursor);
    conds.push(
      byPosition
        ? or(gt(claims.start, Number(key)), and(eq(claims.start, Number(key)), gt(claims.id, id)))
        : or(lt(claims.createdAt, String(key)), and(eq(claims.createdAt, String(key)), lt(claims.id, id))),
    );
  }
  return {
    where: conds.length ? and(...conds) : undefined,
    orderBy: byPosition ? [asc(claims.start), asc(claims.id)] : [desc(claims.createdAt), desc(claims.id)],
    cursorOf: (row: Pick<ClaimRow, 'start' | 'createdAt' | 'id'>) => encodeKey(byPosition ? row.start : row.createdAt, row.id),
  };
}
