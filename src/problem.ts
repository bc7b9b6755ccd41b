import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isConstraintError } from './db';
import { DomainError, PROBLEM_MEMBERS, type FieldError } from './domain/errors';
import type { AppEnv } from './env';

/**
 * The one mapping from errors to HTTP: every problem code the app answers with, by the
 * status it answers with, and what it means. `/api/v1/problems` renders this list, so each
 * `type` URI in an error body resolves to its explanation. A code thrown anywhere must be
 * here (a test checks).
 */
const PROBLEMS_BY_STATUS = {
  400: {
    'malformed-body': 'The body is not valid JSON.',
    'bad-if-match': 'If-Match is not a version ETag this API gave out, such as "3".',
    'http-error': 'An HTTP-level error; see the status.',
  },
  401: {
    unauthenticated: 'Sign in (session cookie) or send an API token (Authorization: Bearer).',
    'bad-credentials': 'Wrong e-mail address or password, or the account is disabled.',
    'bad-token': 'The bearer token is malformed, unknown or revoked.',
  },
  403: {
    csrf: 'A signed-in write came from another site (its Origin header is not ours).',
    'forbidden-role': 'Your role may not do this; the detail names the role needed.',
    'not-comment-author': 'Only a comment’s author may edit it; only its author or an admin may delete it.',
  },
  404: { 'not-found': 'Nothing with that id or at that path (or, on public routes, nothing public).' },
  409: {
    'stale-version': 'The record changed since the version your change was based on; reload and apply it again. Nothing was written.',
    'transition-not-allowed': 'The workflow does not allow this action from the claim’s current status; the detail names the rule, `action` and `claimStatus` say which.',
    'claim-exists': 'A claim on this exact span exists already.',
    'not-a-suggestion': 'Only a pending machine suggestion can be accepted.',
    'nothing-to-reuse': 'The claim named in `from` has no published check to reuse; `fromClaimId` says which.',
    'article-has-published-claims': 'An article with published claims cannot be deleted; unpublish them first.',
    'slug-taken': 'Another article has this slug.',
    'email-taken': 'An account with this e-mail address exists already.',
    'self-lockout': 'Admins cannot disable themselves or drop their own admin role.',
    'comment-edit-closed': 'A comment can be edited for 15 minutes after it is posted; write a new one instead.',
    'comment-deleted': 'The comment was deleted; it cannot be edited.',
    'webhook-disabled': 'The webhook endpoint is disabled (by an admin, or because its receiver answered 410 Gone); enable it first.',
    'article-url-exists': 'This page is already loaded (by its URL, its canonical URL or where its redirects end); `articleId` names the article.',
    'article-not-followed': 'The article was pasted and has no page to fetch; give it one (`fetchUrl`) with PATCH.',
    conflict: 'Another request changed the same data at the same moment: it created the same record (same e-mail, slug or claim span), or deleted the article or claim this change refers to.',
  },
  413: {
    'body-too-large': 'The request body is over the stated limit (2 MiB).',
    'text-too-large': 'The text is over the extractor’s limit (1 000 000 characters).',
  },
  415: { 'unsupported-media-type': 'Send the body as JSON with Content-Type: application/json.' },
  422: {
    validation: 'One or more fields (or query parameters) are invalid or unknown; `errors` names each with its problem.',
    'quote-not-anchored': 'The quote is not in the article text, or occurs more than once and needs `start`; `occurrences` lists where.',
    'url-blocked': 'Outbound fetches may not go there: not http(s), a non-standard port, or a loopback, private, link-local, metadata or other reserved address (after every redirect; docs/import.md).',
    'page-not-html': 'The page is not HTML (a PDF, an image…); `reason` and the detail say what it is.',
    'page-too-large': 'The page is over 5 MiB or 100 000 HTML elements, its story text over 500 000 characters, or its HTML too deeply nested for the HTML reader\u2019s memory.',
    'page-login-wall': 'The page asks readers to sign in or subscribe, and too little story text is readable without it.',
    'page-no-story': 'No story text was found on the page (an app shell, a video page, an index).',
  },
  428: { 'version-required': 'A write must say which version it is based on: If-Match or `version` in the body.' },
  429: { 'too-many-attempts': 'Too many sign-in attempts from your network, or for this address; wait for Retry-After seconds.' },
  500: { internal: 'Something failed on our side; quote the request id when you report it.' },
  502: {
    'page-error': 'The page answered with an error status; `upstreamStatus` says which.',
    'page-unreachable': 'The page\u2019s server could not be reached (refused, reset, no such name).',
    'page-redirects': 'The page redirects in a loop, or more than 5 times.',
  },
  503: { 'webhooks-not-configured': 'Webhooks need the Worker secret WEBHOOK_SECRET_KEY (32 random bytes, base64); see the README, "Deploy".' },
  504: { 'page-timeout': 'The page did not answer completely within 10 seconds.' },
} as const satisfies Record<number, Record<string, string>>;

