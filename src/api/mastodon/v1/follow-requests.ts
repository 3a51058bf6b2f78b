/**
 * GET /api/v1/follow_requests (who waits for the signed-in account to accept them, newest
 * first, paged by the request's id) and POST /api/v1/follow_requests/:id/authorize | reject,
 * answered with the Relationship to the requester. No waiting request is a 404.
 */
import { Hono } from 'hono';
import { findVisibleAccount } from '../../../domain/accounts/find-account.ts';
import { authorizeFollowRequest } from '../../../domain/relationships/authorize-follow.ts';
import { followRequestsPage } from '../../../domain/relationships/account-lists.ts';
import { rejectFollowRequest } from '../../../domain/relationships/reject-follow.ts';
import { loadRelationship } from '../../../domain/relationships/relationships.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage } from '../pagination.ts';
import { serializeRelationship } from '../serializers/relationship.ts';
import { accountsPageLimits, answerAccountPage } from './account-lists.ts';

export function followRequestsRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>().get(
    '/api/v1/follow_requests',
    requireScopes('follow', 'read', 'read:follows'),
    requireUser(),
    async (c) => {
      const { account } = currentUser(c.var.auth);
      const page = readPage(c, accountsPageLimits);
      return answerAccountPage(c, page, await followRequestsPage(c.var.deps.db, account.id, page));
    },
  );
  for (const [name, answer] of [
    ['authorize', authorizeFollowRequest],
    ['reject', rejectFollowRequest],
  ] as const) {
    routes.post(
      `/api/v1/follow_requests/:id/${name}`,
      requireScopes('follow', 'write', 'write:follows'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        const requester = (await findVisibleAccount(c.var.deps, c.req.param('id'))).account;
        await answer(c.var.deps, account, requester);
        return c.json(
          serializeRelationship(await loadRelationship(c.var.deps, account.id, requester.id)),
        );
      },
    );
  }
  return routes;
}
