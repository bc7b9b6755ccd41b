/**
 * When a followed article's page is fetched again: often while the story is young (news is
 * corrected in its first hours and days), then less and less. After a failed fetch the page
 * is tried again sooner, with an exponential backoff that never waits longer than the normal
 * interval. Pure; the refresh service and the Cron Trigger use it (docs/import.md).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** [age of the story below which, interval between checks]. */
export const FOLLOW_STEPS: [number, number][] = [
  [1 * DAY, 1 * HOUR],
  [3 * DAY, 3 * HOUR],
  [7 * DAY, 12 * HOUR],
  [30 * DAY, 2 * DAY],
  [90 * DAY, 7 * DAY],
  [Infinity, 30 * DAY],
];

/** The first retry after a failure; each further failure in a row doubles it. */
export const RETRY_FIRST = 15 * MINUTE;

/** The interval between checks of a story this old (ms). */
export function followInterval(ageMs: number): number {
  return (FOLLOW_STEPS.find(([age]) => Math.max(0, ageMs) < age) as [number, number])[1];
}

/**
 * When to look next: `now` plus the interval for the story's age, or, after `failures` failed
 * fetches in a row, plus 15 min × 2^(failures-1), capped at that interval.
 *
 * @example nextCheckAt(Date.parse('2024-05-14T12:00Z'), Date.parse('2024-05-14T08:00Z'), 0) // 13:00 the same day
 */
export function nextCheckAt(now: number, storySince: number, failures: number): Date {
  const interval = followInterval(now - storySince);
  const wait = failures > 0 ? Math.min(interval, RETRY_FIRST * 2 ** Math.min(failures - 1, 20)) : interval;
  return new Date(now + wait);
}

/** When a story began, for its age: its published date when it is a full day, else when it was loaded. */
export function storySince(publishedAt: string, createdAt: string): number {
  const full = /^\d{4}-\d{2}-\d{2}$/.test(publishedAt) ? Date.parse(`${publishedAt}T00:00:00Z`) : NaN;
  const created = Date.parse(createdAt);
  // A publishing date after the loading date is the publisher's clock or time zone: take the earlier.
  return Number.isNaN(full) ? created : Math.min(full, created);
}
