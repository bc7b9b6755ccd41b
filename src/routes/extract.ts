import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { Extract, MAX_EXTRACT_TEXT } from '../api-schemas';
import { ApiError } from '../errors';
import { EXTRACTOR_VERSION, extractClaims } from '../extract';
import { requireRole } from '../middleware/auth';
import { validate } from '../validation';

/** Stateless extraction: candidates for any text, stored nowhere. */
export const extractRoutes = new Hono<AppEnv>().post('/extract', requireRole('checker', 'use the extractor'), validate('json', Extract), (c) => {
  const { text, publishedAt } = c.req.valid('json');
  if (text.length > MAX_EXTRACT_TEXT) {
    throw new ApiError(413, 'text-too-large', `The text has ${text.length} characters; the extractor takes at most ${MAX_EXTRACT_TEXT}.`, { errors: [{ field: 'text', message: `is longer than ${MAX_EXTRACT_TEXT} characters` }] });
  }
  return c.json({ extractorVersion: EXTRACTOR_VERSION, candidates: extractClaims(text, { publishedAt }) });
});
