import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env';
import { ApiError, problemTitle, problemType } from './errors';
import { isConstraintError } from './db';

/** Writes any thrown error as RFC 9457 problem+json; unknown errors become a logged 500. */
export function problemResponse(error: unknown, c: Context<AppEnv>): Response {
  const requestId = c.get('requestId');
  let status = 500;
  let code = 'internal';
  let detail = `Something went wrong on our side. Quote request id ${requestId} when you report it.`;
  let errors: unknown[] = [];
  let extra: Record<string, unknown> = {};
  if (error instanceof ApiError) {
    ({ status, code } = error);
    detail = error.message;
    errors = error.errors;
    extra = error.extra;
  } else if (error instanceof HTTPException && error.status < 500) {
    status = error.status;
    // Hono's own 4xx: malformed JSON in the body, or a body over the size limit.
    code = status === 400 ? 'malformed-body' : status === 413 ? 'body-too-large' : 'http-error';
    detail = status === 400 ? 'The body is not valid JSON.' : error.message || problemTitle(status);
    if (status === 400) errors = [{ field: '(body)', message: 'is not valid JSON' }];
  } else if (isConstraintError(error, 'UNIQUE constraint failed')) {
    // Two requests raced past a uniqueness check (same e-mail, slug or span): the loser is told so.
    status = 409;
    code = 'conflict';
    detail = 'Another request created the same record (same e-mail, slug or claim span) just now; reload and check.';
  } else if (isConstraintError(error, 'FOREIGN KEY constraint failed')) {
    // The record this write hangs on (an article, a claim) was deleted by another request
    // between our read and our batch; the batch changed nothing. Logged, as it should be rare.
    status = 409;
    code = 'conflict';
    detail = 'Something this change refers to (its article or claim) was deleted by another request just now; nothing was saved. Reload and check.';
    console.warn(JSON.stringify({ level: 'warn', requestId, method: c.req.method, url: c.req.url, error: 'foreign key failed: a parent was deleted meanwhile' }));
  } else {
    console.error(JSON.stringify({ level: 'error', requestId, method: c.req.method, url: c.req.url, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }));
  }
  const body = { type: problemType(code), title: problemTitle(status), status, detail, instance: new URL(c.req.url).pathname, requestId, errors, ...extra };
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Request-Id': requestId };
  if (typeof extra.retryAfter === 'number') headers['Retry-After'] = String(extra.retryAfter);
  return new Response(JSON.stringify(body), { status, headers });
}
