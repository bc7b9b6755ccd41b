import { aliasedTable, and, asc, desc, eq, exists, gt, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { articles, claims, flags, sources, users, verdicts } from '../../schema/tables';
import { inListChunks, insertionOrder, type Db } from '../db';
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
import { matchesSearch, readSearch } from './search';
import { suggestSubjectAndSpeaker } from '../extract';

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
    /** An editor returned it to the fact-checkers and nobody has flagged it again since. */
    returned: c.returnedAt !== null,
    returnedAt: c.returnedAt,
  };
}

export function serialiseSource(s: SourceRow) {
  return {
    id: s.id, claimId: s.claimId, url: s.url, title: s.title, publisher: s.publisher, type: s.type, excerpt: s.excerpt,
    accessedAt: s.accessedAt, archivedUrl: s.archivedUrl, createdBy: s.createdBy, createdAt: s.createdAt, updatedAt: s.updatedAt,
  };
}

/** A verdict with its proposer (`author*`) and, when an editor amended it at publication, the editor (`editedBy*`). */
export function serialiseVerdict(v: VerdictRow, authorName?: string | null, editedByName?: string | null) {
  return {
    id: v.id, claimId: v.claimId, rating: v.rating, summary: v.summary, explanation: v.explanation,
    correctValue: v.correctValue ?? null, correctApproximate: v.correctApproximate, correctBound: v.correctBound,
    authorId: v.authorId, authorName: authorName ?? null,
    editedBy: v.editedBy, editedByName: editedByName ?? null, basedOn: v.basedOn, createdAt: v.createdAt,
  };
}

/** A flag, with the names of who raised it, who it was addressed to and who settled it, where known. */
export function serialiseFlag(f: FlagRow, names: { createdByName?: string | null; editorName?: string | null; resolvedByName?: string | null } = {}) {
  return {
    id: f.id, claimId: f.claimId, reason: f.reason, note: f.note, createdBy: f.createdBy, createdByName: names.createdByName ?? null, createdAt: f.createdAt,
    editorId: f.editorId, editorName: names.editorName ?? null,
    resolvedAt: f.resolvedAt, resolvedBy: f.resolvedBy, resolvedByName: names.resolvedByName ?? null, resolution: f.resolution, resolutionNote: f.resolutionNote,
  };
}

const editorUser = aliasedTable(users, 'editor_user');
const flagUser = aliasedTable(users, 'flag_user');
const resolverUser = aliasedTable(users, 'resolver_user');

/** Flags with the names of the people on them, for the claim panel and the queue. */
export function flagsWithNames(db: Db, where: SQL | undefined) {
  return db
    // Named apart: D1 batches answer rows as objects, where three `name` columns would collide.
    .select({ f: flags, createdByName: sql<string | null>`${flagUser.name}`.as('flag_user_name'), editorName: sql<string | null>`${editorUser.name}`.as('editor_user_name'), resolvedByName: sql<string | null>`${resolverUser.name}`.as('resolver_user_name') })
    .from(flags)
    .leftJoin(flagUser, eq(flagUser.id, flags.createdBy))
    .leftJoin(editorUser, eq(editorUser.id, flags.editorId))
    .leftJoin(resolverUser, eq(resolverUser.id, flags.resolvedBy))
    .where(where);
}

/** The editor's return of a claim as people read it: the note, who wrote it and when. */
export function returnOf(claim: Pick<ClaimRow, 'returnedAt'>, fs: ReturnType<typeof serialiseFlag>[]) {
  if (!claim.returnedAt) return null;
  const f = fs.find((x) => x.resolution === 'returned' && x.resolvedAt === claim.returnedAt) ?? fs.find((x) => x.resolution === 'returned');
  return f ? { note: f.resolutionNote, by: f.resolvedBy, byName: f.resolvedByName, at: claim.returnedAt } : { note: null, by: null, byName: null, at: claim.returnedAt };
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
  const [article, srcs, vs, fsRows, texts] = await db.batch([
    db.select({ id: articles.id, slug: articles.slug, title: articles.title, url: articles.url, publisher: articles.publisher, publishedAt: articles.publishedAt }).from(articles).where(eq(articles.id, claim.articleId)),
    db.select().from(sources).where(and(eq(sources.claimId, id), isNull(sources.deletedAt))).orderBy(asc(sources.createdAt), insertionOrder('sources', 'asc')),
    db.select({ v: verdicts, authorName: sql<string | null>`${users.name}`.as('author_name'), editedByName: sql<string | null>`${editorUser.name}`.as('edited_by_name') }).from(verdicts).leftJoin(users, eq(users.id, verdicts.authorId)).leftJoin(editorUser, eq(editorUser.id, verdicts.editedBy)).where(eq(verdicts.claimId, id)).orderBy(desc(verdicts.createdAt), insertionOrder('verdicts', 'desc')),
    flagsWithNames(db, eq(flags.claimId, id)).orderBy(desc(flags.createdAt), insertionOrder('flags', 'desc')),
    db.select({ text: articles.text }).from(articles).where(eq(articles.id, claim.articleId)),
  ]);
  const history = vs.map((r) => serialiseVerdict(r.v, r.authorName, r.editedByName));
  const text = texts[0]?.text ?? '';
  const { latest, published, pendingRevision } = verdictStanding(history, claim.publishedVerdictId);
  const fs = fsRows.map((r) => serialiseFlag(r.f, r));
  return {
    ...serialiseClaim(claim),
    article: article[0] ?? null,
    sources: srcs.map(serialiseSource),
    verdicts: history,
    latestVerdict: latest,
    publishedVerdict: published,
    /** A newer verdict than the one readers see, waiting for an editor. */
    pendingRevision,
    flags: fs,
    openFlag: fs.find((f) => f.resolvedAt === null) ?? null,
    /** The editor's note, author and time while the claim is returned; null otherwise. */
    returnedBy: returnOf(claim, fs),
    /** From the article: the quote's whole sentence, and the statement suggested from it (what readers see while `statement` is null). */
    suggestion: { sentence: quoteSentence(text, claim.start, claim.end, claim.quote), statement: suggestStatement(text, claim.start, claim.end, claim.quote) },
  };
}

