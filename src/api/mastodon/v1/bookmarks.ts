/**
 * GET /api/v1/bookmarks (`read:bookmarks`): the posts the caller bookmarked, newest bookmark
 * first, 20 a page by default, at most 40, paged by the bookmark's id.
 */
import { Hono } from 'hono';
import { bookmarkedStatuses } from '../../../domain/interactions/marked-statuses.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { statusesJson } from '../statuses-json.ts';
import { statusesPageLimits } from './favourites.ts';

export function bookmarksRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/bookmarks',
    requireScopes('read', 'read:bookmarks'),
    requireUser(),
    async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const page = readPage(c, statusesPageLimits);
      const { pageIds, statuses } = await bookmarkedStatuses(deps, account, page);
      setLinkHeader(c, page, pageIds);
      return c.json(await statusesJson(deps, statuses, account));
    },
  );
}
