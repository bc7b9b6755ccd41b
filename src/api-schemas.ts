import * as z from 'zod';
import { BOUNDS, CLAIM_KINDS, CLAIM_STATUSES, RATING_CODES, ROLES, SOURCE_TYPES } from './domain/vocabulary';
import { partialDate } from './domain/claim-values';
import { isEmailAddress, isHttpUrl } from './domain/urls';
import { DELIVERY_STATUSES, WEBHOOK_EVENTS, WEBHOOK_KINDS } from './domain/webhooks';
import { STATEMENT_MAX, statementProblem } from './domain/statement';
import { BULK_ACTION_NAMES, MAX_BULK_ITEMS } from './domain/bulk';
import { MAX_COMMENT_LENGTH, MAX_MENTIONS } from './domain/discussion';
import { NOTIFICATION_KINDS } from './domain/notifications';

/**
 * Request schemas of the JSON API. The routes validate with them and the OpenAPI document
 * is generated from them, so the contract and the checks are the same object.
 */

/** Something a reader can see: not only spaces and invisible format characters (zero-width space, BOM…). */
const hasVisible = (s: string) => /[^\s\p{Cf}]/u.test(s);
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty', abort: true }) // one message for an empty field, not two
    .max(max, `must be at most ${max} characters`)
    .refine(hasVisible, 'must contain visible characters');
/** Absent stays absent (an update leaves the field alone); "", null and invisible-only text clear it. */
const optionalText = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).nullish().transform((v) => (v === undefined ? undefined : v && hasVisible(v) ? v : null));
/**
 * Stored in the WHATWG URL's own spelling (lower-case host, punycode, percent-encoded path,
 * no default port), which is what browsers report for a page: so `/annotations?url=` finds
 * an article by the URL the embed sees, however the newsroom typed it.
 */
export const httpUrl = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine(isHttpUrl, 'must be an http:// or https:// URL')
  .transform((v) => new URL(v).href)
  // Non-ASCII characters grow threefold or more when percent-encoded: the limit is on what is stored.
  .pipe(z.string().max(2048, 'must be at most 2048 characters once percent-encoded'));
const version = z.number().int().positive();

export const MAX_ARTICLE_TEXT = 500_000; // characters; about 80 000 words

export const Login = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) }).strict();

export const CreateArticle = z
  .object({
    title: text(300),
    url: httpUrl,
    publisher: text(200),
    author: optionalText(200),
    publishedAt: partialDate,
    text: z.string().min(1, 'must not be empty').max(MAX_ARTICLE_TEXT, `must be at most ${MAX_ARTICLE_TEXT} characters`),
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens').max(80).optional(),
    extract: z.boolean().optional().describe('Run the claim extractor and store its candidates (default true).'),
  })
  .strict();

export const ImportArticle = z
  .object({
    url: httpUrl.describe('The article\u2019s page on the publisher\u2019s site (http or https).'),
    title: text(300).optional().describe('Overrides the headline the page states.'),
    publisher: text(200).optional(),
    author: optionalText(200),
    publishedAt: partialDate.optional().describe('Overrides the date the page states (YYYY, YYYY-MM or YYYY-MM-DD).'),
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens').max(80).optional(),
    extract: z.boolean().optional().describe('Run the claim extractor and store its candidates (default true).'),
  })
  .strict();

export const UpdateArticle = z
  .object({
    title: text(300).optional(),
    url: httpUrl.optional(),
    publisher: text(200).optional(),
    author: optionalText(200),
    publishedAt: partialDate.optional(),
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens').max(80).optional(),
    fetchUrl: httpUrl.nullable().optional().describe('The page the article is read from; the schedule follows it (null: stop following).'),
    version: version.optional(),
  })
  .strict();

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
});

/**
 * A claim's statement: one line, at most STATEMENT_MAX characters (Google's limit for
 * ClaimReview's claimReviewed); "" or null clears it.
 */
