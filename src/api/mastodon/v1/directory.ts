/**
 * GET /api/v1/directory: discoverable accounts (`offset`, `limit` up to 80, `order=active|new`,
 * `local`). Anyone may read it; a signed-in reader does not see whom they blocked or muted.
 */
import { Hono } from 'hono';
import { browseDirectory } from '../../../domain/directory/directory.ts';
import { accountsJson } from '../accounts-json.ts';
import { booleanParam } from '../boolean-param.ts';
import type { AppEnv } from '../env.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readOffsetPage } from '../offset-pagination.ts';

export function directoryRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/directory',
    scopesIfToken('read', 'read:accounts'),
    async (c) => {
      // Mastodon reads anything but `new` as `active`.
      const order = c.req.query('order') === 'new' ? 'new' : 'active';
      const page = readOffsetPage(c, { defaultLimit: 40, maxLimit: 80 });
      const accounts = await browseDirectory(c.var.deps, c.var.auth?.account ?? null, {
        order,
        localOnly: booleanParam(c.req.query('local')) ?? false,
        ...page,
      });
      return c.json(await accountsJson(c.var.deps, accounts));
    },
  );
}
