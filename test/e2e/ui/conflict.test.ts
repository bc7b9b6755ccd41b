import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot } from '../browser';
import { apiCall, createArticle, createClaim, pageAs, unique } from './helpers';

/**
 * Two checkers on one claim: the one who saves second, from a page that is now stale, is told
 * plainly, sees the claim as it is now, keeps their input, and can save it on top.
 */
describe('a stale claim page in the reviewer UI', () => {
  let first: { context: BrowserContext; page: Page };
  let second: { context: BrowserContext; page: Page };
  let claimId = '';

  beforeAll(async () => {
    const admin = await pageAs('admin@factmark.local');
    const email = `checker-${unique()}@factmark.test`;
    const created = await apiCall(admin.page, 'POST', '/users', { email, name: 'Second Checker', role: 'checker', password: 'a long test password' });
    expect(created.status).toBe(201);
    const article = await createArticle(admin.page);
    claimId = (await createClaim(admin.page, article.id, '80,000 somoni', 'money', { amount: 80000, currency: 'TJS' })).id;
    await admin.context.close();
    first = await pageAs('checker@factmark.local');
    second = await pageAs(email, {}, 'a long test password');
  });

  afterAll(async () => {
    await first?.context.close();
    await second?.context.close();
  });

  it('says so, shows the fresh data and keeps the unsaved input', async () => {
    await first.page.goto(`/app/claims/${claimId}`);
    await second.page.goto(`/app/claims/${claimId}`);

    // The second checker saves first.
    await second.page.fill('#cf-subject', 'fine paid by the journalist');
    await Promise.all([second.page.waitForResponse((r) => r.url().endsWith(`/api/v1/claims/${claimId}`) && r.request().method() === 'PATCH' && r.status() === 200), second.page.click('#claim-form button[type=submit]')]);

    // The first checker, on the page loaded before that, edits another field.
    await first.page.fill('#cf-speaker', 'Prosecutor General’s office');
    const [res] = await Promise.all([first.page.waitForResponse((r) => r.url().endsWith(`/api/v1/claims/${claimId}`) && r.request().method() === 'PATCH'), first.page.click('#claim-form button[type=submit]')]);
    expect(res.status()).toBe(409);
    const conflict = first.page.locator('#conflict');
    await conflict.waitFor({ state: 'visible' });
    const message = await conflict.textContent();
    expect(message).toContain('changed by someone else');
    expect(message).toContain('not saved');
    expect(await first.page.locator('#conflict-fresh').textContent()).toContain('fine paid by the journalist');
    expect(await first.page.inputValue('#cf-speaker')).toBe('Prosecutor General’s office');
    await screenshot(first.page, 'claim-conflict');
    expect(await first.page.locator('#claim-form .form-error').textContent()).toMatch(/someone else changed/);
    // Nothing was written by the stale save.
    expect((await apiCall(first.page, 'GET', `/claims/${claimId}`)).body.speaker).toBeNull();

    // Saving on top sends only the field this checker changed: the other's subject stays.
    // The panel is redrawn in place after the save (no page load); it says so.
    await Promise.all([first.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.status() === 200), first.page.click('#conflict-retry')]);
    await first.page.locator('#toast', { hasText: 'Claim saved.' }).waitFor();
    expect(await first.page.inputValue('#cf-subject')).toBe('fine paid by the journalist');
    const now = (await apiCall(first.page, 'GET', `/claims/${claimId}`)).body;
    expect(now.subject).toBe('fine paid by the journalist');
    expect(now.speaker).toBe('Prosecutor General’s office');
  });

  it('keeps input typed in other forms, and the focus, when one form is saved in place', async () => {
    await first.page.goto(`/app/claims/${claimId}`);
    await first.page.evaluate(() => ((window as unknown as { __stay: number }).__stay = 1));
    await first.page.fill('#vf-summary', 'Draft summary I have not saved');
    await first.page.fill('#cf-subject', 'fine imposed by the court');
    await first.page.focus('#claim-form button[type=submit]');
    await Promise.all([first.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.status() === 200), first.page.keyboard.press('Enter')]);
    await first.page.locator('#toast', { hasText: 'Claim saved.' }).waitFor();
    expect(await first.page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(1);
    expect(await first.page.inputValue('#vf-summary')).toBe('Draft summary I have not saved');
    expect(await first.page.inputValue('#cf-subject')).toBe('fine imposed by the court');
    expect(await first.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Save claim');
    // The form that was saved is clean again; the one with the draft still counts as unsaved.
    expect(await first.page.evaluate(() => [document.querySelector<HTMLElement>('#claim-form')?.dataset.dirty ?? '', document.querySelector<HTMLElement>('#verdict-form')?.dataset.dirty ?? ''])).toEqual(['', '1']);
  });

  it('asks before leaving a page with unsaved input, and not after a save', async () => {
    await first.page.goto(`/app/claims/${claimId}`);
    await first.page.fill('#ff-reason', 'Typed but not sent');
    const [dialog] = await Promise.all([first.page.waitForEvent('dialog'), first.page.goto('/app/articles')]);
    expect(dialog.type()).toBe('beforeunload');

    // A page whose input was all saved leaves without asking.
    const asked: string[] = [];
    const record = (d: { type(): string }) => asked.push(d.type());
    first.page.on('dialog', record);
    await first.page.goto(`/app/claims/${claimId}`);
    await first.page.fill('#cf-speaker', 'Court press office');
    await Promise.all([first.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.status() === 200), first.page.click('#claim-form button[type=submit]')]);
    await first.page.locator('#toast', { hasText: 'Claim saved.' }).waitFor();
    await first.page.goto('/app/articles');
    first.page.off('dialog', record);
    expect(asked).toEqual([]);
  });

  it('keeps the input and says how to get back when the session has ended', async () => {
    await first.page.goto(`/app/claims/${claimId}`);
    await first.page.fill('#ff-reason', 'Needs a second opinion');
    // Signed out elsewhere (another tab of the same browser).
    const other = await first.context.newPage();
    await other.goto('/app/articles');
    await Promise.all([other.waitForURL('**/app/login?signed-out'), other.click('#sign-out')]);
    await other.close();
    const [res] = await Promise.all([first.page.waitForResponse((r) => r.url().endsWith('/flag')), first.page.click('#flag-form button[type=submit]')]);
    expect(res.status()).toBe(401);
    await first.page.locator('#flag-form .form-error', { hasText: 'no longer signed in' }).waitFor();
    expect(await first.page.locator('#flag-form .form-error a').getAttribute('href')).toBe('/app/login');
    expect(await first.page.inputValue('#ff-reason')).toBe('Needs a second opinion');
  });
});