export type ClaimSet = { [K in keyof typeof claims.$inferInsert]?: (typeof claims.$inferInsert)[K] | SQL };
export type ClaimEvent = Omit<EventInput, 'claimId' | 'articleId'>;

/**
 * What one change to a claim writes, besides bumping its version: built from the claim as
 * read (after the rules were checked against it), then run by `writeClaim` for one claim or
 * by `writeClaims` for many (bulk actions). `extra` builds the statements on other tables;
 * it gets a guard (true only while the claim is still at the version the plan was built
 * from) that bulk batches put in their WHERE clauses.
 */
export interface ClaimPlan {
  set: ClaimSet;
  extra?: (guard: SQL | undefined) => BatchItem<'sqlite'>[];
  /** The audit events, in the order they happened (most changes have one). */
  events: ClaimEvent[];
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
  set: ClaimSet,
  extra: BatchItem<'sqlite'>[],
  event: ClaimEvent | ClaimEvent[],
): Promise<Written<ClaimRow>> {
  return writePlan(db, actor, current, version, { set, extra: () => extra, events: Array.isArray(event) ? event : [event] });
}

/** `writeClaim` for a plan. */
export async function writePlan(db: Db, actor: Actor, current: ClaimRow, version: number, plan: ClaimPlan): Promise<Written<ClaimRow>> {
  // The rules were checked against `current`; the guard must prove it is that row that changes.
  if (version !== current.version) throw staleVersion('claim', version, current.version);
  // Written only if the claim still exists (its article may have been deleted meanwhile).
  const eventStatements = plan.events.map((e) => eventStatement(db, actor, { ...e, claimId: current.id, articleId: current.articleId }, { ifClaimExists: current.id }));
  const results = await runGuarded('claim', version, CLAIM_GUARD, () =>
    db.batch([
      db.update(claims).set({ ...plan.set, version: bumpVersionIf(version), updatedAt: nowSql }).where(eq(claims.id, current.id)).returning(),
      ...(plan.extra?.(undefined) ?? []),
      ...eventStatements,
    ]),
  );
  const row = (results[0] as ClaimRow[])[0];
  if (!row) throw notFound('claim', current.id);
  return written(row, results.slice(results.length - eventStatements.length).flat() as AuditEvent[]);
}

export interface PlannedWrite {
  current: ClaimRow;
  version: number;
  plan: ClaimPlan;
}

/**
 * Many claims changed in ONE batch, each guarded by its own version: every statement of an
 * item carries "while this claim is still at the version read", and the item's claim row is
 * updated last, so an item that another request changed in between writes nothing at all
 * (no row, no event) while the others go through. `applied` holds the items that were
 * written; the rest lost a race and are stale. The batch is atomic as a whole: if it fails
 * (a constraint), nothing of it was written and the caller may retry item by item.
 */
