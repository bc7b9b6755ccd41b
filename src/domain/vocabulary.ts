/**
 * The closed vocabularies of the data model (DESIGN.md). The database CHECK constraints,
 * the zod request schemas, the extractor and the views all read these lists, so they cannot
 * drift apart. The verdict scale is in `./ratings` (re-exported here), who may do what in
 * `./policy`, how the UI names each value in `./labels`.
 */
import { RATING_CODES, type RatingCode } from './ratings';

export const ROLES = ['checker', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const CLAIM_KINDS = ['sentence', 'money', 'count', 'date', 'duration', 'age', 'fraction'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_STATUSES = ['open', 'flagged', 'published', 'dismissed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_ORIGINS = ['human', 'machine'] as const;
export type ClaimOrigin = (typeof CLAIM_ORIGINS)[number];

export const BOUNDS = ['at_least', 'at_most'] as const;
export type Bound = (typeof BOUNDS)[number];

export const SOURCE_TYPES = ['court', 'official', 'ngo', 'news', 'interview', 'other'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export { RATING_CODES, type RatingCode };

export const FLAG_RESOLUTIONS = ['published', 'returned', 'dismissed', 'withdrawn'] as const;

/** SQL list literal for CHECK constraints, e.g. `'a', 'b'`. Values are our own constants, never input. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}
