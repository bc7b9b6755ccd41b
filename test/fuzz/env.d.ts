declare global {
  namespace Cloudflare {
    interface Env {
      /** Cases per route (vitest.config.ts: 6 in `npm test`, 100 in `npm run test:fuzz`). */
      FUZZ_RUNS?: string;
      /** The seed: fixed in `npm test`, new each long run unless given. */
      FUZZ_SEED?: string;
    }
  }
}
export {};
