/**
 * `GET /api/v1/streaming/health`: what load balancers and Mastodon's own deployment checks ask
 * the streaming server; `OK` as plain text, like Mastodon's.
 */
import { Hono } from 'hono';

export function streamingHealthRoutes(): Hono {
  const app = new Hono();
  app.get('/api/v1/streaming/health', (c) => c.text('OK'));
  return app;
}
