import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../browser';
import { verifyStandardWebhook } from '../../webhook-verifier';
import { apiCall, createArticle, createClaim, pageAs } from './helpers';

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A receiver on 127.0.0.1 that refuses its first request (with HTML in its answer) and takes the rest. */
function startReceiver(): Promise<{ server: Server; url: string; got: Received[] }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
      res.statusCode = got.length === 1 ? 500 : 200;
      res.end(got.length === 1 ? '<h1>Receiver down</h1><script>alert(1)</script>' : 'ok');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/factmark`, got })));
}

async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('webhooks in the reviewer UI', () => {
  let admin: { context: BrowserContext; page: Page };
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let secret = '';
  let endpointId = '';

  beforeAll(async () => {
    receiver = await startReceiver();
    admin = await pageAs('admin@factmark.local', { acceptDownloads: true });
  });

  afterAll(async () => {
    // Later tests publish too: this endpoint must not keep receiving (nor retrying) after the file.
    if (endpointId) await apiCall(admin.page, 'DELETE', `/webhooks/${endpointId}`);
    await admin?.context.close();
    receiver?.server.closeAllConnections();
    receiver?.server.close();
  });

  it('adds an endpoint and shows its signing secret once', async () => {
    const { page } = admin;
    await page.goto('/app/admin');
    await page.getByRole('link', { name: 'Manage webhooks' }).click();
    await page.locator('#wh-url').fill(receiver.url);
    await page.locator('#wh-description').fill('Newsroom CMS (test)');
    await page.locator('input[name="events"][value="claim.flagged"]').check();
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/webhooks') && r.status() === 201), page.getByRole('button', { name: 'Add endpoint' }).click()]);
    await page.locator('#webhook-secret').waitFor();
    secret = await page.locator('#webhook-secret-value').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, 'webhooks-new-endpoint');
    await page.reload();
    expect(await page.content()).not.toContain(secret.slice(12));
    const row = page.locator('#endpoints tbody tr', { hasText: receiver.url });
    endpointId = (await row.getAttribute('data-webhook-id'))!;
    expect(await row.textContent()).toContain('claim.flagged, claim.published, claim.unpublished');
  });

  it('delivers a publication signed, logs the failed attempt with the receiver’s answer as text, and redelivers it', async () => {
    const { page } = admin;
    const article = await createArticle(page);
    const claim = await createClaim(page, article.id, '12 years in prison', 'sentence', 'P12Y');
    const v = await apiCall(page, 'POST', `/claims/${claim.id}/verdicts`, { rating: 'true', summary: 'The court record says 12 years.', version: claim.version });
    const f = await apiCall(page, 'POST', `/claims/${claim.id}/flag`, { reason: 'Ready', version: v.body.claimVersion });
    const started = Date.now();
    const p = await apiCall(page, 'POST', `/claims/${claim.id}/publish`, { version: f.body.version });
    expect(p.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);

    // The flag and the publication: the first request was refused (500), so the queue retries it later.
    const got = await until(() => receiver.got, (g) => g.length >= 2);
    const types = got.map((r) => JSON.parse(r.body).type);
    expect(types).toEqual(expect.arrayContaining(['claim.flagged', 'claim.published']));
    for (const r of got) expect(await verifyStandardWebhook(secret, r.headers, r.body)).toBe(true);

    await page.goto(`/app/webhooks/${endpointId}`);
    const failed = page.locator('.delivery', { hasText: 'retrying' });
    await failed.waitFor();
    expect(await failed.locator('pre.excerpt').textContent()).toBe('<h1>Receiver down</h1><script>alert(1)</script>');
    await screenshot(page, 'webhooks-endpoint-deliveries');
    const deliveryId = (await failed.getAttribute('data-delivery-id'))!;
    await failed.getByRole('button', { name: 'Redeliver' }).click();
    const again = await until(() => receiver.got.filter((r) => r.headers['webhook-id'] === deliveryId), (g) => g.length >= 2);
    expect(again).toHaveLength(2);
    expect(again[1].body).toBe(again[0].body);
    await page.waitForURL(/webhooks/);
    await until(async () => (await page.reload(), await page.locator(`.delivery[data-delivery-id="${deliveryId}"] .badge`).textContent()), (t) => t === 'delivered', 10_000);
    expect(await page.locator(`.delivery[data-delivery-id="${deliveryId}"]`).textContent()).toContain('(redelivered)');
  });

  it('downloads the claims of an article as CSV with a byte-order mark', async () => {
    const { page } = admin;
    const article = await createArticle(page);
    await createClaim(page, article.id, '80,000 somoni', 'money', { amount: 80000, currency: 'TJS' });
    await page.goto(`/app/articles/${article.id}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.exports', { hasText: 'Export the claims' }).getByRole('link', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^factmark-claims-\d{4}-\d{2}-\d{2}\.csv$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('80,000 somoni');
  });
});
