import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import * as tables from '../schema/tables';

export type Db = ReturnType<typeof createDb>;

/** A drizzle client over the D1 binding (or a D1 session, for replica reads). */
export function createDb(d1: D1Database | D1DatabaseSession) {
  return drizzle(d1 as D1Database, { schema: tables });
}

/**
 * A db for reads through D1 read replication (the Sessions API, where the binding has it).
 * `fresh` reads start at the primary (what gets stored in the edge cache must not be an
 * older replica's view, or a purge would be undone); others may read any replica.
 */
export function replicaDb(d1: D1Database, fresh: boolean) {
  const withSession = (d1 as D1Database & { withSession?: D1Database['withSession'] }).withSession;
  return createDb(typeof withSession === 'function' ? d1.withSession(fresh ? 'first-primary' : 'first-unconstrained') : d1);
}

/** SQLite's current-time format, computed in JS for values we compare against stored ones. */
export function isoNow(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString();
}

/** D1 wraps SQLite errors; this tells whether one came from a named constraint. */
export function isConstraintError(error: unknown, name: string): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const message = e instanceof Error ? e.message : String(e);
    if (message.includes(name)) return true;
    e = e instanceof Error ? e.cause : undefined;
  }
  return false;
}

/**
 * Insertion order as a tie-breaker: rows made in the same millisecond share `created_at`,
 * and random ids would order them by chance ("the latest verdict" must be the last one made).
 */
export function insertionOrder(table: 'verdicts' | 'sources' | 'flags', direction: 'asc' | 'desc') {
  return sql.raw(`"${table}".rowid ${direction === 'asc' ? 'ASC' : 'DESC'}`);
}

/**
 * `items` in slices small enough for one `IN (…)` list: D1 binds at most 100 parameters per
 * statement, and the query around the list needs a few of its own.
 */
export function inListChunks<T>(items: readonly T[], size = 90): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
