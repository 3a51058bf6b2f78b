/** GET /api/v1/accounts/:id/lists: the signed-in account's lists that hold the account. */
import { Hono } from 'hono';
import { findVisibleAccount } from '../../../domain/accounts/find-account.ts';
import { listsHoldingAccount } from '../../../domain/lists/account-lists.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { serializeList } from '../serializers/list.ts';

export function accountInListsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/accounts/:id/lists',
    requireScopes('read', 'read:lists'),
    requireUser(),
    async (c) => {
      const { account } = currentUser(c.var.auth);
      const target = (await findVisibleAccount(c.var.deps, c.req.param('id'))).account;
      const lists = await listsHoldingAccount(c.var.deps, account.id, target.id);
      return c.json(lists.map(serializeList));
    },
  );
}
