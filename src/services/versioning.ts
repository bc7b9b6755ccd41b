import { sql, type SQL } from 'drizzle-orm';
import { isConstraintError } from '../db';
import { staleVersion } from '../domain/errors';

/**
 * Optimistic concurrency without interactive transactions: the first statement of a write's
 * batch sets `version` to version + 1 only if it is still the version the client read, and
 * to -1 otherwise. -1 breaks the table's `*_version_fresh` CHECK, which aborts the whole
 * batch, so a stale write changes nothing, events included.
 */
export function bumpVersionIf(expected: number): SQL<number> {
  return sql<number>`CASE WHEN version = ${expected} THEN version + 1 ELSE -1 END`;
}

/** Runs a batch guarded by `bumpVersionIf`, turning the CHECK failure into 409. */
export async function runGuarded<T>(what: string, expected: number, constraint: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isConstraintError(error, constraint)) throw staleVersion(what, expected);
    throw error;
  }
}

export const nowSql = sql<string>`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
