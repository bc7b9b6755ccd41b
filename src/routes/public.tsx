import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** Public, anonymous outputs: the W3C annotation feed, fact-check pages, article pages. */
export const publicRoutes = new Hono<AppEnv>();
