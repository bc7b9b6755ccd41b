import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One invalid field: a JSON pointer-ish dotted path and what is wrong with it. */
export interface FieldError {
  field: string;
  message: string;
}

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
};

/**
 * The one error type of the app. Services throw it (they know the rule that was broken,
 * not HTTP), routes let it through, and `onError` writes it as RFC 9457 problem+json.
 *
 * @example throw new ApiError(409, 'stale-version', 'The claim changed since version 3.')
 */
export class ApiError extends HTTPException {
  readonly code: string;
  readonly errors: FieldError[];
  readonly extra: Record<string, unknown>;
  constructor(
    status: number,
    code: string,
    detail: string,
    options: { errors?: FieldError[]; extra?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(status as ContentfulStatusCode, { message: detail, cause: options.cause });
    this.code = code;
    this.errors = options.errors ?? [];
    this.extra = options.extra ?? {};
  }
}

export const notFound = (what: string, id: string) => new ApiError(404, 'not-found', `No ${what} with id ${id}.`);

export const invalid = (field: string, message: string) =>
  new ApiError(422, 'validation', `Invalid ${field}: ${message}`, { errors: [{ field, message }] });

export const staleVersion = (what: string, sent: number, current?: number) =>
  new ApiError(
    409,
    'stale-version',
    current === undefined
      ? `The ${what} changed after version ${sent}; reload it and apply your change again.`
      : `The ${what} is at version ${current}, your change was based on version ${sent}; reload it and apply your change again.`,
    { extra: current === undefined ? { sentVersion: sent } : { sentVersion: sent, currentVersion: current } },
  );

export function problemTitle(status: number): string {
  return TITLES[status] ?? 'Error';
}

/**
 * Every problem type the app answers with, and what it means. `/api/v1/problems` renders
 * this list, so each `type` URI in an error body resolves to its explanation.
 */
export const PROBLEM_TYPES: Record<string, string> = {
  'malformed-body': 'The body is not valid JSON.',
  'bad-if-match': 'If-Match is not a version ETag this API gave out, such as "3".',
  unauthenticated: 'Sign in (session cookie) or send an API token (Authorization: Bearer).',
  'bad-credentials': 'Wrong e-mail address or password, or the account is disabled.',
  'bad-token': 'The bearer token is malformed, unknown or revoked.',
  csrf: 'A signed-in write came from another site (its Origin header is not ours).',
  'forbidden-role': 'Your role may not do this; the detail names the role needed.',
  'not-found': 'Nothing with that id or at that path (or, on public routes, nothing public).',
  'stale-version': 'The record changed since the version your change was based on; reload and apply it again. Nothing was written.',
  'transition-not-allowed': 'The workflow does not allow this action from the claim’s current status; the detail names the rule.',
  'claim-exists': 'A claim on this exact span exists already.',
  'not-a-suggestion': 'Only a pending machine suggestion can be accepted.',
  'article-has-published-claims': 'An article with published claims cannot be deleted; unpublish them first.',
  'slug-taken': 'Another article has this slug.',
  'email-taken': 'An account with this e-mail address exists already.',
  'self-lockout': 'Admins cannot disable themselves or drop their own admin role.',
  'body-too-large': 'The request body is over the stated limit (2 MiB).',
  'text-too-large': 'The text is over the extractor’s limit (1 000 000 characters).',
  'unsupported-media-type': 'Send the body as JSON with Content-Type: application/json.',
  validation: 'One or more fields are invalid; `errors` names each with its problem.',
  'quote-not-anchored': 'The quote is not in the article text, or occurs more than once and needs `start`; `occurrences` lists where.',
  'version-required': 'A write must say which version it is based on: If-Match or `version` in the body.',
  'too-many-attempts': 'Too many sign-in attempts from your network, or for this address; wait for Retry-After seconds.',
  conflict: 'Another request changed the same data at the same moment: it created the same record (same e-mail, slug or claim span), or deleted the article or claim this change refers to.',
  'http-error': 'An HTTP-level error; see the status.',
  internal: 'Something failed on our side; quote the request id when you report it.',
};

/** The problem type URI for an error code; relative, resolved against the API's own host. */
export function problemType(code: string): string {
  return `/api/v1/problems#${code}`;
}
