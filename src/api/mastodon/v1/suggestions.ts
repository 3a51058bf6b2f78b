/**
 * GET /api/v1/suggestions (accounts) and GET /api/v2/suggestions (Suggestion entities), with
 * `limit` up to 80; DELETE /api/v1/suggestions/:account_id dismisses one for good.
 */
import { Hono } from 'hono';
import { notFound } from '../../../core/errors.ts';
import { isId } from '../../../core/ids.ts';
import { dismissSuggestion, suggestAccounts } from '../../../domain/suggestions/suggestions.ts';
import { accountsJsonByIds } from '../accounts-json.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readOffsetPage } from '../offset-pagination.ts';
import { serializeSuggestion } from '../serializers/suggestion.ts';

const limits = { defaultLimit: 40, maxLimit: 80 };

export function suggestionsRoutes(): Hono<AppEnv> {
  const read = requireScopes('read', 'read:accounts');
  return new Hono<AppEnv>()
    .get('/api/v1/suggestions', read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const { limit } = readOffsetPage(c, limits);
      const found = await suggestAccounts(c.var.deps, account, limit);
      return c.json(
        await accountsJsonByIds(
          c.var.deps,
          found.map((s) => s.accountId),
        ),
      );
    })
    .get('/api/v2/suggestions', read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const { limit } = readOffsetPage(c, limits);
      const found = await suggestAccounts(c.var.deps, account, limit);
      const accounts = await accountsJsonByIds(
        c.var.deps,
        found.map((s) => s.accountId),
      );
      const byId = new Map(accounts.map((a) => [a.id, a]));
      return c.json(
        found.flatMap((s) => {
          const json = byId.get(s.accountId);
          return json ? [serializeSuggestion(s.sources, json)] : [];
        }),
      );
    })
    .delete(
      '/api/v1/suggestions/:account_id',
      requireScopes('write', 'write:accounts'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        const id = c.req.param('account_id');
        if (!isId(id)) throw notFound();
        await dismissSuggestion(c.var.deps, account, id);
        return c.json({});
      },
    );
}