const statement = z
  .string()
  .nullish()
  .transform((v) => (v === undefined ? undefined : v && hasVisible(v) ? v.trim() : null))
  .superRefine((v, ctx) => {
    const problem = v ? statementProblem(v) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(`The claim written as one complete sentence (at most ${STATEMENT_MAX} characters: Google's limit for ClaimReview's claimReviewed). Null or "" clears it; the public page then suggests one from the article.`);

/** How the API takes a claim's value (the operations' description in the reference). */
export const VALUE_IN_WORDS =
  '`value` takes the machine form of its kind (`"P12Y"`, `{"amount": 80000, "currency": "TJS"}`) or words (`"12 to 15 years"`, `"about 80,000 somoni"`, `"last November"`), read by the extractor\u2019s parsers: both store the same. Qualifiers in the words set `approximate`/`bound` unless sent; unreadable words answer 422 naming `value`. `POST /values/read` previews.';

const VALUE_DESCRIPTION = 'The machine form of the kind, or words ("12 to 15 years", "about 80,000 somoni"): see the operation.';

const claimFields = {
  statement,
  approximate: z.boolean().optional(),
  bound: z.enum(BOUNDS).nullish(),
  subject: optionalText(200),
  speaker: optionalText(200),
  /** A user id; null or "" leaves the claim with nobody. */
  assigneeId: z.string().max(64).nullish().transform((v) => (v === '' ? null : v)),
};

export const CreateClaim = z
  .object({
    quote: z.string().min(1, { error: 'must not be empty', abort: true }).max(2000).refine(hasVisible, 'must contain visible characters'),
    start: z.number().int().nonnegative().optional(),
    kind: z.enum(CLAIM_KINDS),
    value: z.unknown().refine((v) => v !== undefined, 'is required').describe(VALUE_DESCRIPTION),
    ...claimFields,
  })
  .strict();

export const UpdateClaim = z
  .object({ kind: z.enum(CLAIM_KINDS).optional(), value: z.unknown().optional().describe(VALUE_DESCRIPTION), ...claimFields, version: version.optional() })
  .strict();

export const ClaimListQuery = ListQuery.extend({
  status: z.enum(CLAIM_STATUSES).optional(),
  kind: z.enum(CLAIM_KINDS).optional(),
  article: z.string().max(100).optional(),
  assignee: z.string().max(64).optional().describe('A user id, "me" or "none".'),
  suggested: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  returned: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true: claims an editor returned and nobody has flagged again yet (the "Returned" status of the UI); false: the others.'),
  order: z.enum(['recent', 'position']).default('recent'),
});

export const VersionOnly = z.object({ version: version.optional() }).strict();

const sourceFields = {
  url: httpUrl,
  title: text(300),
  publisher: optionalText(200),
  type: z.enum(SOURCE_TYPES).optional(),
  excerpt: optionalText(5000),
  accessedAt: partialDate.nullish(),
  archivedUrl: httpUrl.nullish(),
};

export const CreateSource = z.object({ ...sourceFields, version: version.optional() }).strict();
export const UpdateSource = z
  .object({
    url: sourceFields.url.optional(),
    title: sourceFields.title.optional(),
    publisher: sourceFields.publisher,
    type: sourceFields.type,
    excerpt: sourceFields.excerpt,
    accessedAt: sourceFields.accessedAt,
    archivedUrl: sourceFields.archivedUrl,
    version: version.optional(),
  })
  .strict();

export const CreateVerdict = z
  .object({
    rating: z.enum(RATING_CODES),
    summary: text(500),
    explanation: z.string().trim().max(20_000).optional(),
    correctValue: z
      .unknown()
      .optional()
      .describe('The figure that is right, in the claim\u2019s kind, machine form or words like `value` ("10 years"); readers see "Claimed: 12 years · Actually: 10 years". Null or absent: none.'),
    correctApproximate: z.boolean().optional(),
    correctBound: z.enum(BOUNDS).nullish(),
    version: version.optional(),
  })
  .strict();

export const FlagClaim = z
  .object({
    reason: text(500),
    note: optionalText(2000),
    editorId: z.string().max(64).nullish().transform((v) => (v === '' ? null : v)).describe('A named editor (or admin) to flag it to; absent or null: any editor.'),
    version: version.optional(),
  })
  .strict();
export const PublishClaim = z
  .object({
    version: version.optional(),
    verdict: z
      .object({ summary: text(500).optional(), explanation: z.string().trim().max(20_000).optional() })
      .strict()
      .optional()
      .describe('An editor’s amendment of the proposed wording: published as a new verdict crediting both the proposer and the editor, and shown in the history. Left out (or the same wording): the proposal is published as it is.'),
  })
  .strict();
export const QueueQuery = z.object({ to: z.enum(['me']).optional().describe('me: only claims flagged to you by name.') });
export const ReturnClaim = z.object({ note: text(2000), version: version.optional() }).strict();
export const NoteOptional = z.object({ note: optionalText(2000), version: version.optional() }).strict();

export const CreateUser = z
  .object({ email: z.email('must be an e-mail address').max(320), name: text(200), role: z.enum(ROLES), password: z.string().min(12, 'must be at least 12 characters').max(1024) })
  .strict();
export const UpdateUser = z
  .object({
    name: text(200).optional(),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
    version: version.optional(),
  })
  .strict();
export const CreateToken = z.object({ name: text(100), role: z.enum(ROLES) }).strict();

export const MAX_EXTRACT_TEXT = 1_000_000; // characters
export const Extract = z
  .object({ text: z.string().describe(`At most ${MAX_EXTRACT_TEXT} characters (413 beyond).`), publishedAt: partialDate.optional() })
  .strict();

export const IdParam = z.object({ id: z.string().min(1).max(100) });

// Connections (issue 16): webhooks and exports.

const webhookEvents = z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'must name at least one event').max(WEBHOOK_EVENTS.length * 2);

export const CreateWebhook = z
  .object({
    url: httpUrl.describe('https:// in production; loopback addresses only in development and tests'),
    events: webhookEvents,
    kind: z.enum(WEBHOOK_KINDS).default('standard').describe('standard: signed JSON (Standard Webhooks); slack: a Slack incoming-webhook message'),
    description: optionalText(200),
  })
  .strict();

export const UpdateWebhook = z
  .object({
    url: httpUrl.optional(),
    events: webhookEvents.optional(),
    description: optionalText(200),
    active: z.boolean().optional(),
    rotateSecret: z.boolean().optional().describe('A new signing secret, in this answer only; the old one stops at once'),
    version: version.optional(),
  })
  .strict();

const contact = z
  .string()
  .trim()
  .max(320, 'must be at most 320 characters')
  .refine((v) => isHttpUrl(v) || isEmailAddress(v), 'must be an e-mail address or an http:// or https:// URL');

/** The newsroom's identity (admins). Null or "" clears an optional field. */
export const UpdateSettings = z
  .object({
    name: text(120).optional(),
    url: httpUrl.nullish().or(z.literal('').transform(() => null)),
    logoUrl: httpUrl.nullish().or(z.literal('').transform(() => null)),
    correctionsContact: contact.nullish().or(z.literal('').transform(() => null)).describe('An e-mail address or a URL.'),
    version: version.optional(),
  })
  .strict();

export const DeliveryListQuery = ListQuery.omit({ q: true }).extend({ status: z.enum(DELIVERY_STATUSES).optional() });

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export const ExportFormatQuery = z.object({ format: z.enum(EXPORT_FORMATS).describe('csv (UTF-8 with BOM, formulas neutralised) or jsonl (one JSON object a line)') });
export const ClaimExportQuery = ClaimListQuery.omit({ limit: true, cursor: true }).extend(ExportFormatQuery.shape);

/** A value typed in a value field, read for the live preview. */
export const ReadValue = z
  .object({
    kind: z.enum(CLAIM_KINDS),
    text: z.string().max(1000, 'must be at most 1000 characters'),
    publishedAt: partialDate.nullish().describe('The article\u2019s publication date, for relative dates ("last November").'),
  })
  .strict();

// ---- the desk (issue 11) ---------------------------------------------------------------------

const userId = z.string().min(1).max(64);

export const CreateComment = z
  .object({
    body: text(MAX_COMMENT_LENGTH),
    mentions: z.array(userId).max(MAX_MENTIONS, `must list at most ${MAX_MENTIONS} people`).optional().describe('User ids of the colleagues the comment mentions (each must be an active account); they are notified.'),
  })
  .strict();
export const UpdateComment = CreateComment.extend({ version: version.optional() }).strict();

export const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d{1,15}$/, 'must be a cursor from a previous page').optional(),
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const MarkRead = z
  .object({ ids: z.array(z.number().int().positive()).min(1).max(500).optional(), all: z.literal(true).optional() })
  .strict()
  .refine((v) => (v.ids ? !v.all : v.all === true), { message: 'send either ids (a list of your notification ids) or all: true', path: ['ids'] });

