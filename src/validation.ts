import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import { every } from 'hono/combine';
import type * as z from 'zod';
import { ApiError, type FieldError } from './errors';

/** zod issues → our field errors (`value.amount`, `errors[0]`…). */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}

export function validationError(issues: readonly z.core.$ZodIssue[], where = 'request body'): ApiError {
  const errors = fieldErrors(issues);
  return new ApiError(422, 'validation', `The ${where} has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}.`, { errors });
}

/** Answers 415 for a write whose body is not JSON, instead of validating an empty object. */
const requireJson: MiddlewareHandler = async function requireJson(c, next) {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported-media-type', 'Send the body as JSON with Content-Type: application/json.');
  }
  await next();
};

/**
 * The one validation wrapper: @hono/zod-validator with a hook that throws, so every
 * failure goes through `onError` as problem+json (422 naming each field).
 *
 * @example router.post('/', validate('json', CreateArticle), (c) => c.json(c.req.valid('json')))
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  const where = target === 'json' ? 'request body' : target === 'query' ? 'query string' : target === 'param' ? 'path' : target;
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(result.error.issues, where);
  });
  return target === 'json' ? (every(requireJson, validator) as unknown as typeof validator) : validator;
}
