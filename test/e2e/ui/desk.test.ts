import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot } from '../browser';
import { apiCall, createArticle, createClaim, pageAs, unique } from './helpers';

/**
 * The desk, as two people live it in two browsers: a checker mentions an editor, the editor's
 * unread count rises without a reload, they open the claim from the inbox and return it with
 * a note, the checker finds it under "Returned to me" in My work, fixes it and flags it again.
 * Then bulk accept of 20 suggestions, with the focus kept where it was.
 */

const PASSWORD = 'desk e2e password 1';

/** Marks the page so a full reload (which would drop the mark) is caught. */
const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { __stay: number }).__stay = 1));
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { __stay?: number }).__stay === 1);

async function person(admin: Page, role: 'checker' | 'editor', first: string) {
  const name = `${first} ${unique()}`;
  const email = `${first.toLowerCase()}-${unique()}@desk.example`;
  const res = await apiCall<{ id: string }>(admin, 'POST', '/users', { email, name, role, password: PASSWORD });
  if (res.status !== 201) throw new Error(`user: ${res.status} ${JSON.stringify(res.body)}`);
  const session = await pageAs(email, {}, PASSWORD);
  // Poll every second instead of every 15 (the knob the client documents).
  await session.context.addInitScript(() => localStorage.setItem('factmark:poll-ms', '1000'));
  return { ...session, id: res.body.id, name };
}

describe('the desk: mention, inbox, return, My work, re-flag', () => {
  let admin: { context: BrowserContext; page: Page };
  let checker: Awaited<ReturnType<typeof person>>;
  let editor: Awaited<ReturnType<typeof person>>;
  let claimId = '';

  beforeAll(async () => {
    admin = await pageAs('admin@factmark.local');
    checker = await person(admin.page, 'checker', 'Carla');
    editor = await person(admin.page, 'editor', 'Edna');
    const article = await createArticle(admin.page);
    const claim = await createClaim(admin.page, article.id, '12 years in prison', 'sentence', 'P12Y');
    // The checker has done the work and flagged it.
    let v = claim.version;
    for (const [path, body] of [
      ['', { assigneeId: checker.id }],
      ['/verdicts', { rating: 'true', summary: 'The court record says 12 years.' }],
      ['/flag', { reason: 'Ready to publish' }],
    ] as const) {
      const res = await apiCall(path ? checker.page : admin.page, path ? 'POST' : 'PATCH', `/claims/${claim.id}${path}`, { ...body, version: v });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      v = res.body.version ?? res.body.claimVersion;
    }
    claimId = claim.id;
  });

  afterAll(async () => {
    await Promise.all([admin?.context.close(), checker?.context.close(), editor?.context.close()]);
  });

  it('a checker mentions an editor; the editor’s unread count rises without a reload', async () => {
    await editor.page.goto('/app/work');
    await markPage(editor.page);
    const before = Number((await editor.page.locator('#unread-count').textContent()) || '0');

    const { page } = checker;
    await page.goto(`/app/claims/${claimId}`);
    await markPage(page);
    const box = page.locator('section.comments textarea[name="body"]');
    await box.click();
    await box.pressSequentially(`Can you look at the date? @${editor.name.split(' ')[0]}`);
    const option = page.locator('.mention-suggest [role="option"]', { hasText: editor.name });
    await option.waitFor();
    await page.keyboard.press('Enter');
    expect(await box.inputValue()).toBe(`Can you look at the date? @${editor.name} `);
    await box.pressSequentially('thanks');
    await page.keyboard.press('Control+Enter');
    await page.locator('section.comments .comment .mention', { hasText: editor.name }).waitFor();
    expect(await stillSamePage(page)).toBe(true);
    // The focus stays in the comment box, ready for the next one.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('body');

    await editor.page.waitForFunction((n) => Number(document.getElementById('unread-count')?.textContent || '0') > n, before, { timeout: 10_000 });
    expect(await stillSamePage(editor.page)).toBe(true);
    await screenshot(editor.page, 'desk-unread-badge');
  });

  it('the editor opens the claim from the inbox and returns it with a note', async () => {
    const { page } = editor;
    await page.click('#inbox-link');
    await page.waitForURL('**/app/notifications');
    const entry = page.locator('.note-item.unread', { hasText: 'mentioned you' });
    await screenshot(page, 'desk-inbox');
    await Promise.all([page.waitForURL(`**/app/claims/${claimId}**`), entry.locator('a.note-link').click()]);
    expect(await page.locator('section.comments').textContent()).toContain('Can you look at the date?');
    await page.fill('#df-note', 'The ruling says 10 years on appeal: check the appeal court record.');
    await page.click('#decide-form button[data-decide="return"]');
    await page.locator('.claim-facts .badge', { hasText: 'Returned' }).waitFor();
  });

  it('the checker finds it under “Returned to me” in My work, with the note, who and when', async () => {
    const { page } = checker;
    await page.goto('/app/work');
    const item = page.locator('#work-returned .work-item', { hasText: '12 years in prison' });
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain('The ruling says 10 years on appeal');
    expect(text).toContain(editor.name);
    expect(text).toMatch(/\d{1,2} \w{3} \d{4}, \d\d:\d\d UTC/);
    await screenshot(page, 'desk-my-work');
  });

  it('the checker fixes it in place and flags it again; it leaves “Returned to me”', async () => {
    const { page } = checker;
    await page.goto(`/app/claims/${claimId}`);
    await markPage(page);
    expect(await page.locator('.returned-note').textContent()).toContain('The ruling says 10 years on appeal');
    // "Add a source" is open already when the claim has none; open it otherwise.
    if (!(await page.locator('details.add-source').evaluate((d) => (d as HTMLDetailsElement).open))) await page.click('details.add-source > summary');
    await page.fill('#new-src-url', 'https://court.example/appeal/2017');
    await page.fill('#new-src-title', 'Appeal court ruling');
    await page.click('#source-add button[type=submit]');
    await page.locator('#sources .source', { hasText: 'Appeal court ruling' }).waitFor();
    expect(await stillSamePage(page)).toBe(true);
    await page.fill('#ff-reason', 'Fixed: appeal ruling added');
    await page.click('#flag-form button[type=submit]');
    await page.locator('.claim-facts .badge', { hasText: 'Flagged' }).waitFor();
    expect(await stillSamePage(page)).toBe(true);
    await page.goto('/app/work');
    expect(await page.locator('#work-returned .work-item', { hasText: '12 years in prison' }).count()).toBe(0);
  });
});

