// Small helpers for choosing among overlapping matches.

export interface Interval {
  start: number;
  end: number;
}

/**
 * Keep the longest of overlapping intervals (ties: the earlier one), in text
 * order. Uses an occupancy bitmap so the cost is linear in the covered text,
 * not quadratic in the number of matches (large texts have many).
 */
export function keepLongest<T extends Interval>(items: T[], textLength: number): T[] {
  if (items.length < 2) return items.slice();
  const sorted = items.slice().sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(textLength + 1);
  const kept: T[] = [];
  for (const it of sorted) if (takeIfFree(taken, it)) kept.push(it);
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Marks `[start, end)` taken in the occupancy bitmap when none of it is yet, and says whether
 * it did: the one step of every "first come keeps its characters" choice among matches.
 */
export function takeIfFree(taken: Uint8Array, { start, end }: Interval): boolean {
  for (let i = start; i < end; i++) if (taken[i]) return false;
  taken.fill(1, start, end);
  return true;
}
