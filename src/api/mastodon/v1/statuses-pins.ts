/**
 * POST /api/v1/statuses/:id/pin and /unpin: both answer with the post, `pinned` as it now
 * is. Mastodon files pins under the profile, so they need `write:accounts`.
 */
import { Hono } from 'hono';
import { pinStatus } from '../../../domain/interactions/pin.ts';
import { unpinStatus } from '../../../domain/interactions/unpin.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { statusJson } from '../statuses-json.ts';

const write = requireScopes('write', 'write:accounts');

export function statusesPinsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/v1/statuses/:id/pin', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const status = await pinStatus(deps, account, c.req.param('id'));
      return c.json(await statusJson(deps, status, account));
    })
    .post('/api/v1/statuses/:id/unpin', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const status = await unpinStatus(deps, account, c.req.param('id'));
      return c.json(await statusJson(deps, status, account));
    });
}
