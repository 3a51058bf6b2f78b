/**
 * `GET /api/v1/accounts/lookup?acct=alice` (or `bob@other.example`): an account Woolly knows,
 * by its address, without asking other servers. Public, like `/api/v1/accounts/:id`.
 */
import { Hono } from 'hono';
import { notFound } from '../../../core/errors.ts';
import { lookupAccount } from '../../../domain/accounts/find-account.ts';
import type { AppEnv } from '../env.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readParams } from '../params.ts';
import { railsText } from '../rails-text.ts';
import { serializeAccount } from '../serializers/account.ts';

export function accountsLookupRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/accounts/lookup',
    scopesIfToken('read', 'read:accounts'),
    async (c) => {
      const acct = railsText((await readParams(c)).acct);
      if (!acct) throw notFound();
      const view = await lookupAccount(c.var.deps, acct);
      return c.json(serializeAccount(view, c.var.deps.config.baseUrl));
    },
  );
}