export const NotificationPreferences = z
  .object({ email: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.boolean()).describe('Kinds that also come by e-mail (true) or not (false); kinds left out keep their setting.') })
  .strict();

export const BulkAction = z
  .object({
    action: z.enum(BULK_ACTION_NAMES),
    items: z
      .array(z.object({ id: z.string().min(1).max(100), version }).strict())
      .min(1, 'must list at least one claim')
      .max(MAX_BULK_ITEMS, `must list at most ${MAX_BULK_ITEMS} claims`)
      .superRefine((items, ctx) => {
        const seen = new Set<string>();
        items.forEach((item, i) => {
          if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'is listed twice' });
          seen.add(item.id);
        });
      }),
    assigneeId: z.string().max(64).nullish().transform((v) => (v === '' ? null : v)).describe('For assign: the person (null: nobody).'),
    note: optionalText(2000).describe('For dismiss: a note on the flags it resolves.'),
  })
  .strict()
  .refine((v) => v.action !== 'assign' || v.assigneeId !== undefined, { message: 'is required to assign (null: nobody)', path: ['assigneeId'] });

// --- The claim library (issue 14): search, matches, reuse.

export const SearchQueryParams = z.object({
  q: z.string().trim().min(1).max(200).describe('Words (all must occur), "a phrase", prefix*, -word or NOT word, a OR b. Case and accents do not matter.'),
  type: z.enum(['all', 'claims', 'articles']).default('all').describe('What to search: claims, articles, or both.'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
  status: z.enum(CLAIM_STATUSES).optional(),
  kind: z.enum(CLAIM_KINDS).optional(),
  article: z.string().max(100).optional().describe('An article id or slug: claims of that article only.'),
});

export const MatchesQuery = z.object({
  scope: z.enum(['all', 'open']).default('all').describe('`open`: only claims still open or flagged (what a publication could clear).'),
  limit: z.coerce.number().int().min(1).max(20).default(20),
});

export const ReuseCheck = z.object({ from: z.string().min(1).max(64).describe('The claim whose published check to reuse.'), version: version.optional() }).strict();
