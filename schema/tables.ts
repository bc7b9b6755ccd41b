import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  BOUNDS, CLAIM_KINDS, CLAIM_ORIGINS, CLAIM_STATUSES, FLAG_RESOLUTIONS, RATING_CODES, ROLES, SOURCE_TYPES, sqlList,
} from '../src/domain/vocabulary';
import { DELIVERY_STATUSES, WEBHOOK_KINDS } from '../src/domain/webhooks';
import { CHECK_RESULTS, REVISION_TRIGGERS, type TextChange } from '../src/domain/living';
import { NOTIFICATION_KINDS } from '../src/domain/notifications';

/** ISO 8601 UTC timestamp with milliseconds, computed by SQLite so every row gets one. */
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const timestamp = (name: string) => text(name).notNull().default(now);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull().default('checker'),
    passwordHash: text('password_hash').notNull(),
    passwordSalt: text('password_salt').notNull(),
    passwordIterations: integer('password_iterations').notNull(),
    disabledAt: text('disabled_at'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    check('users_role_check', sql.raw(`role IN (${sqlList(ROLES)})`)),
    check('users_email_lower', sql`email = lower(email)`),
    check('users_version_fresh', sql`version >= 1`),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie value; the cookie itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at'),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** SHA-256 of the secret; the secret is shown once at creation. */
    tokenHash: text('token_hash').notNull(),
    /** First characters of the secret, so people can tell their tokens apart. */
    prefix: text('prefix').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at'),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_unique').on(t.tokenHash),
    index('api_tokens_created_idx').on(t.createdAt),
    check('api_tokens_role_check', sql.raw(`role IN (${sqlList(ROLES)})`)),
  ],
);

/**
 * Sign-in attempts counted in fixed windows, one row per key: `client:<ip>`,
 * `pair:<ip>|<email>` and `address:<email>` (services/auth.ts, "Sign-in throttle"). A row is
 * dead once `expires_at` has passed; sign-in attempts delete dead rows as they go.
 */
export const signInThrottle = sqliteTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    attempts: integer('attempts').notNull().default(0),
    windowStartedAt: text('window_started_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sign_in_throttle_expires_idx').on(t.expiresAt)],
);

export const articles = sqliteTable(
  'articles',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    url: text('url').notNull(),
    title: text('title').notNull(),
    publisher: text('publisher').notNull(),
    author: text('author'),
    publishedAt: text('published_at').notNull(),
    text: text('text').notNull(),
    textHash: text('text_hash').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
    /** The page the article is read from (import, refresh, the schedule); null: nobody follows it. */
    fetchUrl: text('fetch_url'),
    /** HTTP validators of the last fetch of the page, for conditional requests. */
    etag: text('etag'),
    lastModified: text('last_modified'),
    /** The last check of the page: when, what it found, the error when it failed. */
    checkedAt: text('checked_at'),
    checkResult: text('check_result', { enum: CHECK_RESULTS }),
    checkError: text('check_error'),
    /** Failed checks in a row (the retry backs off), and when the schedule looks next. */
    checkFailures: integer('check_failures').notNull().default(0),
    nextCheckAt: text('next_check_at'),
  },
  (t) => [
    uniqueIndex('articles_slug_unique').on(t.slug),
    index('articles_next_check_idx').on(t.nextCheckAt),
    index('articles_fetch_url_idx').on(t.fetchUrl),
    index('articles_url_idx').on(t.url),
    index('articles_created_idx').on(t.createdAt, t.id),
    // The dashboard's publisher filter lists them (issue 17).
    index('articles_publisher_idx').on(t.publisher),
    check('articles_url_http', sql`url LIKE 'http://%' OR url LIKE 'https://%'`),
    check('articles_published_at_format', sql`published_at GLOB '[0-9][0-9][0-9][0-9]*'`),
    check('articles_version_fresh', sql`version >= 1`),
  ],
);

