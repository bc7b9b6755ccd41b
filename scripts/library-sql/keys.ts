/** The SQL twin of `keyInterval` and `storedKeys` (src/domain/value-keys.ts). */
import {
  APPROXIMATE_WIDTH, BOUND_REACH, COARSE_LIMIT, COARSE_STEP, DURATION_DAYS, FINE_LIMIT, FINE_STEP, LIFE_DAYS, MAGNITUDE_FLOOR,
} from '../../src/domain/value-keys.ts';
import { sqlString } from './strings.ts';

const lit = (n: number) => {
  const s = String(n);
  return /[.e]/.test(s) ? s : `${s}.0`;
};

/** The number written before designator `d` in a part of an ISO duration (0 when absent). */
function designator(part: string, d: string): string {
  const upTo = `substr(${part}, 1, instr(${part}, '${d}') - 1)`;
  return `(CASE WHEN instr(${part}, '${d}') > 0 THEN CAST(substr(${upTo}, length(rtrim(${upTo}, '0123456789.')) + 1) AS REAL) ELSE 0 END)`;
}

/** Days of an ISO duration split into its date part and time part (SQL columns), summed as durationDays sums. */
function durationDaysSql(datePart: string, timePart: string): string {
  return `(${designator(datePart, 'Y')} * ${lit(DURATION_DAYS.Y)} + ${designator(datePart, 'M')} * ${lit(DURATION_DAYS.M)} + ${designator(datePart, 'W')} * ${lit(DURATION_DAYS.W)} + ${designator(datePart, 'D')} * ${lit(DURATION_DAYS.D)} + ${designator(timePart, 'H')} / 24 + ${designator(timePart, 'M')} / 1440 + ${designator(timePart, 'S')} / 86400)`;
}

const end = (v: string, which: 'min' | 'max') => `CASE WHEN json_type(${v}) = 'object' THEN json_extract(${v}, '$.${which}') ELSE json_extract(${v}, '$') END`;

function monthsSql(d: string, last: boolean): string {
  return `(CAST(substr(${d}, 1, 4) AS INTEGER) * 12 + CASE WHEN length(${d}) >= 7 THEN CAST(substr(${d}, 6, 2) AS INTEGER) - 1 ELSE ${last ? 11 : 0} END)`;
}

/** lo or hi of the raw interval, from the columns of claim_key_work (v, vlo, vhi, and the duration parts dp…, tp…). */
function rawSql(which: 'lo' | 'hi'): string {
  const m = which === 'lo' ? 'min' : 'max';
  const d = `v${which}`;
  return `CASE kind
    WHEN 'money' THEN coalesce(json_extract(v, '$.${m}'), json_extract(v, '$.amount'))
    WHEN 'date' THEN ${monthsSql(d, which === 'hi')}
    WHEN 'sentence' THEN CASE WHEN v = '"life"' THEN ${lit(LIFE_DAYS)} ELSE ${durationDaysSql(`dp${which}`, `tp${which}`)} END
    WHEN 'duration' THEN ${durationDaysSql(`dp${which}`, `tp${which}`)}
    ELSE ${d} END`;
}

/** An ISO duration's date part (after P, before T) and time part (after T), as SQL over a column. */
function durationParts(d: string): [string, string] {
  const t = `instr(${d}, 'T')`;
  return [`substr(${d}, 2, CASE WHEN ${t} > 0 THEN ${t} - 2 ELSE length(${d}) END)`, `CASE WHEN ${t} > 0 THEN substr(${d}, ${t} + 1) ELSE '' END`];
}

const unitSql = `CASE WHEN kind = 'money' THEN coalesce(json_extract(value, '$.currency'), '') WHEN kind = 'sentence' AND value = '"life"' THEN 'life' ELSE '' END`;

function floorSql(kindCol: string): string {
  return `CASE ${kindCol} ${Object.entries(MAGNITUDE_FLOOR).map(([k, f]) => `WHEN ${sqlString(k)} THEN ${lit(f)}`).join(' ')} ELSE 1.0 END`;
}

