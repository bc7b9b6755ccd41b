import type { D1Migration } from '@cloudflare/vitest-plugin';

declare global {
  namespace Cloudflare {
    interface Env {
      /** Set in vitest.config.ts: the migrations the setup file applies to each file's D1. */
      TEST_MIGRATIONS: D1Migration[];
      /** The demo data as SQL statements (scripts/seed.ts). */
      TEST_SEED: string[];
      /** An empty D1 for the migration test. */
      MIGRATION_DB: D1Database;
    }
  }
}
