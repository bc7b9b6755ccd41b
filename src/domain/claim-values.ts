import * as z from 'zod';
import type { ClaimKind } from './vocabulary';

/**
 * The value of a claim, by kind (DESIGN.md "Claim kinds and values"). One schema per kind,
 * used to validate API input and extractor output alike.
 */

const ISO_DURATION = /^P(?!$)(\d+(?:\.\d+)?Y)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?W)?(\d+(?:\.\d+)?D)?(T(?=\d)(\d+(?:\.\d+)?H)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?S)?)?$/;
const PARTIAL_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

export const isoDuration = z.string().regex(ISO_DURATION, 'must be an ISO 8601 duration such as P12Y or P18M');

export const partialDate = z
  .string()
  .regex(PARTIAL_DATE, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((s) => {
    const m = PARTIAL_DATE.exec(s);
    if (!m || !m[3]) return true;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCMonth() === +m[2] - 1;
  }, 'is not a day of the calendar');

/** Orders ISO durations roughly by length, to check min <= max. */
function durationDays(d: string): number {
  const m = ISO_DURATION.exec(d);
  if (!m) return 0;
  const n = (s?: string) => (s ? parseFloat(s) : 0);
  return n(m[1]) * 365 + n(m[2]) * 30 + n(m[3]) * 7 + n(m[4]) + n(m[6]) / 24;
}

function range<T extends z.ZodType>(item: T, order: (v: z.infer<T>) => number | string) {
  return z
    .object({ min: item, max: item })
    .strict()
    .refine((r) => {
      const { min, max } = r as { min: z.infer<T>; max: z.infer<T> };
      return order(min) <= order(max);
    }, { message: 'min must not be greater than max', path: ['max'] });
}

const amount = z.number().finite().nonnegative();
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD or TJS');

export const VALUE_SCHEMAS: Record<ClaimKind, z.ZodType> = {
  sentence: z.union([isoDuration, range(isoDuration, durationDays), z.literal('life')]),
  money: z.union([
    z.object({ amount, currency }).strict(),
    z.object({ min: amount, max: amount, currency }).strict().refine((r) => r.min <= r.max, { message: 'min must not be greater than max', path: ['max'] }),
  ]),
  count: z.union([amount, range(amount, (v) => v)]),
  date: z.union([partialDate, range(partialDate, (v) => v)]),
  duration: z.union([isoDuration, range(isoDuration, durationDays)]),
  age: z.union([z.number().int().min(0).max(150), range(z.number().int().min(0).max(150), (v) => v)]),
  fraction: z.union([z.number().min(0).max(1), range(z.number().min(0).max(1), (v) => v)]),
};

/** Validates a value for a kind; returns the zod result so callers can report the fields. */
export function parseClaimValue(kind: ClaimKind, value: unknown) {
  return VALUE_SCHEMAS[kind].safeParse(value);
}
