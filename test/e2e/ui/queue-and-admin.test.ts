import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiCall, createArticle, createClaim, pageAs, unique } from './helpers';

/** A claim with a proposed verdict, flagged to the editors; returns its id. */
async function flagged(page: Page, articleId: string, quote: string, kind: string, value: unknown) {
  const claim = await createClaim(page, articleId, quote, kind, value);
  const v = await apiCall(page, 'POST', `/claims/${claim.id}/verdicts`, { rating: 'false', summary: 'Not so.', version: claim.version });
  const f = await apiCall(page, 'POST', `/claims/${claim.id}/flag`, { reason: 'Please check', version: v.body.claimVersion });
  expect(f.status).toBe(200);
  return claim.id;
}

describe('the editors’ queue', () => {
  let editor: { context: BrowserContext; page: Page };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    editor = await pageAs('editor@factmark.local');
    const article = await createArticle(editor.page);
    ids.ret = await flagged(editor.page, article.id, '12 years in prison', 'sentence', 'P12Y');
    ids.dis = await flagged(editor.page, article.id, '80,000 somoni', 'money', { amount: 80000, currency: 'TJS' });
    ids.stale = await flagged(editor.page, article.id, 'August 22', 'date', '2017-08-22');
    ids.panel = await flagged(editor.page, article.id, 'between 100 and 250', 'count', { min: 100, max: 250 });
  });

  afterAll(async () => {
    await editor?.context.close();
  });

  it('needs a note to return a claim, then returns it to the fact-checkers', async () => {
    const { page } = editor;
    await page.goto('/app/queue');
    const item = page.locator(`#q-${ids.ret}`);
    await item.locator('button[data-decide="return"]').click();
    expect(await item.locator('form.queue-actions .field-error').textContent()).toContain('Write a note');
    await item.locator('form.queue-actions textarea').fill('Find the court record first.');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/claims/${ids.ret}/return`) && r.status() === 200), item.locator('button[data-decide="return"]').click()]);
    await item.locator('.notice', { hasText: 'Returned' }).waitFor();
    const claim = (await apiCall(page, 'GET', `/claims/${ids.ret}`)).body;
    expect(claim.status).toBe('open');
    expect(claim.flags[0].resolutionNote).toBe('Find the court record first.');
  });

  it('dismisses a claim after asking', async () => {
    const { page } = editor;
    await page.goto('/app/queue');
    page.once('dialog', (d) => void d.accept());
    await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/claims/${ids.dis}/dismiss`) && r.status() === 200), page.locator(`#q-${ids.dis} button[data-decide="dismiss"]`).click()]);
    expect((await apiCall(page, 'GET', `/claims/${ids.dis}`)).body.status).toBe('dismissed');
  });

  it('says so when the claim changed since the queue was loaded, shows it as it is now, and keeps the note', async () => {
    const { page } = editor;
    await page.goto('/app/queue');
    const claim = (await apiCall(page, 'GET', `/claims/${ids.stale}`)).body;
    // A checker changes the flagged claim's value and subject while the queue is open.
    await apiCall(page, 'PATCH', `/claims/${ids.stale}`, { subject: 'court decision', value: '2017-08-23', version: claim.version });
    const item = page.locator(`#q-${ids.stale}`);
    await item.locator('form.queue-actions textarea').fill('My note');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/claims/${ids.stale}/publish`)), item.locator('button[data-decide="publish"]').click()]);
    expect(res.status()).toBe(409);
    await item.locator('.form-error', { hasText: 'someone changed this claim' }).waitFor();
    expect(await item.locator('form.queue-actions textarea').inputValue()).toBe('My note');
    expect((await apiCall(page, 'GET', `/claims/${ids.stale}`)).body.status).toBe('flagged');
    // The other person's change is shown in the item, and deciding again acts on what was shown.
    const fresh = await item.locator('dl.fresh').textContent();
    expect(fresh).toContain('court decision');
    expect(fresh).toContain('23 August 2017'); // values in words (issue 13)
    const [again] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/claims/${ids.stale}/publish`)), item.locator('button[data-decide="publish"]').click()]);
    expect(again.status()).toBe(200);
    await item.locator('.notice', { hasText: 'Published' }).waitFor();
  });

  it('names who flagged each claim', async () => {
    const { page } = editor;
    await page.goto('/app/queue');
    expect(await page.locator(`#q-${ids.panel} .flag-reason`).textContent()).toContain('by Eddie Editor');
  });

  it('lets an editor publish and unpublish from the claim panel too', async () => {
    const { page } = editor;
    await page.goto(`/app/claims/${ids.panel}`);
    await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/claims/${ids.panel}/publish`) && r.status() === 200), page.click('#decide-form button[data-decide="publish"]')]);
    await page.locator('.claim-facts .badge.st-published').waitFor();
    page.once('dialog', (d) => void d.accept());
    await page.fill('#df-note', 'Published too early.');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/claims/${ids.panel}/unpublish`) && r.status() === 200), page.click('#decide-form button[data-decide="unpublish"]')]);
    await page.locator('.claim-facts .badge.st-open').waitFor();
    expect((await apiCall(page, 'GET', `/claims/${ids.panel}`)).body.public).toBe(false);
  });

  it('is not for checkers', async () => {
    const checker = await pageAs('checker@factmark.local');
    const res = await checker.page.goto('/app/queue');
    expect(res?.status()).toBe(403);
    expect(await checker.page.locator('h1').textContent()).toBe('Not for your role');
    expect(await checker.page.locator('nav[aria-label="Sections"]').textContent()).not.toContain('queue');
    await checker.context.close();
  });
});