export const claims = sqliteTable(
  'claims',
  {
    id: text('id').primaryKey(),
    articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    quote: text('quote').notNull(),
    prefix: text('prefix').notNull().default(''),
    suffix: text('suffix').notNull().default(''),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    kind: text('kind', { enum: CLAIM_KINDS }).notNull(),
    /** JSON of the kind's value (DESIGN.md, "Claim kinds and values"). */
    value: text('value', { mode: 'json' }).notNull(),
    approximate: integer('approximate', { mode: 'boolean' }).notNull().default(false),
    bound: text('bound', { enum: BOUNDS }),
    subject: text('subject'),
    speaker: text('speaker'),
    /** The claim written as a complete sentence by a checker (at most 74 characters); null: suggested from the article. */
    statement: text('statement'),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('open'),
    origin: text('origin', { enum: CLAIM_ORIGINS }).notNull().default('human'),
    /** True while a machine suggestion has not been accepted by a person. */
    suggested: integer('suggested', { mode: 'boolean' }).notNull().default(false),
    extractorVersion: text('extractor_version'),
    assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    /** The verdict readers see; set on publish, cleared on unpublish. */
    publishedVerdictId: text('published_verdict_id'),
    publishedAt: text('published_at'),
    /** Set when a public claim is unpublished, so its public page can answer 410. */
    unpublishedAt: text('unpublished_at'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
    /** Set when a revision of the article changed or removed the quote (src/domain/living.ts). */
    textChange: text('text_change', { mode: 'json' }).$type<TextChange>(),
    /**
     * When an editor returned the claim to the fact-checkers (the note is on the flag they
     * resolved); cleared when the claim is flagged again, dismissed or published.
     */
    returnedAt: text('returned_at'),
  },
  (t) => [
    uniqueIndex('claims_span_unique').on(t.articleId, t.start, t.end),
    index('claims_article_idx').on(t.articleId, t.start),
    index('claims_status_idx').on(t.status, t.createdAt, t.id),
    index('claims_kind_idx').on(t.kind, t.createdAt, t.id),
    index('claims_assignee_idx').on(t.assigneeId, t.createdAt, t.id),
    index('claims_created_idx').on(t.createdAt, t.id),
    index('claims_public_idx').on(t.articleId, t.publishedVerdictId),
    index('claims_returned_idx').on(t.returnedAt),
    check('claims_kind_check', sql.raw(`kind IN (${sqlList(CLAIM_KINDS)})`)),
    check('claims_status_check', sql.raw(`status IN (${sqlList(CLAIM_STATUSES)})`)),
    check('claims_origin_check', sql.raw(`origin IN (${sqlList(CLAIM_ORIGINS)})`)),
    check('claims_bound_check', sql.raw(`bound IS NULL OR bound IN (${sqlList(BOUNDS)})`)),
    check('claims_span_check', sql`start >= 0 AND "end" > start`),
    check('claims_value_json', sql`json_valid(value)`),
    check('claims_version_fresh', sql`version >= 1`),
  ],
);

export const sources = sqliteTable(
  'sources',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id').notNull().references(() => claims.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    title: text('title').notNull(),
    publisher: text('publisher'),
    type: text('type', { enum: SOURCE_TYPES }).notNull().default('other'),
    excerpt: text('excerpt'),
    accessedAt: text('accessed_at'),
    archivedUrl: text('archived_url'),
    /**
     * Sources are removed softly: readers keep seeing a source that was part of the published
     * fact-check until an editor publishes again (public reads filter on it), reviewers do not.
     */
    deletedAt: text('deleted_at'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('sources_claim_idx').on(t.claimId, t.createdAt),
    check('sources_type_check', sql.raw(`type IN (${sqlList(SOURCE_TYPES)})`)),
    check('sources_url_http', sql`url LIKE 'http://%' OR url LIKE 'https://%'`),
    check('sources_archived_url_http', sql`archived_url IS NULL OR archived_url LIKE 'http://%' OR archived_url LIKE 'https://%'`),
  ],
);

export const verdicts = sqliteTable(
  'verdicts',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id').notNull().references(() => claims.id, { onDelete: 'cascade' }),
    rating: text('rating', { enum: RATING_CODES }).notNull(),
    summary: text('summary').notNull(),
    explanation: text('explanation').notNull().default(''),
    /** The claim's subject and speaker as they stood when this verdict was published (readers see these). */
    claimSubject: text('claim_subject'),
    claimSpeaker: text('claim_speaker'),
    /** The claim's statement, kind, value and qualifiers as they stood when this verdict was published (JSON). */
    claimSnapshot: text('claim_snapshot', { mode: 'json' }),
    /** The figure that is right (same kind and form as the claim's value), with its qualifiers; null when none is given. */
    correctValue: text('correct_value', { mode: 'json' }),
    correctApproximate: integer('correct_approximate', { mode: 'boolean' }).notNull().default(false),
    correctBound: text('correct_bound', { enum: BOUNDS }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    /**
     * The editor who amended the proposed wording at publication (authorId stays the
     * proposer). A users.id without a foreign key: SQLite adds columns with ALTER TABLE only
     * without ON DELETE actions, and accounts are disabled, never deleted.
     */
    editedBy: text('edited_by'),
    /** The proposed verdict this one amends (an editor's edit at publication is a new row). */
    basedOn: text('based_on'),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    index('verdicts_claim_idx').on(t.claimId, t.createdAt),
    check('verdicts_rating_check', sql.raw(`rating IN (${sqlList(RATING_CODES)})`)),
  ],
);

/**
 * The newsroom's identity (one row, id 1): the name, site, logo and corrections contact that
 * public pages, the embed's credit line, ClaimReview `author` and the annotations' `creator`
 * carry. No row: the defaults of `src/services/settings.ts`.
 */
export const settings = sqliteTable(
  'settings',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    url: text('url'),
    logoUrl: text('logo_url'),
    correctionsContact: text('corrections_contact'),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at'),
  },
  () => [
    check('settings_one_row', sql`id = 1`),
    check('settings_version_fresh', sql`version >= 1`),
    check('settings_url_http', sql`url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%'`),
    check('settings_logo_url_http', sql`logo_url IS NULL OR logo_url LIKE 'http://%' OR logo_url LIKE 'https://%'`),
  ],
);

