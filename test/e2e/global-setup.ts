import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';

/** Chromium flags for this sandbox: no GPU, no sandbox (root), no background network. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    wsEndpoint: string;
  }
}

/** E2E_PORT, or a free port, so two runs on one machine do not collide. */
async function pickPort(): Promise<number> {
  if (process.env.E2E_PORT) return Number(process.env.E2E_PORT);
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server at ${url} did not start within ${ms} ms`);
}

/**
 * Starts the app the way `npm start` does (fresh local D1 in a temp folder, demo data
 * seeded) on 127.0.0.1 (E2E_PORT or a free port), and one Chromium shared by every e2e test file.
 */
export default async function setup(project: TestProject) {
  const PORT = await pickPort();
  const persist = mkdtempSync(join(tmpdir(), 'factmark-e2e-'));
  let server: ChildProcess | null = spawn('node', ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(PORT), PERSIST_DIR: persist, LOG_LEVEL: 'warn', X_LOCAL_OBSERVABILITY: 'false', X_LOCAL_EXPLORER: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const baseURL = `http://127.0.0.1:${PORT}`;
  let browser: BrowserServer | null = null;
  try {
    await waitFor(`${baseURL}/api/v1/openapi.json`, 120_000);
    browser = await chromium.launchServer({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  } catch (error) {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
    throw error;
  }
  project.provide('baseURL', baseURL);
  project.provide('wsEndpoint', browser.wsEndpoint());
  return async () => {
    await browser?.close();
    // The server runs in its own process group (npx → wrangler → workerd): end all of it.
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    server = null;
    rmSync(persist, { recursive: true, force: true });
  };
}
