/**
 * Starts the app the way `npm start` does — fresh local D1 in a temp folder, demo data
 * seeded — on a free 127.0.0.1 port, for the e2e tests and the page-weight benchmark.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
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
    const up = await fetch(url).then((r) => r.status < 500, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the app at ${url} did not start within ${ms} ms`);
}

export interface LocalApp {
  baseURL: string;
  stop(): void;
}

export async function startLocalApp(opts: { port?: number; quiet?: boolean } = {}): Promise<LocalApp> {
  const port = opts.port ?? (await freePort());
  const persist = mkdtempSync(join(tmpdir(), 'factmark-app-'));
  // Its own process group (npx → wrangler → workerd), so stop() ends all of it.
  const app = spawn('node', ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(port), PERSIST_DIR: persist, LOG_LEVEL: 'warn', X_LOCAL_OBSERVABILITY: 'false', X_LOCAL_EXPLORER: 'false', SCHEDULE_EVERY_S: '0' },
    stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'inherit'],
    detached: true,
  });
  const stop = () => {
    try {
      if (app.pid) process.kill(-app.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(persist, { recursive: true, force: true });
  };
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${baseURL}/api/v1/openapi.json`, 120_000);
  } catch (error) {
    stop();
    throw error;
  }
  return { baseURL, stop };
}
