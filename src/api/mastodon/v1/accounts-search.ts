/**
 * GET /api/v1/accounts/search (q, limit, offset, resolve, following): accounts by the start
 * of their username, address or display name, ranked as domain/search/accounts-search.ts
 * says. Mounted before `/api/v1/accounts/:id`. Anyone may search (a token, if sent, needs
 * `read:accounts`); `following` needs a signed-in user to mean anything.
 */
import { Hono } from 'hono';
import { searchAccounts } from '../../../domain/search/accounts-search.ts';
import type { AccountResolver } from '../../../domain/search/resolver.ts';
import { accountsJson } from '../accounts-json.ts';
import type { AppEnv } from '../env.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readParams } from '../params.ts';
import { checkAnonymousSearch, searchLimit, searchOffset, truthy } from '../search-params.ts';

/** `resolver` asks other servers for accounts by address; null searches stored accounts only. */
export function accountsSearchRoutes(resolver: AccountResolver | null = null): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/accounts/search',
    scopesIfToken('read', 'read:accounts'),
    async (c) => {
      const deps = c.var.deps;
      const viewer = c.var.auth?.account ?? null;
      const params = await readParams(c);
      const offset = searchOffset(params);
      const resolve = truthy(params.resolve);
      checkAnonymousSearch(viewer !== null, offset, resolve);
      const accounts = await searchAccounts(deps, viewer, String(params.q ?? ''), {
        limit: searchLimit(params, 40),
        offset,
        following: truthy(params.following),
        resolver: resolve && viewer !== null ? resolver : null,
      });
      return c.json(await accountsJson(deps, accounts));
    },
  );
}