export const flags = sqliteTable(
  'flags',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id').notNull().references(() => claims.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    note: text('note'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at'),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolution: text('resolution', { enum: FLAG_RESOLUTIONS }),
    resolutionNote: text('resolution_note'),
    /** A named editor the claim was flagged to (a users.id; no foreign key, as verdicts.editedBy); null: any editor. */
    editorId: text('editor_id'),
  },
  (t) => [
    index('flags_claim_idx').on(t.claimId, t.createdAt),
    index('flags_open_idx').on(t.resolvedAt, t.createdAt),
    index('flags_editor_idx').on(t.editorId, t.resolvedAt),
    check('flags_resolution_check', sql.raw(`resolution IS NULL OR resolution IN (${sqlList(FLAG_RESOLUTIONS)})`)),
  ],
);

/**
 * The public feed's documents as rendered (issue 15): one row per page of an article's
 * annotation feed (page 0 is the collection, with the first page embedded) for one origin,
 * with its ETag. `stamp` is the id of the newest audit event that changed what the page
 * shows when it was rendered (src/services/feed-pages.ts): a row is served only while that is
 * still the newest, and only by the deployment that rendered it (`renderer`), so it is never
 * stale; rewritten only by a render of a newer stamp. A cache, safe to empty at any time.
 */
export const feedPages = sqliteTable(
  'feed_pages',
  {
    articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    /** The deployment's origin (https://factmark.example): the documents' ids are absolute URLs. */
    origin: text('origin').notNull(),
    page: integer('page').notNull(),
    stamp: integer('stamp').notNull(),
    /** The Worker version that rendered it (a deployment may render differently). */
    renderer: text('renderer').notNull(),
    etag: text('etag').notNull(),
    body: text('body').notNull(),
    renderedAt: timestamp('rendered_at'),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.origin, t.page] }), check('feed_pages_page_check', sql`page >= 0`)],
);

/**
 * The append-only audit trail. No foreign keys on the subject: the trail outlives the
 * records it describes (a deleted article keeps its history).
 */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: timestamp('at'),
    actorUserId: text('actor_user_id'),
    actorTokenId: text('actor_token_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    claimId: text('claim_id'),
    articleId: text('article_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [
    index('events_claim_idx').on(t.claimId, t.id),
    index('events_article_idx').on(t.articleId, t.id),
    index('events_entity_idx').on(t.entityType, t.entityId, t.id),
    // Reads of one kind of event over a period (the dashboard's text changes: src/services/text-change-report.ts).
    index('events_action_idx').on(t.action, t.at),
  ],
);

