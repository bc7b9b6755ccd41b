import { Hono } from 'hono/tiny';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './env';

import { DomainError } from './domain/errors';
import { afterWriteStep } from './middleware/after-write';
import { authenticate } from './middleware/auth';
import { csrfProtection } from './middleware/csrf';
import { requestId } from './middleware/request-id';
import { securityHeaders } from './middleware/security-headers';
import { problemResponse } from './problem';
import { accountRoutes } from './routes/accounts';
import { articleRoutes } from './routes/articles';
import { livingRoutes } from './routes/living';
import { authRoutes } from './routes/auth';
import { claimRoutes } from './routes/claims';
import { commentRoutes } from './routes/comments';
import { notificationRoutes } from './routes/notifications';
import { extractRoutes } from './routes/extract';
import { settingsRoutes } from './routes/settings';
import { libraryRoutes } from './routes/library';
import { docsRoutes } from './routes/docs';
import { dataFeedRoutes } from './routes/datafeed';
import { exportRoutes } from './routes/exports';
import { webhookRoutes } from './routes/webhooks';
import { mountRoutes, type ApiRoute } from './routes/contract';
import { publicRoutes } from './routes/public';
import { reachRoutes } from './routes/reach';
import { uiRoutes } from './routes/ui';

/** Request bodies larger than this get 413 (stated in the README and the OpenAPI document). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Every /api/v1 operation, each with its contract (src/routes/contract.ts); the OpenAPI document lists them all. */
// The exports first: `/claims/{id}` would take `/claims/export`.
export const API_ROUTES: readonly ApiRoute[] = [...exportRoutes, ...authRoutes, ...articleRoutes, ...livingRoutes, ...claimRoutes, ...commentRoutes, ...notificationRoutes, ...accountRoutes, ...extractRoutes, ...webhookRoutes, ...settingsRoutes, ...libraryRoutes];
export const ALL_API_ROUTES: readonly ApiRoute[] = [...API_ROUTES, ...docsRoutes(() => ALL_API_ROUTES)];

/** The JSON API under /api/v1: middleware, then every route from its contract. */
export function createApi() {
  const api = new Hono<AppEnv>();
  api.use('*', async function noStore(c, next) {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  api.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new DomainError('body-too-large', `The request body is over ${MAX_BODY_BYTES} bytes.`); } }));
  api.use('*', authenticate());
  api.use('*', csrfProtection());
  api.use('*', afterWriteStep());
  mountRoutes(api, ALL_API_ROUTES);
  return api;
}

/** The whole Worker app: middleware, the API, the public pages and the reviewer UI. */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', securityHeaders());
  app.route('/api/v1', createApi());
  // The reviewer UI knows who is signed in (same session cookie as the API) and its own
  // writes go through the API, so CSRF protection stays in one place.
  app.use('/app/*', authenticate());
  app.use('/app', authenticate());
  // The UI's own form posts (pages without scripts) get the API's CSRF check and after-write step.
  app.use('/app/*', csrfProtection());
  app.use('/app/*', afterWriteStep());
  app.route('/app', uiRoutes);
  app.route('/', dataFeedRoutes);
  // The embed's reach beacon: public, anonymous, no cookies read or set (issue 17).
  app.route('/', reachRoutes);
  app.route('/', publicRoutes);
  app.notFound((c) => problemResponse(new DomainError('not-found', `Nothing at ${new URL(c.req.url).pathname}.`), c));
  app.onError((error, c) => problemResponse(error, c));
  return app;
}
