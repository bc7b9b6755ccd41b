import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { createDb } from '../db';

/**
 * The version a write is based on: `If-Match: "<version>"` or `version` in the body.
 * Missing → 428, so no client can overwrite blindly.
 */
export function versionFrom(c: Context<AppEnv>, bodyVersion?: number): number {
  const header = c.req.header('if-match');
  if (header) {
    const m = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
    if (!m) throw new ApiError(400, 'bad-if-match', 'If-Match must be an ETag this API gave out, such as "3".', { errors: [{ field: 'If-Match', message: 'is not a version ETag' }] });
    const v = Number(m[1]);
    if (bodyVersion !== undefined && bodyVersion !== v) {
      throw new ApiError(422, 'validation', 'If-Match and the body version disagree.', { errors: [{ field: 'version', message: `is ${bodyVersion} but If-Match says ${v}` }] });
    }
    return v;
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw new ApiError(428, 'version-required', 'Send the version your change is based on: If-Match: "<version>" or "version" in the body.', { errors: [{ field: 'version', message: 'is required' }] });
}

/** JSON with the record's version as its ETag. */
export function withEtag<T extends { version: number }>(c: Context<AppEnv>, body: T, status: 200 | 201 = 200) {
  c.header('ETag', `"${body.version}"`);
  return c.json(body, status);
}

export const dbOf = (c: Context<AppEnv>) => createDb(c.env.DB);