/**
 * Where events are sent (issue 16). The signing secret is shown once, at creation, and kept
 * encrypted (AES-GCM under the Worker secret WEBHOOK_SECRET_KEY): HMAC signing needs it.
 */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    url: text('url').notNull(),
    kind: text('kind', { enum: WEBHOOK_KINDS }).notNull().default('standard'),
    /** JSON array of webhook event names (src/domain/webhooks.ts). */
    events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
    description: text('description'),
    /** `v1.<iv>.<ciphertext>`; null for Slack endpoints, which are not signed. */
    secretSealed: text('secret_sealed'),
    /** The first characters of the secret, so admins can tell which one a receiver holds. */
    secretPrefix: text('secret_prefix'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Why deliveries stopped, when the system disabled the endpoint (a receiver answering 410 Gone). */
    disabledReason: text('disabled_reason'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('webhook_endpoints_created_idx').on(t.createdAt, t.id),
    check('webhook_endpoints_kind_check', sql.raw(`kind IN (${sqlList(WEBHOOK_KINDS)})`)),
    check('webhook_endpoints_url_http', sql`url LIKE 'http://%' OR url LIKE 'https://%'`),
    check('webhook_endpoints_events_json', sql`json_valid(events)`),
    check('webhook_endpoints_version_fresh', sql`version >= 1`),
  ],
);

/**
 * One event for one endpoint. Its id is the `webhook-id` header, the same on every attempt and
 * redelivery (receivers use it to drop duplicates); `payload` is the body exactly as signed.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    /** The audit row (events.id) the delivery reports. */
    eventId: integer('event_id'),
    payload: text('payload').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: text('last_attempt_at'),
    nextAttemptAt: text('next_attempt_at'),
    deliveredAt: text('delivered_at'),
    createdAt: timestamp('created_at'),
    /**
     * Which queue message may send it: each redelivery (and each sweep of a stuck one) takes the
     * next number and its message carries it; a message with an older number is dropped.
     */
    generation: integer('generation').notNull().default(0),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt, t.id),
    // The sweep of deliveries left pending (`sweepStalledDeliveries`).
    index('webhook_deliveries_status_idx').on(t.status, t.nextAttemptAt),
    check('webhook_deliveries_status_check', sql.raw(`status IN (${sqlList(DELIVERY_STATUSES)})`)),
  ],
);

/** Every attempt at a delivery: when, how long, what the receiver answered (an excerpt, as text). */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: text('delivery_id').notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    /** 1 for the first attempt; redeliveries go on counting. */
    attempt: integer('attempt').notNull(),
    /** `queue` (first try and automatic retries) or `redeliver` (an admin asked). */
    trigger: text('trigger').notNull().default('queue'),
    at: timestamp('at'),
    durationMs: integer('duration_ms').notNull(),
    /** The HTTP status; null when no answer came (timeout, refused, blocked address). */
    statusCode: integer('status_code'),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    error: text('error'),
    responseExcerpt: text('response_excerpt'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

/**
 * Revisions of an article's text: the first one is the text it was created with (pasted or
 * imported), then one per fetch whose text differed. The article's `text` is its latest
 * revision's. A fetch with the same text (or a 304) only updates the article's check columns.
 */
export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: text('id').primaryKey(),
    articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… per article; unique, so of two racing refreshes only one stores its revision. */
    number: integer('number').notNull(),
    text: text('text').notNull(),
    textHash: text('text_hash').notNull(),
    trigger: text('trigger', { enum: REVISION_TRIGGERS }).notNull(),
    /** The URL that answered (after redirects); null for pasted text. */
    url: text('url'),
    httpStatus: integer('http_status'),
    etag: text('etag'),
    lastModified: text('last_modified'),
    /** What re-anchoring did: {moved, changed, gone} claim counts and ids, suggestions added. */
    summary: text('summary', { mode: 'json' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    fetchedAt: timestamp('fetched_at'),
  },
  (t) => [
    uniqueIndex('article_revisions_number_unique').on(t.articleId, t.number),
    check('article_revisions_trigger_check', sql.raw(`"trigger" IN (${sqlList(REVISION_TRIGGERS)})`)),
    check('article_revisions_number_positive', sql`number >= 1`),
  ],
);

/**
 * Discussion on a claim between checkers and editors. Never shown to readers. Deleted
 * softly: the row stays (so the thread shows that something was removed, and by whom) but
 * its body is emptied.
 */
export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id').notNull().references(() => claims.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    /** JSON array of the user ids the comment mentions. */
    mentions: text('mentions', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at'),
    editedAt: text('edited_at'),
    deletedAt: text('deleted_at'),
    deletedBy: text('deleted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('comments_claim_idx').on(t.claimId, t.createdAt),
    check('comments_mentions_json', sql`json_valid(mentions) AND json_type(mentions) = 'array'`),
    check('comments_version_fresh', sql`version >= 1`),
  ],
);

/**
 * A person's inbox: one row per thing that needs them, written after the change that caused
 * it has committed (the after-write step). `id` grows, so the newest id is a cheap ETag.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recipientId: text('recipient_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    claimId: text('claim_id').references(() => claims.id, { onDelete: 'cascade' }),
    articleId: text('article_id').references(() => articles.id, { onDelete: 'cascade' }),
    commentId: text('comment_id'),
    /** The audit event that caused it (events.id). */
    eventId: integer('event_id'),
    actorUserId: text('actor_user_id'),
    actorName: text('actor_name').notNull(),
    /** A short excerpt to show (the editor's note, the flag's reason, the comment's start). */
    excerpt: text('excerpt'),
    createdAt: timestamp('created_at'),
    readAt: text('read_at'),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.recipientId, t.id),
    index('notifications_unread_idx').on(t.recipientId, t.kind, t.claimId).where(sql`read_at IS NULL`),
    // One unread "changed" per person and claim: a burst of edits folds into it (an upsert).
    uniqueIndex('notifications_changed_unread').on(t.recipientId, t.claimId).where(sql`read_at IS NULL AND kind = 'changed'`),
    // No CHECK on kind: new kinds (issues 12, 16) are added in src/domain/notifications.ts
    // alone, without rebuilding this table.
  ],
);

