import type { ClaimStatus } from './vocabulary';

/**
 * A claim's status as people see it: an open claim the extractor suggested and nobody has
 * accepted yet is `suggested`. Badges, highlight classes, filters and counts all use it.
 * (Its own module, free of the policy tables, so a page script can import it cheaply.)
 */
export function displayStatus(claim: { status: ClaimStatus | string; suggested: boolean }): DisplayStatus {
  return claim.status === 'open' && claim.suggested ? 'suggested' : (claim.status as ClaimStatus);
}

/** The statuses the reviewer UI filters and counts by, in the order it lists them. */
export const STATUS_FILTERS = ['suggested', 'open', 'flagged', 'published', 'dismissed'] as const;
export type DisplayStatus = (typeof STATUS_FILTERS)[number];

export const isStatusFilter = (s: string | undefined | null): s is DisplayStatus => (STATUS_FILTERS as readonly string[]).includes(s ?? '');
