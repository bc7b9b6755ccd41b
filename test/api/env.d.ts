import type { D1Migration } from '@cloudflare/vitest-plugin';

declare global {
  namespace Cloudflare {
    interface Env {
      /** Set in vitest.config.ts: the migrations the setup file applies to each file's D1. */
      TEST_MIGRATIONS: D1Migration[];
      /** The demo data as SQL statements (scripts/seed.ts). */
      TEST_SEED: string[];
      /** The claim-matching fixtures' files (test/fixtures/library/files.ts). */
      TEST_LIBRARY_FILES: import('../fixtures/library/fixtures').LibraryFiles;
      /** An empty D1 for the migration test. */
      MIGRATION_DB: D1Database;
    }
  }
}
