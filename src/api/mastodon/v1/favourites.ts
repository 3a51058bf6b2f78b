/**
 * GET /api/v1/favourites (`read:favourites`): the posts the caller favourited, newest
 * favourite first, 20 a page by default, at most 40, paged by the favourite's id.
 */
import { Hono } from 'hono';
import { favouritedStatuses } from '../../../domain/interactions/marked-statuses.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { statusesJson } from '../statuses-json.ts';

/** Mastodon's DEFAULT_STATUSES_LIMIT, and twice it at most. */
export const statusesPageLimits = { defaultLimit: 20, maxLimit: 40 };

export function favouritesRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/favourites',
    requireScopes('read', 'read:favourites'),
    requireUser(),
    async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const page = readPage(c, statusesPageLimits);
      const { pageIds, statuses } = await favouritedStatuses(deps, account, page);
      setLinkHeader(c, page, pageIds);
      return c.json(await statusesJson(deps, statuses, account));
    },
  );
}