describe('the admin page', () => {
  let admin: { context: BrowserContext; page: Page };
  let email = '';

  beforeAll(async () => {
    admin = await pageAs('admin@factmark.local');
    email = `person-${unique()}@factmark.test`;
  });

  afterAll(async () => {
    await admin?.context.close();
  });

  it('creates an account, showing the API’s field errors first', async () => {
    const { page } = admin;
    await page.goto('/app/admin');
    await page.fill('#nu-name', 'New Person');
    await page.fill('#nu-email', 'not-an-email');
    await page.fill('#nu-password', 'short');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/users')), page.click('#user-create button[type=submit]')]);
    expect(res.status()).toBe(422);
    await page.locator('#nu-email-error', { hasText: 'e-mail' }).waitFor();
    await page.locator('#nu-password-error', { hasText: '12 characters' }).waitFor();
    await page.fill('#nu-email', email);
    await page.fill('#nu-password', 'a long enough password');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.status() === 201), page.click('#user-create button[type=submit]')]);
    await page.locator('#users td', { hasText: email }).waitFor();
  });

  it('changes the role and disables the account', async () => {
    const { page } = admin;
    const row = page.locator('#users tr', { hasText: email });
    await row.locator('select').selectOption('editor');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'PATCH' && r.status() === 200), row.locator('button[type=submit]').click()]);
    // The page reloads and then says so.
    await page.locator('#toast', { hasText: 'Role changed.' }).waitFor();
    expect(await page.locator('#users tr', { hasText: email }).locator('select').inputValue()).toBe('editor');
    page.once('dialog', (d) => void d.accept());
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'PATCH' && r.status() === 200), page.locator('#users tr', { hasText: email }).locator('button[data-toggle-user="disable"]').click()]);
    await page.locator('#users tr', { hasText: email }).locator('.badge', { hasText: 'disabled' }).waitFor();
    const login = await apiCall(page, 'POST', '/auth/login', { email, password: 'a long enough password' });
    expect(login.status).toBe(401);
  });

  it('creates a token, shows its secret once, and revokes it', async () => {
    const { page } = admin;
    const name = `import-${unique()}`;
    await page.fill('#nt-name', name);
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/tokens') && r.status() === 201), page.click('#token-create button[type=submit]')]);
    await page.locator('#token-secret').waitFor({ state: 'visible' });
    const secret = await page.inputValue('#token-secret-value');
    expect(secret).toMatch(/^fmk_/);
    const me = await page.request.get('/api/v1/me', { headers: { Authorization: `Bearer ${secret}` } });
    expect(me.status()).toBe(200);
    await page.reload();
    expect(await page.content()).not.toContain(secret);
    page.once('dialog', (d) => void d.accept());
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'DELETE' && r.status() === 204), page.locator('#tokens tr', { hasText: name }).locator('button[data-revoke]').click()]);
    await page.locator('#tokens tr', { hasText: name }).locator('.badge', { hasText: 'revoked' }).waitFor();
    const after = await page.request.get('/api/v1/me', { headers: { Authorization: `Bearer ${secret}` } });
    expect(after.status()).toBe(401);
  });
});
