import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env';
import { DomainError, invalid } from '../domain/errors';
import { createDb } from '../db';
import { dayOf } from '../domain/stats';
import { publicReachTarget } from '../services/dashboard';
import { reachStoreFor } from '../services/reach';

/** Popovers counted from one page view at most; more is a script, not a reader. */
export const MAX_OPENS_PER_VIEW = 50;
/** The body is a number of popovers: a few digits. */
const MAX_BODY_BYTES = 16;

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Cache-Control': 'no-store',
};

/**
 * The embed's reach beacon: `POST /reach/{slug}` or `POST /reach?url=<canonical URL>` (the
 * same two ways the embed finds its feed), sent once per page view with
 * `navigator.sendBeacon`; the body is the number of popovers opened (text, may be empty).
 * It counts one view for a public article and answers 204. It reads no cookie, sets none
 * and keeps nothing about the reader: not the address, not the user agent, not the page.
 * A CORS-safelisted request (text/plain), so browsers send it without a preflight.
 */
export const reachRoutes = new Hono<AppEnv>();

// The body is read through the limit: a beacon sent without Content-Length (chunked) is
// refused at its 17th byte, not read whole into memory first.
const beaconBodyLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw tooLarge(); } });
reachRoutes.use('/reach/*', beaconBodyLimit);
reachRoutes.use('/reach', beaconBodyLimit);
reachRoutes.options('/reach/*', preflight);
reachRoutes.options('/reach', preflight);
reachRoutes.post('/reach/:slug', (c) => countView(c, { slug: c.req.param('slug') }));
reachRoutes.post('/reach', (c) => {
  const url = c.req.query('url');
  if (!url) throw invalid('url', 'is required', 'Name the article: /reach/{slug} or /reach?url=<canonical URL>.');
  return countView(c, { url });
});

const tooLarge = () => new DomainError('body-too-large', `The beacon's body is the number of popovers opened: at most ${MAX_BODY_BYTES} bytes.`);

function preflight() {
  return new Response(null, { status: 204, headers: { ...CORS, 'Access-Control-Allow-Methods': 'POST, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '86400' } });
}

/** The popovers opened, from the body: empty for none, else a whole number (capped). */
export function parseOpens(body: string): number | null {
  const text = body.trim();
  if (text === '') return 0;
  if (!/^\d{1,6}$/.test(text)) return null;
  return Math.min(Number(text), MAX_OPENS_PER_VIEW);
}

async function countView(c: Context<AppEnv>, target: { slug: string } | { url: string }) {
  const raw = await c.req.text();
  const opens = parseOpens(raw);
  if (opens === null) throw invalid('(body)', 'must be a whole number', 'The body must be the number of popovers opened.');
  const db = createDb(c.env.DB);
  const article = await publicReachTarget(db, target);
  // Drafts answer exactly like unknown articles.
  if (!article) throw new DomainError('not-found', 'No published fact-checks for this article.');
  await reachStoreFor(c.env, db).record({ articleId: article.id, publisher: article.publisher, opens, day: dayOf(new Date()) });
  return new Response(null, { status: 204, headers: CORS });
}
