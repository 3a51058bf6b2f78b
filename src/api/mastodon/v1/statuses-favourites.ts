/**
 * POST /api/v1/statuses/:id/favourite and /unfavourite (`write:favourites`): both answer
 * with the post, its `favourites_count` and `favourited` as they now are.
 */
import { Hono } from 'hono';
import { favouriteStatus } from '../../../domain/interactions/favourite.ts';
import { unfavouriteStatus } from '../../../domain/interactions/unfavourite.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { statusJson } from '../statuses-json.ts';

const write = requireScopes('write', 'write:favourites');

export function statusesFavouritesRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/v1/statuses/:id/favourite', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const status = await favouriteStatus(deps, account, c.req.param('id'));
      return c.json(await statusJson(deps, status, account));
    })
    .post('/api/v1/statuses/:id/unfavourite', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const status = await unfavouriteStatus(deps, account, c.req.param('id'));
      return c.json(await statusJson(deps, status, account));
    });
}
