/**
 * Bulk actions: what can be done to many claims at once, the permission each needs (the
 * same as its single form), and how many claims one request may carry.
 */
import type { PermissionName } from './policy';

/** One request acts on at most this many claims (more: 422 before anything is written). */
export const MAX_BULK_ITEMS = 100;

export const BULK_ACTIONS = {
  accept: 'claim.accept',
  dismiss: 'claim.dismiss',
  assign: 'claim.update',
  publish: 'claim.publish',
} as const satisfies Record<string, PermissionName>;

export type BulkAction = keyof typeof BULK_ACTIONS;
export const BULK_ACTION_NAMES = Object.keys(BULK_ACTIONS) as BulkAction[];

/** How the UI says what a bulk action did ("20 accepted"). */
export const BULK_DONE: Record<BulkAction, string> = { accept: 'accepted', dismiss: 'dismissed', assign: 'assigned', publish: 'published' };
