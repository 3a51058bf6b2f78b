/** POST /api/v1/statuses/:id/bookmark and /unbookmark (`write:bookmarks`): both answer with the post. */
import { Hono } from 'hono';
import { bookmarkStatus } from '../../../domain/interactions/bookmark.ts';
import { unbookmarkStatus } from '../../../domain/interactions/unbookmark.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { statusJson } from '../statuses-json.ts';

const write = requireScopes('write', 'write:bookmarks');

export function statusesBookmarksRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/v1/statuses/:id/bookmark', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const status = await bookmarkStatus(deps, account, c.req.param('id'));
      return c.json(await statusJson(deps, status, account));
    })
    .post('/api/v1/statuses/:id/unbookmark', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const status = await unbookmarkStatus(deps, account, c.req.param('id'));
      return c.json(await statusJson(deps, status, account));
    });
}