/** An editor's article of `n` districts, each with a count of detainees the extractor suggests; its id. */
async function districtsArticle(n: number): Promise<string> {
  const editor = await pageAs('editor@factmark.local');
  const text = Array.from({ length: n }, (_, i) => `In district ${i + 1}, ${120 + i} people were detained in ${2001 + i}.`).join('\n\n');
  const { id } = await createArticle(editor.page, { extract: true, text });
  await editor.context.close();
  return id;
}

/** A checker's session (closed after the block) and an article of `n` districts, made before the block's tests. */
function checkerOnDistricts(n: number, options: Parameters<typeof pageAs>[1] = {}) {
  const desk = { session: undefined as unknown as { context: BrowserContext; page: Page }, articleId: '' };
  beforeAll(async () => {
    desk.session = await pageAs('checker@factmark.local', options);
    desk.articleId = await districtsArticle(n);
  });
  afterAll(async () => {
    await desk.session?.context.close();
  });
  return desk;
}

describe('bulk actions in the article view', () => {
  // Twenty-one figures the extractor suggests: twenty to accept, one left alone.
  const desk = checkerOnDistricts(21);

  it('accepts 20 suggestions at once (shift-click range), in place, with the focus kept on the button', async () => {
    const { page } = desk.session;
    await page.goto(`/app/articles/${desk.articleId}?status=suggested`);
    await markPage(page);
    const boxes = page.locator('#claim-list .claim-item:not([hidden]) input[type="checkbox"][name="ids"]');
    const total = await boxes.count();
    expect(total).toBeGreaterThanOrEqual(21);
    await boxes.nth(0).click();
    await boxes.nth(19).click({ modifiers: ['Shift'] });
    expect(await page.locator('#bulk-count').textContent()).toContain('20 selected');
    const accept = page.locator('#bulk-bar button[value="accept"]');
    await accept.focus();
    await page.keyboard.press('Enter');
    await page.locator('#bulk-status', { hasText: '20 accepted' }).waitFor();
    expect(await stillSamePage(page)).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.value)).toBe('accept');
    const suggested = await apiCall<{ items: unknown[] }>(page, 'GET', `/claims?article=${desk.articleId}&suggested=true&limit=200`);
    expect(suggested.body.items).toHaveLength(total - 20);
    await screenshot(page, 'desk-bulk-accept');
  });
});

