import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { runAfterWrite } from '../services/after-write';
import type { Written } from '../services/events';

/**
 * Takes a write service's result: keeps its audit events for the after-write step and
 * returns the value. Every route that calls a write service passes its result through here
 * (a `Written<T>` is not a `T`, so the type checker notices a route that forgets).
 *
 * @example const claim = recordWrite(c, await publishClaim(db, actor, id, version));
 */
export function recordWrite<T>(c: Context<AppEnv>, result: Written<T>): T {
  c.get('writes').push(...result.events);
  return result.value;
}

/** `waitUntil` of the request, except in tests (they check effects right after a request). */
export function waitUntilOf(c: Context<AppEnv>): ((work: Promise<unknown>) => void) | null {
  if (c.env.ENVIRONMENT === 'test') return null;
  try {
    const ctx = c.executionCtx;
    return (work) => ctx.waitUntil(work);
  } catch {
    return null;
  }
}

/**
 * The after-write step of the API: after the handler, whatever its outcome, the events of
 * the writes it committed go to the reactions (`src/services/after-write.ts`). They run
 * before the response is sent, each isolated: a failing one is logged, the answer stands.
 */
export function afterWriteStep(): MiddlewareHandler<AppEnv> {
  return async function afterWrite(c, next) {
    c.set('writes', []);
    try {
      await next();
    } finally {
      const events = c.get('writes');
      if (events.length) await runAfterWrite({ env: c.env, origin: new URL(c.req.url).origin, requestId: c.get('requestId'), waitUntil: waitUntilOf(c) }, events);
    }
  };
}
