/**
 * `GET /api/v1/statuses/:id/context`: the thread around a post the caller may see, its
 * ancestors root first and its descendants depth-first. Anonymous callers get a shorter
 * thread, as on Mastodon.
 */
import { Hono } from 'hono';
import { findVisibleStatus } from '../../../domain/statuses/access.ts';
import { statusContext } from '../../../domain/statuses/context.ts';
import type { AppEnv } from '../env.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { statusesJson } from '../statuses-json.ts';

export function statusesContextRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/statuses/:id/context',
    scopesIfToken('read', 'read:statuses'),
    async (c) => {
      const { deps } = c.var;
      const viewer = c.var.auth?.account ?? null;
      const status = await findVisibleStatus(deps, viewer, c.req.param('id'));
      const { ancestors, descendants } = await statusContext(deps, viewer, status);
      // One batch for the whole thread.
      const all = await statusesJson(deps, [...ancestors, ...descendants], viewer);
      return c.json({
        ancestors: all.slice(0, ancestors.length),
        descendants: all.slice(ancestors.length),
      });
    },
  );
}
