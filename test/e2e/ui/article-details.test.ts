import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiCall, createArticle, pageAs } from './helpers';

describe('an article’s details in the reviewer UI', () => {
  let editor: { context: BrowserContext; page: Page };
  let article: { id: string };

  beforeAll(async () => {
    editor = await pageAs('editor@factmark.local');
    article = await createArticle(editor.page);
  });

  afterAll(async () => {
    await editor?.context.close();
  });

  it('are edited by an editor, with the API’s field errors beside the fields', async () => {
    const { page } = editor;
    await page.goto(`/app/articles/${article.id}`);
    await page.click('.edit-article > summary');
    await page.fill('#ea-url', 'ftp://example.org/x');
    await page.fill('#ea-title', 'A corrected title');
    const [bad] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'PATCH'), page.click('#article-form button[type=submit]')]);
    expect(bad.status()).toBe(422);
    await page.locator('#ea-url-error', { hasText: 'http' }).waitFor();
    await page.fill('#ea-url', 'https://example.org/corrected');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'PATCH' && r.status() === 200), page.click('#article-form button[type=submit]')]);
    await page.locator('#article-title', { hasText: 'A corrected title' }).waitFor();
    expect((await apiCall(page, 'GET', `/articles/${article.id}`)).body.url).toBe('https://example.org/corrected');
  });

  it('can be deleted by an editor while nothing in it is published', async () => {
    const { page } = editor;
    await page.goto(`/app/articles/${article.id}`);
    await page.click('.edit-article > summary');
    page.once('dialog', (d) => void d.accept());
    await Promise.all([page.waitForURL('**/app/articles'), page.click('#article-delete')]);
    expect((await apiCall(page, 'GET', `/articles/${article.id}`)).status).toBe(404);
  });

  it('are not editable by a checker', async () => {
    const checker = await pageAs('checker@factmark.local');
    const other = await createArticle(editor.page);
    await checker.page.goto(`/app/articles/${other.id}`);
    expect(await checker.page.locator('#article-form').count()).toBe(0);
    await checker.context.close();
  });
});
