import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** Screenshots go here (git-ignored); look at them before calling UI work done. */
export const SCREENSHOT_DIR = 'test-results/screenshots';

let shared: Browser | null = null;

/** The Chromium started by global-setup, connected once per test file. */
export async function browser(): Promise<Browser> {
  shared ??= await chromium.connect(inject('wsEndpoint'));
  return shared;
}

export const baseURL = () => inject('baseURL');

export async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await (await browser()).newContext({ baseURL: baseURL(), ...options });
  const page = await context.newPage();
  // A page left with unsaved input asks before it unloads. Playwright dismisses a dialog nobody
  // listens for, which cancels the navigation and hangs the next goto; accept it instead, so a
  // dirty form left by one test never stalls the next (the prompt itself is tested on its own).
  page.on('dialog', (dialog) => {
    if (dialog.type() === 'beforeunload') dialog.accept().catch(() => {});
  });
  return { context, page };
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/** Signs in through the UI's API (same origin), leaving the session cookie in the context. */
export async function signIn(page: Page, email: string, password = 'factmark-demo') {
  const res = await page.request.post('/api/v1/auth/login', { data: { email, password }, headers: { Origin: baseURL() } });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
}

/** Presses Tab, at most `tries` times, until a highlight (`factmark-mark`) has the focus (the test fails if none gets it); its claim id. */
export async function tabToHighlight(page: Page, tries: number): Promise<string | null> {
  let focused = '';
  for (let i = 0; i < tries && focused !== 'factmark-mark'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.localName ?? '');
  }
  expect(focused).toBe('factmark-mark');
  return page.evaluate(() => document.activeElement!.getAttribute('data-claim'));
}
