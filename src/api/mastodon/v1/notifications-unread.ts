/**
 * GET /api/v1/notifications/unread_count: how many notifications are newer than the
 * `notifications` read marker, among `types[]`, `exclude_types[]` and from `account_id`,
 * counted up to `limit` (default 100, at most 1,000).
 */
import { Hono } from 'hono';
import { unreadCount } from '../../../domain/notifications/unread.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { filterParams, unreadCountLimits } from '../notification-params.ts';
import { readPage } from '../pagination.ts';
import { readParams } from '../params.ts';

export function notificationsUnreadRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/notifications/unread_count',
    requireScopes('read', 'read:notifications'),
    requireUser(),
    async (c) => {
      const { account } = currentUser(c.var.auth);
      const { limit } = readPage(c, unreadCountLimits);
      const filter = filterParams(await readParams(c));
      return c.json({ count: await unreadCount(c.var.deps, account.id, filter, limit) });
    },
  );
}
