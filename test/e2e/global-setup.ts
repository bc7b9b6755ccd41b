import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { findChromium } from '../../scripts/chromium';
import { startLocalApp } from '../../scripts/local-app';

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
    // A system Chromium, else the one the @sparticuz/chromium package ships (scripts/chromium.ts).
    const found = await findChromium();
    console.log(`e2e: Chromium from ${found.source}`);
    browser = await chromium.launchServer({ executablePath: found.executablePath, args: found.args, env: { ...process.env, ...found.env } });
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
