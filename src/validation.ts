import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import { every } from 'hono/combine';
import type * as z from 'zod';
import { DomainError, fieldErrors, invalidFields, type FieldError } from './domain/errors';

/** Answers 415 for a write whose body is not JSON, instead of validating an empty object. */
const requireJson: MiddlewareHandler = async function requireJson(c, next) {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type)) {
    throw new DomainError('unsupported-media-type', 'Send the body as JSON with Content-Type: application/json.');
  }
  await next();
};

/** Query parameters a schema does not name: a misspelt or unsupported filter must not be ignored silently. */
function unknownParameters(schema: z.ZodType, names: string[]): FieldError[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  if (!shape) return [];
  const known = Object.keys(shape);
  return names
    .filter((name) => !known.includes(name))
    .map((name) => ({ field: name, message: `is not a query parameter of this route (it takes ${known.join(', ')})` }));
}

/**
 * The one validation wrapper: @hono/zod-validator with a hook that throws, so every
 * failure goes through `onError` as problem+json (422 naming each field). On the query
 * string, a parameter the schema does not name is an error too.
 *
 * @example router.post('/', validate('json', CreateArticle), (c) => c.json(c.req.valid('json')))
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  const where = target === 'json' ? 'request body' : target === 'query' ? 'query string' : target === 'param' ? 'path' : target;
  const validator = zValidator(target, schema, (result, c) => {
    const errors = [...(target === 'query' ? unknownParameters(schema, Object.keys(c.req.queries())) : []), ...(result.success ? [] : fieldErrors(result.error.issues))];
    if (errors.length) throw invalidFields(errors, where);
  });
  return target === 'json' ? (every(requireJson, validator) as unknown as typeof validator) : validator;
}
