/**
 * The Mastodon client API: every `/api/v1` and `/api/v2` router, mounted in one place.
 * One file per resource under v1/ and v2/.
 */
import { Hono } from 'hono';
import type { AppEnv } from './env.ts';
import { appsRoutes } from './v1/apps.ts';
import { emailRoutes } from './v1/emails.ts';

export function mastodonApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.route('/', appsRoutes());
  api.route('/', emailRoutes());
  return api;
}
