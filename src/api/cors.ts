/**
 * Cross-origin access as Mastodon allows it: browser clients (Elk, Phanpy, Pinafore) on other
 * origins call `/api/*` and `/.well-known/*` without cookies, and read the pagination and
 * rate-limit headers.
 */
import { cors } from 'hono/cors';
import type { MiddlewareHandler } from 'hono';

export function apiCors(): MiddlewareHandler {
  return cors({
    origin: '*',
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept'],
    exposeHeaders: [
      'Link',
      'X-RateLimit-Reset',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-Request-Id',
    ],
    credentials: false,
    maxAge: 86400,
  });
}
