import { Hono } from 'hono';
import type { AppEnv } from './mastodon/env.ts';

/** `GET /health`: `OK` while the database answers, 503 when it does not (for load balancers). */
export function healthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/health', async (c) => {
    const ok = await c.var.deps.db.ping();
    c.header('Cache-Control', 'no-store');
    return ok ? c.text('OK') : c.text('Database unavailable', 503);
  });
}
