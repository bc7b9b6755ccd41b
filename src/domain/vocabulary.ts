/**
 * The closed vocabularies of the data model (DESIGN.md). The database CHECK constraints,
 * the zod request schemas and the views all read these lists, so they cannot drift apart.
 */
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

export const RATINGS = ['true', 'mostly-true', 'half-true', 'misleading', 'mostly-false', 'false', 'unverifiable'] as const;
export type Rating = (typeof RATINGS)[number];

export const FLAG_RESOLUTIONS = ['published', 'returned', 'dismissed', 'withdrawn'] as const;

/** Role rank: an editor can do all a checker does, an admin all an editor does. */
export const ROLE_RANK: Record<Role, number> = { checker: 1, editor: 2, admin: 3 };

/**
 * What an API token may do: its own role, but never more than the person who made it may now
 * (an admin demoted to checker takes their admin tokens down with them, and back up).
 */
export function tokenActsAs(tokenRole: Role, creatorRole: Role): Role {
  return ROLE_RANK[creatorRole] < ROLE_RANK[tokenRole] ? creatorRole : tokenRole;
}

/** SQL list literal for CHECK constraints, e.g. `'a', 'b'`. Values are our own constants, never input. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}
