import { describe, expect, it } from 'vitest';
import { parseRetrySchedule, RETRY_DELAYS_SECONDS, retryDelay, WEBHOOK_EVENT_OF_ACTION, WEBHOOK_EVENTS, webhookEventOf } from '../../../src/domain/webhooks';

describe('webhook events', () => {
  it('maps each audit action with a webhook to its past-tense event name', () => {
    const events = { 'claim.publish': 'claim.published', 'claim.unpublish': 'claim.unpublished', 'claim.flag': 'claim.flagged', 'claim.return': 'claim.returned', 'article.create': 'article.created' };
    for (const [action, event] of Object.entries(events)) expect(webhookEventOf(action), action).toBe(event);
    for (const [action, event] of Object.entries(WEBHOOK_EVENT_OF_ACTION)) expect(event.startsWith(action.split('.')[0] + '.')).toBe(true);
  });

  it('sends nothing for other actions, nor for names that only look like keys', () => {
    for (const action of ['claim.update', 'user.create', 'toString']) expect(webhookEventOf(action), action).toBeNull();
    expect(new Set(WEBHOOK_EVENTS).size).toBe(WEBHOOK_EVENTS.length);
  });
});

describe('retry schedule', () => {
  it('backs off exponentially over about a day, each delay within a queue retry’s 12-hour limit', () => {
    const total = RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(20 * 3600);
    expect(total).toBeLessThan(26 * 3600);
    for (let i = 1; i < RETRY_DELAYS_SECONDS.length; i++) expect(RETRY_DELAYS_SECONDS[i]).toBeGreaterThan(RETRY_DELAYS_SECONDS[i - 1]);
    expect(Math.max(...RETRY_DELAYS_SECONDS)).toBeLessThanOrEqual(43_200);
  });

  it('adds up to 10 % jitter, never past 12 hours, and stops after the last delay', () => {
    expect(retryDelay(1, RETRY_DELAYS_SECONDS, () => 0)).toBe(30);
    expect(retryDelay(1, RETRY_DELAYS_SECONDS, () => 0.999)).toBe(33);
    expect(retryDelay(8, RETRY_DELAYS_SECONDS, () => 0.999)).toBe(43_200);
    expect(retryDelay(RETRY_DELAYS_SECONDS.length + 1)).toBeNull();
  });

  it('takes a schedule from WEBHOOK_RETRY_DELAYS, and the default for anything malformed', () => {
    expect(parseRetrySchedule('1, 2,3')).toEqual([1, 2, 3]);
    expect(parseRetrySchedule(undefined)).toBe(RETRY_DELAYS_SECONDS);
    expect(parseRetrySchedule('1,x')).toBe(RETRY_DELAYS_SECONDS);
    expect(parseRetrySchedule('50000')).toBe(RETRY_DELAYS_SECONDS);
  });
});