/** Which kinds of notification a person also wants by e-mail (rows only where they chose). */
export const notificationPreferences = sqliteTable(
  'notification_preferences',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    email: integer('email', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * E-mails written instead of sent: in development (`npm start`) and tests the notification
 * e-mails land here and on /app/outbox; production sends them through the send_email binding.
 */
export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    notificationId: integer('notification_id'),
    createdAt: timestamp('created_at'),
  },
  (t) => [index('email_outbox_created_idx').on(t.createdAt)],
);

// --- The dashboard (issue 17) -------------------------------------------------------------
// Counts kept as the work happens, so /app/dashboard reads a few hundred rows, not the claims.
// Triggers on claims, flags and articles keep them (schema/migrations, "dashboard counts"):
// they run inside the write's own transaction, so the counts can never disagree with the
// rows. A migration that rebuilds one of those tables drops its triggers: create them again.

/**
 * Per week (UTC, named by its Monday) and publisher (the article's, at the time): `status`
 * holds the net change in the number of claims in each status (`key`: open, flagged,
 * published, dismissed, or suggested for unaccepted machine suggestions), so the count at
 * the end of a week is the sum up to it; `published` counts publications by rating (`key`),
 * `published_by` by the author of the published verdict (`key`: user id, '' for none).
 */
export const statWeeks = sqliteTable(
  'stat_weeks',
  {
    metric: text('metric').notNull(),
    week: text('week').notNull(),
    publisher: text('publisher').notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.metric, t.week, t.publisher, t.key] })],
);

/** One row per flag settled by publishing: how long it waited, for medians per week. */
export const statTurnaround = sqliteTable(
  'stat_turnaround',
  {
    flagId: text('flag_id').primaryKey(),
    /** The week (its Monday, UTC) it was published. */
    week: text('week').notNull(),
    publisher: text('publisher').notNull(),
    flaggedBy: text('flagged_by'),
    seconds: integer('seconds').notNull(),
  },
  (t) => [
    index('stat_turnaround_week_idx').on(t.week, t.seconds),
    index('stat_turnaround_publisher_idx').on(t.publisher, t.week, t.seconds),
    index('stat_turnaround_person_idx').on(t.flaggedBy, t.week, t.seconds),
  ],
);

/**
 * Reader reach in development and tests (production writes to Workers Analytics Engine):
 * embed page views and popover opens per article and UTC day. No visitor data of any kind.
 */
export const reachDaily = sqliteTable(
  'reach_daily',
  {
    day: text('day').notNull(),
    articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    publisher: text('publisher').notNull(),
    views: integer('views').notNull().default(0),
    opens: integer('opens').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.articleId] }), index('reach_daily_article_idx').on(t.articleId, t.day)],
);
