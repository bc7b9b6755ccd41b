/**
 * Domain errors: what the services (and the HTTP layer's own checks) throw when a rule is
 * broken. They name the rule (`code`), say what happened (`detail`), name each invalid field
 * (`errors`) and may carry extension members; they know nothing of HTTP. `src/problem.ts`
 * holds the one mapping from `code` to an HTTP status and writes them as RFC 9457
 * problem+json. A new code goes into its catalogue (`PROBLEMS_BY_STATUS`), under its status, with what it
 * means (a test fails on a code thrown but not catalogued).
 *
 * @example throw new DomainError('claim-exists', `A claim on this span already exists (${id}).`, { extensions: { claimId: id } })
 */
import type { z } from 'zod';

/** One invalid field: a dotted path and what is wrong with it. */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457's own members: an extension may never take these names (they would overwrite them). */
export const PROBLEM_MEMBERS = ['type', 'title', 'status', 'detail', 'instance', 'errors', 'requestId'] as const;

/** Extension members of a problem: anything but the standard members. */
export type Extensions = Record<string, unknown> & { [K in (typeof PROBLEM_MEMBERS)[number]]?: never };

export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: string;
  readonly errors: FieldError[];
  readonly extensions: Extensions;
  constructor(code: string, detail: string, options: { errors?: FieldError[]; extensions?: Extensions; cause?: unknown } = {}) {
    super(detail, { cause: options.cause });
    this.code = code;
    this.errors = options.errors ?? [];
    this.extensions = options.extensions ?? {};
  }
}

export const notFound = (what: string, id: string) => new DomainError('not-found', `No ${what} with id ${id}.`);

/** One invalid field. */
export const invalid = (field: string, message: string, detail = `Invalid ${field}: ${message}`) =>
  new DomainError('validation', detail, { errors: [{ field, message }] });

/** zod issues → our field errors (`value.amount`, `errors[0]`…). */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}

/** Several invalid fields, as zod reports them, in a request part (`where`). */
export function validationError(issues: readonly z.core.$ZodIssue[], where = 'request body'): DomainError {
  return invalidFields(fieldErrors(issues), where);
}

export function invalidFields(errors: FieldError[], where = 'request body'): DomainError {
  return new DomainError('validation', `The ${where} has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}.`, { errors });
}

/** The record changed since the version the change was based on; nothing was written. */
export const staleVersion = (what: string, sent: number, current?: number) =>
  new DomainError(
    'stale-version',
    current === undefined
      ? `The ${what} changed after version ${sent}; reload it and apply your change again.`
      : `The ${what} is at version ${current}, your change was based on version ${sent}; reload it and apply your change again.`,
    { extensions: current === undefined ? { sentVersion: sent } : { sentVersion: sent, currentVersion: current } },
  );
