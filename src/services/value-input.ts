/**
 * A value as the API takes it: the machine form (`"P12Y"`, `{"amount": 80000, "currency":
 * "TJS"}`) or text in words (`"12 years"`, `"about 80,000 somoni"`), read by the extractor's
 * own parsers (`parseValueText`). Both store the same thing: words that carry a qualifier
 * ("about", "more than") set `approximate` / `bound` unless the request sets them itself.
 */
import { parseClaimValue } from '../domain/claim-values';
import { invalid, validationError } from '../domain/errors';
import type { Bound, ClaimKind } from '../domain/vocabulary';
import { parseValueText } from '../extract';

export interface ValueRead {
  value: unknown;
  /** Set when the value was written in words: what the words said (false / null when they said nothing). */
  qualifiers?: { approximate: boolean; bound: Bound | null };
  /** What the words said is counted or paid ("about 10,000 prisoners"). */
  subject?: string;
}

/**
 * Reads `value` for a claim of `kind` in an article published at `publishedAt`. Throws a
 * validation error naming `field` with what was expected, in words.
 *
 * @example readValueInput('money', 'about 80,000 somoni', '2017-08') // { value: { amount: 80000, currency: 'TJS' }, qualifiers: { approximate: true, bound: null } }
 */
export function readValueInput(kind: ClaimKind, value: unknown, publishedAt: string | null | undefined, field = 'value'): ValueRead {
  const machine = parseClaimValue(kind, value);
  if (machine.success) return { value: machine.data };
  if (typeof value !== 'string') throw validationError(machine.error.issues.map((i) => ({ ...i, path: [field, ...i.path] })));
  const read = parseValueText(kind, value, { publishedAt });
  if (!read.ok) throw invalid(field, read.message, `The ${field} could not be read: ${read.message}`);
  if (read.form === 'machine') return { value: read.value };
  return { value: read.value, qualifiers: { approximate: read.approximate ?? false, bound: read.bound ?? null }, ...(read.subject ? { subject: read.subject } : {}) };
}