describe('the common actions without scripts (forms post and come back)', () => {
  const desk = checkerOnDistricts(4, { javaScriptEnabled: false });

  it('accepts one suggestion, then two at once, from the article view', async () => {
    const { page } = desk.session;
    await page.goto(`/app/articles/${desk.articleId}?status=suggested`);
    const before = await page.locator('#claim-list .claim-item[data-status="suggested"]').count();
    await Promise.all([page.waitForURL(`**/app/articles/${desk.articleId}**`), page.locator('#claim-list .claim-item:not([hidden]) button[data-action="accept"]').first().click()]);
    expect(await page.locator('.flash').textContent()).toContain('1 accepted');
    const boxes = page.locator('#claim-list .claim-item[data-status="suggested"]:not([hidden]) input.pick');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await Promise.all([page.waitForURL(`**/app/articles/${desk.articleId}**`), page.click('#bulk-bar button[value="accept"]')]);
    expect(await page.locator('.flash').textContent()).toContain('2 accepted');
    expect(await page.locator('#claim-list .claim-item[data-status="suggested"]').count()).toBe(before - 3);
  });

  it('saves a field, adds a source and comments on the claim panel', async () => {
    const { page } = desk.session;
    const claim = (await apiCall<{ items: { id: string }[] }>(page, 'GET', `/claims?article=${desk.articleId}&suggested=false&limit=5`)).body.items[0];
    await page.goto(`/app/claims/${claim.id}`);
    await page.fill('#cf-subject', 'people detained');
    await Promise.all([page.waitForURL(`**/app/claims/${claim.id}**`), page.click('#claim-form button[value="save"]')]);
    expect(await page.locator('.flash').textContent()).toContain('Claim saved.');
    expect(await page.inputValue('#cf-subject')).toBe('people detained');
    await page.fill('#new-src-url', 'https://ngo.example/report');
    await page.fill('#new-src-title', 'NGO report');
    await Promise.all([page.waitForURL(`**/app/claims/${claim.id}**`), page.click('#source-add button[type=submit]')]);
    expect(await page.locator('.flash').textContent()).toContain('Source added.');
    expect(await page.locator('#sources .source').count()).toBe(1);
    await page.fill('section.comments textarea[name="body"]', 'Checked against the NGO report.');
    await Promise.all([page.waitForURL(`**/app/claims/${claim.id}**`), page.click('section.comments form.new-comment button[type=submit]')]);
    expect(await page.locator('section.comments .comment-body').last().textContent()).toBe('Checked against the NGO report.');
    // A stale form (the page was old) says so instead of writing.
    await page.goto(`/app/claims/${claim.id}`);
    await apiCall(page, 'PATCH', `/claims/${claim.id}`, { speaker: 'The NGO', version: Number(await page.locator('#claim-form input[name="version"]').inputValue()) });
    await page.fill('#cf-subject', 'detainees');
    await Promise.all([page.waitForURL(`**/app/claims/${claim.id}**`), page.click('#claim-form button[value="save"]')]);
    expect(await page.locator('.flash').textContent()).toMatch(/Not saved: .*version/);
  });
});

describe('the editors’ side', () => {
  let editor: { context: BrowserContext; page: Page };
  const flaggedClaims: { id: string }[] = [];

  beforeAll(async () => {
    editor = await pageAs('editor@factmark.local');
    const article = await createArticle(editor.page);
    for (const [quote, kind, value] of [
      ['12 years in prison', 'sentence', 'P12Y'],
      ['80,000 somoni', 'money', { amount: 80000, currency: 'TJS' }],
      ['between 100 and 250', 'count', { min: 100, max: 250 }],
    ] as const) {
      const c = await createClaim(editor.page, article.id, quote, kind, value);
      const v = await apiCall(editor.page, 'POST', `/claims/${c.id}/verdicts`, { rating: 'mostly-true', summary: 'Close to the record.', version: c.version });
      await apiCall(editor.page, 'POST', `/claims/${c.id}/flag`, { reason: 'Ready', editorId: 'usr_demo_editor', version: v.body.claimVersion });
      flaggedClaims.push(c);
    }
  });

  afterAll(async () => {
    await editor?.context.close();
  });

  it('finds them under “Flagged to me” and publishes two at once from the queue, in place', async () => {
    const { page } = editor;
    await page.goto('/app/queue?to=me');
    await markPage(page);
    for (const c of flaggedClaims) await page.locator(`#q-${c.id}`).waitFor();
    expect(await page.locator(`#q-${flaggedClaims[0].id} .flag-reason`).textContent()).toContain('to you');
    await page.check(`#q-${flaggedClaims[0].id} input.pick`);
    await page.check(`#q-${flaggedClaims[1].id} input.pick`);
    await page.click('#queue-bulk button[value="publish"]');
    await page.locator('#bulk-status', { hasText: '2 published' }).waitFor();
    expect(await stillSamePage(page)).toBe(true);
    for (const c of flaggedClaims.slice(0, 2)) expect((await apiCall(page, 'GET', `/claims/${c.id}`)).body.status).toBe('published');
    await screenshot(page, 'desk-queue');
  });

  it('edits the proposed wording before publishing; the panel credits both, the history shows the edit', async () => {
    const { page } = editor;
    const id = flaggedClaims[2].id;
    await page.goto(`/app/claims/${id}`);
    await page.click('#decide-form details.edit-wording > summary');
    await page.fill('#df-summary', 'Mostly true: the group counted 100 to 250 at the time.');
    await page.click('#decide-form button[data-decide="publish"]');
    await page.locator('.claim-facts .badge', { hasText: 'Published' }).waitFor();
    expect(await page.locator('#verdict .verdict-credit').first().textContent()).toContain('proposed by Eddie Editor, edited by Eddie Editor');
    expect(await page.locator('#history').textContent()).toContain('edited the proposed verdict’s wording before publishing');
    expect((await apiCall(page, 'GET', `/claims/${id}`)).body.publishedVerdict.summary).toBe('Mostly true: the group counted 100 to 250 at the time.');
  });
});
