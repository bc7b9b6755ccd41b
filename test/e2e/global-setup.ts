import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { startLocalApp } from '../../scripts/local-app';

/** Chromium flags for this sandbox: no GPU, no sandbox (root), no background network. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    wsEndpoint: string;
  }
}

/**
 * Starts the app the way `npm start` does (fresh local D1 in a temp folder, demo data
 * seeded) on 127.0.0.1 (E2E_PORT or a free port, so two runs do not collide), and one
 * Chromium shared by every e2e test file.
 */
export default async function setup(project: TestProject) {
  const app = await startLocalApp({ port: process.env.E2E_PORT ? Number(process.env.E2E_PORT) : undefined });
  let browser: BrowserServer;
  try {
    browser = await chromium.launchServer({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  } catch (error) {
    app.stop();
    throw error;
  }
  project.provide('baseURL', app.baseURL);
  project.provide('wsEndpoint', browser.wsEndpoint());
  return async () => {
    await browser.close();
    app.stop();
  };
}
