/**
 * What is done with one notification group: GET /api/v2/notifications/:group_key/accounts
 * lists everyone in it (most recent first, paged by notification id, with a next link only
 * on a full page, as Mastodon), and POST /api/v2/notifications/:group_key/dismiss removes it.
 */
import { Hono } from 'hono';
import { listGroupSenders } from '../../../db/views/notifications.ts';
import { dismissNotificationGroup } from '../../../domain/notifications/dismiss.ts';
import { pageQuery } from '../../../domain/pagination.ts';
import { accountsJsonByIds } from '../accounts-json.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { notificationPageLimits } from '../notification-params.ts';
import { readPage } from '../pagination.ts';
import { keptQuery, setRailsLinks } from '../rails-links.ts';

export function notificationGroupActionsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get(
      '/api/v2/notifications/:group_key/accounts',
      requireScopes('read', 'read:notifications'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        const groupKey = c.req.param('group_key');
        // Mastodon pages this list by max_id and since_id only.
        const page = { ...readPage(c, notificationPageLimits), minId: null };
        const rows = await listGroupSenders(
          c.var.deps.db,
          account.id,
          groupKey,
          pageQuery(page, 'n.id'),
        );
        if (rows.length > 0) {
          setRailsLinks(
            c,
            `/api/v2/notifications/${encodeURIComponent(groupKey)}/accounts`,
            keptQuery(c, ['limit']),
            {
              next: rows.length === page.limit ? { max_id: rows[rows.length - 1]!.id } : null,
              prev: { min_id: rows[0]!.id },
            },
          );
        }
        return c.json(
          await accountsJsonByIds(
            c.var.deps,
            rows.map((r) => r.fromAccountId),
          ),
        );
      },
    )
    .post(
      '/api/v2/notifications/:group_key/dismiss',
      requireScopes('write', 'write:notifications'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        await dismissNotificationGroup(c.var.deps, account.id, c.req.param('group_key'));
        return c.json({});
      },
    );
}