type ByStatus = typeof PROBLEMS_BY_STATUS;
export type ProblemCode = { [S in keyof ByStatus]: keyof ByStatus[S] }[keyof ByStatus] & string;

/** Each problem code with its HTTP status and what it means. */
export const PROBLEMS: Record<ProblemCode, { status: number; about: string }> = Object.fromEntries(
  Object.entries(PROBLEMS_BY_STATUS).flatMap(([status, codes]) => Object.entries(codes).map(([code, about]) => [code, { status: Number(status), about }])),
) as Record<ProblemCode, { status: number; about: string }>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? 'Error';
}

/** The problem type URI for an error code; relative, resolved against the API's own host. */
export function problemType(code: string): string {
  return `/api/v1/problems#${code}`;
}

/** What each problem type means, for the /api/v1/problems page. */
export const PROBLEM_TYPES: Record<string, string> = Object.fromEntries(Object.entries(PROBLEMS).map(([code, p]) => [code, p.about]));

/** The HTTP status a domain error answers with: its code's, from the catalogue (500 for an uncatalogued code). */
export function problemStatus(error: DomainError): number {
  return (PROBLEMS as Record<string, { status: number }>)[error.code]?.status ?? 500;
}

/** A problem as this app writes it: the RFC 9457 members, then our extensions beside them. */
interface ProblemParts {
  status: number;
  code: string;
  detail: string;
  errors: FieldError[];
  extensions: Record<string, unknown>;
}

/** Any thrown thing → the parts of its problem; unknown errors become a logged 500. */
function problemParts(error: unknown, c: Context<AppEnv>): ProblemParts {
  const requestId = c.get('requestId');
  if (error instanceof DomainError) {
    const status = problemStatus(error);
    if (status === 500) console.error(JSON.stringify({ level: 'error', requestId, message: 'uncatalogued problem code', code: error.code }));
    return { status, code: status === 500 ? 'internal' : error.code, detail: error.message, errors: error.errors, extensions: error.extensions };
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own 4xx: malformed JSON in the body, or a body over the size limit.
    const status = error.status;
    if (status === 400) return { status, code: 'malformed-body', detail: 'The body is not valid JSON.', errors: [{ field: '(body)', message: 'is not valid JSON' }], extensions: {} };
    return { status, code: status === 413 ? 'body-too-large' : 'http-error', detail: error.message || problemTitle(status), errors: [], extensions: {} };
  }
  if (isConstraintError(error, 'UNIQUE constraint failed')) {
    // Two requests raced past a uniqueness check (same e-mail, slug or span): the loser is told so.
    return { status: 409, code: 'conflict', detail: 'Another request created the same record (same e-mail, slug or claim span) just now; reload and check.', errors: [], extensions: {} };
  }
  if (isConstraintError(error, 'FOREIGN KEY constraint failed')) {
    // The record this write hangs on (an article, a claim) was deleted by another request
    // between our read and our batch; the batch changed nothing. Logged, as it should be rare.
    console.warn(JSON.stringify({ level: 'warn', requestId, method: c.req.method, url: c.req.url, error: 'foreign key failed: a parent was deleted meanwhile' }));
    return { status: 409, code: 'conflict', detail: 'Something this change refers to (its article or claim) was deleted by another request just now; nothing was saved. Reload and check.', errors: [], extensions: {} };
  }
  console.error(JSON.stringify({ level: 'error', requestId, method: c.req.method, url: c.req.url, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }));
  return { status: 500, code: 'internal', detail: `Something went wrong on our side. Quote request id ${requestId} when you report it.`, errors: [], extensions: {} };
}

/**
 * The problem+json body of an error (and its extensions), e.g. for one item of a bulk answer;
 * `problemResponse` sends it as the whole response.
 */
export function problemOf(error: unknown, c: Context<AppEnv>) {
  const requestId = c.get('requestId');
  const { status, code, detail, errors, extensions } = problemParts(error, c);
  const reserved: readonly string[] = PROBLEM_MEMBERS;
  const clash = Object.keys(extensions).filter((k) => reserved.includes(k));
  if (clash.length) console.warn(JSON.stringify({ level: 'warn', requestId, message: 'problem extension named like a standard member (dropped)', members: clash, code }));
  const extra = Object.fromEntries(Object.entries(extensions).filter(([k]) => !reserved.includes(k)));
  return { body: { type: problemType(code), title: problemTitle(status), status, detail, instance: new URL(c.req.url).pathname, requestId, errors, ...extra }, extensions };
}

/**
 * Writes any thrown error as RFC 9457 problem+json: the standard members, then the
 * extensions beside them. An extension named like a standard member is dropped (and logged),
 * so `status` is always the HTTP status.
 */
export function problemResponse(error: unknown, c: Context<AppEnv>): Response {
  const requestId = c.get('requestId');
  const { body, extensions } = problemOf(error, c);
  const status = body.status;
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Request-Id': requestId };
  if (typeof extensions.retryAfter === 'number') headers['Retry-After'] = String(extensions.retryAfter);
  return new Response(JSON.stringify(body), { status, headers });
}
