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

/** The problem type URI for an error code; relative, resolved against the API's own host. */
export function problemType(code: string): string {
  return `/docs/problems#${code}`;
}
