import { describe, expect, it } from 'vitest';
import { followInterval, nextCheckAt, storySince } from '../../../src/domain/follow-schedule';

const H = 3_600_000;
const D = 24 * H;
const T = Date.parse('2024-05-20T12:00:00Z');

describe('the follow schedule', () => {
  it('looks often at a young story, then less and less', () => {
    expect(followInterval(2 * H)).toBe(H);
    expect(followInterval(2 * D)).toBe(3 * H);
    expect(followInterval(5 * D)).toBe(12 * H);
    expect(followInterval(20 * D)).toBe(2 * D);
    expect(followInterval(60 * D)).toBe(7 * D);
    expect(followInterval(400 * D)).toBe(30 * D);
    expect(followInterval(-5 * H)).toBe(H); // a clock ahead of ours
  });

  it('retries a failure after 15 minutes, doubling, never beyond the normal interval', () => {
    const since = T - 10 * D; // normal interval: 2 days
    expect(nextCheckAt(T, since, 0).getTime() - T).toBe(2 * D);
    expect(nextCheckAt(T, since, 1).getTime() - T).toBe(15 * 60_000);
    expect(nextCheckAt(T, since, 2).getTime() - T).toBe(30 * 60_000);
    expect(nextCheckAt(T, since, 5).getTime() - T).toBe(4 * H);
    expect(nextCheckAt(T, since, 40).getTime() - T).toBe(2 * D);
    // A young story's normal interval (1 h) caps the backoff early.
    expect(nextCheckAt(T, T - H, 4).getTime() - T).toBe(H);
  });

  it('measures age from the published day when it is known, else from the loading', () => {
    expect(storySince('2024-05-14', '2024-05-20T09:00:00.000Z')).toBe(Date.parse('2024-05-14T00:00:00Z'));
    expect(storySince('2024-05', '2024-05-20T09:00:00.000Z')).toBe(Date.parse('2024-05-20T09:00:00.000Z'));
    expect(storySince('2024-05-21', '2024-05-20T09:00:00.000Z')).toBe(Date.parse('2024-05-20T09:00:00.000Z'));
  });
});
