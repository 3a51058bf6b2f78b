/**
 * GET /api/v1/mutes: the accounts the signed-in account mutes, newest mute first, each as
 * Mastodon's MutedAccount (an Account with `mute_expires_at`). Mutes that have ended are gone.
 */
import { Hono } from 'hono';
import { mutesPage } from '../../../domain/relationships/account-lists.ts';
import { accountsJsonByIds } from '../accounts-json.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { accountsPageLimits } from './account-lists.ts';

export function mutesRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/mutes',
    requireScopes('follow', 'read', 'read:mutes'),
    requireUser(),
    async (c) => {
      const { account } = currentUser(c.var.auth);
      const page = readPage(c, accountsPageLimits);
      const rows = await mutesPage(c.var.deps.db, account.id, page, c.var.deps.clock.now());
      setLinkHeader(
        c,
        page,
        rows.map((r) => r.pageId),
        // Mastodon's account lists point back with since_id, not min_id.
        { prev: 'since_id' },
      );
      const ends = new Map(rows.map((r) => [r.accountId, r.expiresAt]));
      const accounts = await accountsJsonByIds(
        c.var.deps,
        rows.map((r) => r.accountId),
      );
      return c.json(
        accounts.map((a) => {
          const end = ends.get(a.id) ?? null;
          return { ...a, mute_expires_at: end === null ? null : new Date(end).toISOString() };
        }),
      );
    },
  );
}
