import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/** Gives every request an id (or keeps a sane incoming one) and echoes it as X-Request-Id. */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async function requestIdMiddleware(c, next) {
    const incoming = c.req.header('x-request-id');
    const id = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  };
}
