import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** The reviewer UI under /app (server-rendered; behind a sign-in). */
export const uiRoutes = new Hono<AppEnv>();
