/** GET /api/v1/blocks: the accounts the signed-in account blocks, newest block first. */
import { Hono } from 'hono';
import { blocksPage } from '../../../domain/relationships/account-lists.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage } from '../pagination.ts';
import { accountsPageLimits, answerAccountPage } from './account-lists.ts';

export function blocksRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/blocks',
    requireScopes('follow', 'read', 'read:blocks'),
    requireUser(),
    async (c) => {
      const { account } = currentUser(c.var.auth);
      const page = readPage(c, accountsPageLimits);
      return answerAccountPage(c, page, await blocksPage(c.var.deps.db, account.id, page));
    },
  );
}
