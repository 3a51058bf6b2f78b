/**
 * GET /api/v1/statuses/:id/reblogged_by and /favourited_by: who boosted and who favourited a
 * post the caller may see (404 otherwise), 40 accounts a page by default, at most 80. Anyone
 * may ask; a token, if sent, needs `read:accounts`. The `Link` header pages by the boost's
 * (favourite's) id and links back with `since_id`, as Mastodon's does.
 */
import { Hono, type Context } from 'hono';
import { favouritedBy, rebloggedBy } from '../../../domain/interactions/interactors.ts';
import { findVisibleStatus } from '../../../domain/statuses/access.ts';
import { accountsJsonByIds } from '../accounts-json.ts';
import type { AppEnv } from '../env.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { accountsPageLimits } from './account-lists.ts';

type Lister = typeof rebloggedBy;

function answer(list: Lister) {
  return async (c: Context<AppEnv>) => {
    const { deps } = c.var;
    const viewer = c.var.auth?.account ?? null;
    const status = await findVisibleStatus(deps, viewer, c.req.param('id')!);
    const page = readPage(c, accountsPageLimits);
    const rows = await list(deps, status.id, viewer, page);
    setLinkHeader(
      c,
      page,
      rows.map((r) => r.pageId),
      { prev: 'since_id' },
    );
    return c.json(
      await accountsJsonByIds(
        deps,
        rows.map((r) => r.accountId),
      ),
    );
  };
}

export function statusesInteractorsRoutes(): Hono<AppEnv> {
  const read = scopesIfToken('read', 'read:accounts');
  return new Hono<AppEnv>()
    .get('/api/v1/statuses/:id/reblogged_by', read, answer(rebloggedBy))
    .get('/api/v1/statuses/:id/favourited_by', read, answer(favouritedBy));
}
