/**
 * GET /api/v2/notifications/unread_count: how many notification groups are newer than the
 * `notifications` read marker, counted up to `limit` (default 100, at most 1,000), with the
 * same `types[]`, `exclude_types[]`, `include_filtered` and `grouped_types[]` as the list.
 */
import { Hono } from 'hono';
import { groupedTypeSet } from '../../../domain/notifications/grouped.ts';
import { unreadGroupCount } from '../../../domain/notifications/unread.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { filterParams, listParam, unreadCountLimits } from '../notification-params.ts';
import { readPage } from '../pagination.ts';
import { readParams } from '../params.ts';

export function notificationsUnreadV2Routes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v2/notifications/unread_count',
    requireScopes('read', 'read:notifications'),
    requireUser(),
    async (c) => {
      const { account } = currentUser(c.var.auth);
      const { limit } = readPage(c, unreadCountLimits);
      const params = await readParams(c);
      const count = await unreadGroupCount(
        c.var.deps,
        account.id,
        filterParams(params, { byAccount: false }),
        groupedTypeSet(listParam(params.grouped_types)),
        limit,
      );
      return c.json({ count });
    },
  );
}
