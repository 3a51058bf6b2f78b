/**
 * GET /api/v1/endorsements: the accounts the signed-in account features on its profile, paged
 * by account id as Mastodon pages them; `limit=0` lists them all at once (no `Link` then).
 */
import { Hono } from 'hono';
import { endorsementsPage } from '../../../domain/relationships/account-lists.ts';
import { accountsJsonByIds } from '../accounts-json.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage } from '../pagination.ts';
import { accountsPageLimits, answerAccountPage } from './account-lists.ts';

export function endorsementsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/endorsements',
    requireScopes('read', 'read:accounts'),
    requireUser(),
    async (c) => {
      const { account } = currentUser(c.var.auth);
      const db = c.var.deps.db;
      if (c.req.query('limit') === '0') {
        const rows = await endorsementsPage(db, account.id, null);
        return c.json(
          await accountsJsonByIds(
            c.var.deps,
            rows.map((r) => r.accountId),
          ),
        );
      }
      const page = readPage(c, accountsPageLimits);
      return answerAccountPage(c, page, await endorsementsPage(db, account.id, page));
    },
  );
}
