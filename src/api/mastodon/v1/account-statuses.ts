/**
 * GET /api/v1/accounts/:id/statuses: an account's posts as its profile lists them, newest
 * first (see domain/timelines/account-statuses.ts for who sees what). Filters: `pinned`,
 * `only_media`, `exclude_replies`, `exclude_reblogs`, `tagged`. Anyone may read; a token, if
 * sent, needs `read:statuses`.
 */
import { Hono } from 'hono';
import { findVisibleAccount } from '../../../domain/accounts/find-account.ts';
import { accountStatuses } from '../../../domain/timelines/account-statuses.ts';
import { booleanParam } from '../boolean-param.ts';
import type { AppEnv } from '../env.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { statusesJson } from '../statuses-json.ts';

export function accountStatusesRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/accounts/:id/statuses',
    scopesIfToken('read', 'read:statuses'),
    async (c) => {
      const deps = c.var.deps;
      const author = (await findVisibleAccount(deps, c.req.param('id'))).account;
      const viewer = c.var.auth?.account ?? null;
      const page = readPage(c, { defaultLimit: 20, maxLimit: 40 });
      const tagged = c.req.query('tagged');
      const statuses = await accountStatuses(
        deps,
        author,
        viewer,
        {
          pinned: booleanParam(c.req.query('pinned')),
          onlyMedia: booleanParam(c.req.query('only_media')),
          excludeReplies: booleanParam(c.req.query('exclude_replies')),
          excludeReblogs: booleanParam(c.req.query('exclude_reblogs')),
          tagged: tagged === undefined || tagged === '' ? null : tagged,
        },
        page,
      );
      setLinkHeader(
        c,
        page,
        statuses.map((s) => s.id),
      );
      return c.json(await statusesJson(deps, statuses, viewer, { filterContext: 'account' }));
    },
  );
}