function bucketSql(x: string, step: number, kindCol: string): string {
  return `CAST(floor(ln(max(${x}, ${floorSql(kindCol)})) / ${lit(step)}) AS INTEGER)`;
}

/** The work table the key statements compute in, one stage per statement (an SQL view of all stages grows too large for D1). */
export const KEY_WORK_TABLE = `CREATE TABLE claim_key_work (claim_rowid INTEGER PRIMARY KEY NOT NULL, kind TEXT, unit TEXT, approximate INTEGER, bound TEXT, v TEXT, vlo, vhi, dplo TEXT, tplo TEXT, dphi TEXT, tphi TEXT, lo REAL, hi REAL);`;

/**
 * Statements that store the value keys of the claims chosen by `where` (over `claims`):
 * read the values into claim_key_work, turn them into intervals widened by their hedges,
 * write one row per bucket into claim_value_keys, and empty the work table.
 */
export function keyStatements(where: string): string[] {
  const widenLo = (lo: string) => `CASE WHEN kind = 'date' THEN ${lo} ELSE ${lo} * (CASE WHEN approximate THEN ${lit(1 - APPROXIMATE_WIDTH)} ELSE 1.0 END) / (CASE WHEN bound = 'at_most' THEN ${lit(BOUND_REACH)} ELSE 1.0 END) END`;
  const widenHi = (hi: string) => `CASE WHEN kind = 'date' THEN ${hi} ELSE ${hi} * (CASE WHEN approximate THEN ${lit(1 + APPROXIMATE_WIDTH)} ELSE 1.0 END) * (CASE WHEN bound = 'at_least' THEN ${lit(BOUND_REACH)} ELSE 1.0 END) END`;
  const buckets = `SELECT claim_rowid, kind, unit,
    CASE WHEN kind = 'date' THEN CAST(lo AS INTEGER) ELSE ${bucketSql('lo', FINE_STEP, 'kind')} END AS flo,
    CASE WHEN kind = 'date' THEN CAST(hi AS INTEGER) ELSE ${bucketSql('hi', FINE_STEP, 'kind')} END AS fhi,
    CASE WHEN kind = 'date' THEN CAST(lo AS INTEGER) / 12 ELSE ${bucketSql('lo', COARSE_STEP, 'kind')} END AS clo,
    CASE WHEN kind = 'date' THEN CAST(hi AS INTEGER) / 12 ELSE ${bucketSql('hi', COARSE_STEP, 'kind')} END AS chi
    FROM claim_key_work WHERE lo IS NOT NULL AND hi IS NOT NULL`;
  return [
    `INSERT OR REPLACE INTO claim_key_work (claim_rowid, kind, unit, approximate, bound, v, vlo, vhi) SELECT rowid, kind, ${unitSql}, approximate, bound, value, ${end('value', 'min')}, ${end('value', 'max')} FROM claims WHERE ${where};`,
    `UPDATE claim_key_work SET dplo = ${durationParts('vlo')[0]}, tplo = ${durationParts('vlo')[1]}, dphi = ${durationParts('vhi')[0]}, tphi = ${durationParts('vhi')[1]} WHERE kind IN ('sentence', 'duration');`,
    // Raw interval and hedges in one pass (the raw expression is written twice in each CASE, computed once per row).
    `UPDATE claim_key_work SET lo = ${widenLo(`(${rawSql('lo')})`)}, hi = ${widenHi(`(${rawSql('hi')})`)};`,
    `INSERT OR IGNORE INTO claim_value_keys (key, claim_rowid) SELECT k.kind || '|' || k.unit || '|' || CASE WHEN k.fhi - k.flo < ${FINE_LIMIT} THEN 'f' || (k.flo + s.n) ELSE 'c' || (k.clo + s.n) END, k.claim_rowid
    FROM (${buckets}) k JOIN claim_key_steps s ON s.n <= CASE WHEN k.fhi - k.flo < ${FINE_LIMIT} THEN k.fhi - k.flo ELSE min(k.chi - k.clo, ${COARSE_LIMIT - 1}) END;`,
    `DELETE FROM claim_key_work;`,
  ];
}
