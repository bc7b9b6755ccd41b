import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { DomainError } from '../domain/errors';
import { createDb } from '../db';

/**
 * The version a write is based on: `If-Match: "<version>"` or `version` in the body.
 * Missing → 428, so no client can overwrite blindly.
 */
export function versionFrom(c: Context<AppEnv>, bodyVersion?: number): number {
  const header = c.req.header('if-match');
  if (header) {
    const m = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
    if (!m) throw new DomainError('bad-if-match', 'If-Match must be an ETag this API gave out, such as "3".', { errors: [{ field: 'If-Match', message: 'is not a version ETag' }] });
    const v = Number(m[1]);
    if (bodyVersion !== undefined && bodyVersion !== v) {
      throw new DomainError('validation', 'If-Match and the body version disagree.', { errors: [{ field: 'version', message: `is ${bodyVersion} but If-Match says ${v}` }] });
    }
    return v;
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw new DomainError('version-required', 'Send the version your change is based on: If-Match: "<version>" or "version" in the body.', { errors: [{ field: 'version', message: 'is required' }] });
}

/** The version a DELETE (which has no body) sends as `?version=`, when it is a positive whole number. */
export function queryVersion(c: Context<AppEnv>): number | undefined {
  const raw = c.req.query('version');
  return raw && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : undefined;
}

/** A record that hangs off a claim (a source, a verdict): the claim's new version is its ETag and `claimVersion`. */
export function withClaimVersion<K extends string, T>(c: Context<AppEnv>, claim: { version: number }, key: K, record: T, status: 200 | 201 = 200) {
  c.header('ETag', `"${claim.version}"`);
  return c.json({ [key]: record, claimVersion: claim.version } as { [P in K]: T } & { claimVersion: number }, status);
}

/** JSON with the record's version as its ETag. */
export function withEtag<T extends { version: number }>(c: Context<AppEnv>, body: T, status: 200 | 201 = 200) {
  c.header('ETag', `"${body.version}"`);
  return c.json(body, status);
}

export const dbOf = (c: Context<AppEnv>) => createDb(c.env.DB);
