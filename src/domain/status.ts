import type { ClaimStatus } from './vocabulary';

/** What `displayStatus` needs of a claim: a row (`returnedAt`) or its API form (`returned`) will do. */
export interface StatusOf {
  status: ClaimStatus | string;
  suggested: boolean;
  returned?: boolean;
  returnedAt?: string | null;
}

/** Whether an editor returned the claim and nobody has flagged it again since. */
export const isReturned = (claim: Pick<StatusOf, 'returned' | 'returnedAt'>): boolean => claim.returned === true || (claim.returnedAt !== undefined && claim.returnedAt !== null);

/**
 * A claim's status as people see it: an open claim the extractor suggested and nobody has
 * accepted yet is `suggested`; an open claim an editor sent back is `returned` until it is
 * flagged again. Badges, highlight classes, filters and counts all use it.
 * (Its own module, free of the policy tables, so a page script can import it cheaply.)
 */
export function displayStatus(claim: StatusOf): DisplayStatus {
  if (claim.status !== 'open') return claim.status as ClaimStatus;
  return claim.suggested ? 'suggested' : isReturned(claim) ? 'returned' : 'open';
}

/** The statuses the reviewer UI filters and counts by, in the order it lists them. */
export const STATUS_FILTERS = ['suggested', 'open', 'returned', 'flagged', 'published', 'dismissed'] as const;
export type DisplayStatus = (typeof STATUS_FILTERS)[number];

export const isStatusFilter = (s: string | undefined | null): s is DisplayStatus => (STATUS_FILTERS as readonly string[]).includes(s ?? '');