export async function writeClaims(db: Db, actor: Actor, entries: PlannedWrite[]): Promise<{ applied: Map<string, ClaimRow>; events: AuditEvent[] }> {
  const applied = new Map<string, ClaimRow>();
  if (!entries.length) return { applied, events: [] };
  const statements: BatchItem<'sqlite'>[] = [];
  const eventSlots: number[] = [];
  const updateSlots: number[] = [];
  for (const { current, version, plan } of entries) {
    const still = and(eq(claims.id, current.id), eq(claims.version, version));
    const guard = exists(db.select({ one: sql`1` }).from(claims).where(still));
    statements.push(...(plan.extra?.(guard) ?? []));
    for (const e of plan.events) {
      eventSlots.push(statements.length);
      statements.push(eventStatement(db, actor, { ...e, claimId: current.id, articleId: current.articleId }, { onlyIf: { table: claims, where: still } }));
    }
    updateSlots.push(statements.length);
    statements.push(db.update(claims).set({ ...plan.set, version: version + 1, updatedAt: nowSql }).where(still).returning());
  }
  const [first, ...rest] = statements;
  const results = (await db.batch([first, ...rest])) as unknown[];
  for (const slot of updateSlots) {
    const row = (results[slot] as ClaimRow[])[0];
    if (row) applied.set(row.id, row);
  }
  return { applied, events: eventSlots.flatMap((slot) => results[slot] as AuditEvent[]) };
}

/** Claims by id, read in slices D1 can bind. */
export async function claimRows(db: Db, ids: string[]): Promise<Map<string, ClaimRow>> {
  const out = new Map<string, ClaimRow>();
  for (const chunk of inListChunks(ids)) for (const r of await db.select().from(claims).where(inArray(claims.id, chunk)).all()) out.set(r.id, r);
  return out;
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

export async function checkAssignee(db: Db, assigneeId: string | null | undefined) {
  if (!assigneeId) return;
  const u = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.id, assigneeId)).get();
  if (!u || u.disabledAt) throw new DomainError('validation', `No active user with id ${assigneeId} to assign.`, { errors: [{ field: 'assigneeId', message: 'is not an active user' }] });
}

/**
 * Creates a claim on a quote of the article. The server finds the quote in the stored text
 * and records prefix, suffix and code-point offsets; a quote that is absent, or repeated
 * without a `start` to choose, is refused naming the field.
 */
/** The caller's subject and speaker; where both are left out, the extractor's suggestions from the sentence. */
function whoOf(text: string, start: number, end: number, input: ClaimFieldsInput, fromValue?: string) {
  if (input.subject !== undefined || input.speaker !== undefined) return { subject: input.subject ?? fromValue ?? null, speaker: input.speaker ?? null };
  const suggested = suggestSubjectAndSpeaker(text, start, end, input.kind);
  return { subject: fromValue ?? suggested.subject ?? null, speaker: suggested.speaker ?? null };
}

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
    // Who and what the figure is about: the caller's, else what the value's words name, else
    // suggested from its sentence (a checker can change them).
    ...whoOf(article.text, found.anchor.start, found.anchor.end, input, read.subject),
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
  return writePlan(db, actor, current, version, planUpdate(current, next));
}

/** An edit of the claim's own fields (`next`: the fields that change, checked). */
export function planUpdate(current: ClaimRow, next: ClaimSet & Record<string, unknown>): ClaimPlan {
  const before = claimFields(current);
  return { set: next, events: [{ action: 'claim.update', entityType: 'claim', entityId: current.id, before, after: { ...before, ...next } }] };
}

/** Null when `actor` may accept `current` now; else why not. */
export function acceptRefusal(current: ClaimRow, actor: Actor): DomainError | null {
  return allowedActions(current, actor.role).includes('accept') ? null : new DomainError('not-a-suggestion', 'This claim is not a pending machine suggestion.');
}

/** A person takes a machine suggestion as a claim to work on (and is assigned to it). */
export function planAccept(current: ClaimRow, actor: Actor): ClaimPlan {
  const assigneeId = current.assigneeId ?? actor.userId;
  return {
    set: { suggested: false, assigneeId },
    events: [{ action: 'claim.accept', entityType: 'claim', entityId: current.id, before: { suggested: true, assigneeId: current.assigneeId }, after: { suggested: false, assigneeId } }],
  };
}

export async function acceptSuggestion(db: Db, actor: Actor, id: string, version: number) {
  const current = await getClaimRow(db, id);
  const refusal = acceptRefusal(current, actor);
  if (refusal) throw refusal;
  return writePlan(db, actor, current, version, planAccept(current, actor));
}

export interface ClaimFilters {
  status?: ClaimStatus;
  kind?: ClaimKind;
  article?: string;
  assignee?: string;
  q?: string;
  suggested?: boolean;
  public?: boolean;
  /** Returned by an editor and not flagged again yet. */
  returned?: boolean;
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
  // The search index (quote, sentence, subject, speaker, published verdict), the other filters kept.
  if (f.q) conds.push(matchesSearch('claims', sql`${claims}.rowid`, readSearch(f.q)));
  if (f.suggested !== undefined) conds.push(eq(claims.suggested, f.suggested));
  if (f.public !== undefined) conds.push(f.public ? isNotNull(claims.publishedVerdictId) : isNull(claims.publishedVerdictId));
  if (f.returned !== undefined) conds.push(f.returned ? isNotNull(claims.returnedAt) : isNull(claims.returnedAt));
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
