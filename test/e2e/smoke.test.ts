import { afterAll, describe, expect, it } from 'vitest';
import { baseURL, newPage } from './browser';

describe('the local server started for the e2e run', () => {
  const contexts: { close(): Promise<void> }[] = [];
  afterAll(async () => Promise.all(contexts.map((c) => c.close())));

  it('serves the API docs page to Chromium without script errors, with the demo article seeded', async () => {
    const { context, page } = await newPage();
    contexts.push(context);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const res = await page.goto('/api/v1/docs');
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Factmark API');
    await page.locator('#api-reference[aria-busy=false]').waitFor(); // rendered from openapi.json
    expect(await page.locator('section.op').count()).toBeGreaterThan(20);
    expect(errors).toEqual([]);

    const login = await page.request.post('/api/v1/auth/login', { data: { email: 'checker@factmark.local', password: 'factmark-demo' }, headers: { Origin: baseURL() } });
    expect(login.status()).toBe(200);
    const claims = await page.request.get('/api/v1/claims?article=freekhayrullo-and-the-art-of-changing-tajikistans-mind&limit=200');
    expect((await claims.json()).items.length).toBeGreaterThanOrEqual(31);
  });
});
