/**
 * Boosting: POST /api/v1/statuses/:id/reblog (`visibility` optional) answers with the new
 * boost, the post inside it; POST /api/v1/statuses/:id/unreblog answers with the post. Both
 * need `write:statuses`, as on Mastodon.
 */
import { Hono } from 'hono';
import { reblogStatus } from '../../../domain/interactions/reblog.ts';
import { unreblogStatus } from '../../../domain/interactions/unreblog.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readParams } from '../params.ts';
import { statusJson } from '../statuses-json.ts';

const write = requireScopes('write', 'write:statuses');

/** `visibility` as Rails' `params.permit(:visibility)` keeps it: a scalar, or nothing. */
function visibilityParam(value: unknown): string | null {
  if (value === undefined || value === null || typeof value === 'object') return null;
  return String(value);
}

export function statusesReblogsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/v1/statuses/:id/reblog', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account, user } = currentUser(c.var.auth);
      const visibility = visibilityParam((await readParams(c)).visibility);
      const boost = await reblogStatus(deps, { account, user }, c.req.param('id'), visibility);
      return c.json(await statusJson(deps, boost, account));
    })
    .post('/api/v1/statuses/:id/unreblog', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const status = await unreblogStatus(deps, account, c.req.param('id'));
      return c.json(await statusJson(deps, status, account));
    });
}
