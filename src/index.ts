import { createApp } from './app';

/** The Worker entry: the Hono app handles every request not served as a static asset. */
export default createApp();
