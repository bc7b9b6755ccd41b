import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { seedStatements } from './scripts/seed.ts';
import { readLibraryFiles } from './test/fixtures/library/files.ts';

// Four projects: `api` runs inside workerd through the real Worker entry, `fuzz` too (every
// documented route with generated bad input), `unit` runs pure modules in Node, `e2e` drives
// Chromium (a system one, else the packaged one: scripts/chromium.ts) against a local server.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('schema/migrations');
  const seed = await seedStatements();
  // The claim-matching fixtures' files, for the API tests (workerd cannot read files).
  const libraryFiles = readLibraryFiles();
  return {
    test: {
      projects: [
        {
          extends: false,
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, TEST_SEED: seed, TEST_LIBRARY_FILES: JSON.parse(JSON.stringify(libraryFiles)), ENVIRONMENT: 'test', WEBHOOK_RETRY_DELAYS: '1,1,1' },
                // A second, empty database for the migration test (the setup file leaves it alone).
                d1Databases: { MIGRATION_DB: 'migration-test' },
              },
            }),
          ],
          test: {
            name: 'api',
            include: ['test/api/**/*.test.ts'],
            setupFiles: ['test/api/apply-migrations.ts'],
            // Speed lives in the benchmarks, not in timed tests: a shared, loaded machine (CI or
            // several runs at once) can take many times vitest's 5 s default on a heavy test.
            testTimeout: 60_000,
            hookTimeout: 120_000,
            // Real servers on 127.0.0.1: a publisher's web server (test/fixtures/publisher) for import and
            // outbound fetches, and a webhook receiver (test/api/receiver.ts).
            globalSetup: ['test/api/publisher-setup.ts', 'test/api/receiver.ts'],
          },
        },
        {
          // Every route of the OpenAPI document with generated bad input (test/fuzz). `npm test`
          // runs the short form (FUZZ_RUNS cases per route, a fixed seed); `npm run test:fuzz`
          // the long one (FUZZ_RUNS=100, a new seed each run, printed for FUZZ_SEED to replay).
          extends: false,
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, TEST_SEED: seed, ENVIRONMENT: 'test', FUZZ_RUNS: process.env.FUZZ_RUNS ?? '6', FUZZ_SEED: process.env.FUZZ_SEED ?? (process.env.FUZZ_RUNS ? '' : '20261206') },
              },
            }),
          ],
          test: {
            name: 'fuzz',
            include: ['test/fuzz/**/*.test.ts'],
            setupFiles: ['test/api/apply-migrations.ts'],
            testTimeout: 120_000,
          },
        },
        {
          extends: false,
          test: {
            name: 'unit',
            environment: 'node',
            include: ['test/unit/**/*.test.ts'],
            // As above: a generous limit, so load on the machine never fails a test.
            testTimeout: 60_000,
          },
        },
        {
          extends: false,
          test: {
            name: 'e2e',
            environment: 'node',
            include: ['test/e2e/**/*.test.ts'],
            globalSetup: ['test/e2e/global-setup.ts'],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
