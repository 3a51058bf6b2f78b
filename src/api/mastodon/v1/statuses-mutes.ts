/**
 * POST /api/v1/statuses/:id/mute and /unmute (`write:mutes`): mute or unmute the thread the
 * post is in; both answer with the post, `muted` as it now is.
 */
import { Hono } from 'hono';
import {
  muteConversation,
  unmuteConversation,
} from '../../../domain/interactions/mute-conversation.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { statusJson } from '../statuses-json.ts';

const write = requireScopes('write', 'write:mutes');

export function statusesMutesRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/v1/statuses/:id/mute', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const status = await muteConversation(deps, account, c.req.param('id'));
      return c.json(await statusJson(deps, status, account));
    })
    .post('/api/v1/statuses/:id/unmute', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const status = await unmuteConversation(deps, account, c.req.param('id'));
      return c.json(await statusJson(deps, status, account));
    });
}
