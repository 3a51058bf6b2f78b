/**
 * Errors become responses here and only here: Mastodon's `{"error": "..."}` with the right
 * status; anything unexpected is logged with its cause and answered with a bare 500.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../../core/errors.ts';
import type { AppEnv } from './env.ts';

export function renderError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof AppError) {
    return c.json({ error: error.message, ...error.body }, error.status as 400);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const message = status === 413 ? 'Payload Too Large' : error.message || 'Bad Request';
    return c.json({ error: message }, status);
  }
  c.var.deps?.log.error('request failed', { method: c.req.method, path: c.req.path, error });
  return c.json({ error: 'We\u2019re sorry, but something went wrong on our end.' }, 500);
}

/** Unknown routes: Mastodon answers 404 `{"error": "Not Found"}` to API clients. */
export function renderNotFound(c: Context<AppEnv>): Response {
  return c.json({ error: 'Not Found' }, 404);
}
