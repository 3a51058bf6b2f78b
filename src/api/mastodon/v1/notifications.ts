/**
 * GET /api/v1/notifications: the signed-in account's notifications, newest first, filtered by
 * `types[]`, `exclude_types[]`, `account_id` and `include_filtered`, paged by id with the
 * `Link` header Mastodon writes (a next link on every page that is not empty).
 * GET /api/v1/notifications/:id: one of them, filtered or not (not from a suspended account).
 */
import { Hono } from 'hono';
import { notFound } from '../../../core/errors.ts';
import { findNotification } from '../../../db/repositories/notifications.ts';
import { notificationsPage } from '../../../domain/notifications/list.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { filterParams, notificationPageLimits } from '../notification-params.ts';
import { notificationsJson } from '../notifications-json.ts';
import { readPage } from '../pagination.ts';
import { readParams } from '../params.ts';
import { keptQuery, setRailsLinks } from '../rails-links.ts';

const read = requireScopes('read', 'read:notifications');

export function notificationsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/v1/notifications', read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const page = readPage(c, notificationPageLimits);
      const filter = filterParams(await readParams(c));
      const rows = await notificationsPage(c.var.deps, account.id, filter, page);
      if (rows.length > 0) {
        setRailsLinks(
          c,
          '/api/v1/notifications',
          keptQuery(
            c,
            ['limit', 'account_id', 'include_filtered'],
            ['types', 'exclude_types', 'supported_types'],
          ),
          { next: { max_id: rows[rows.length - 1]!.id }, prev: { min_id: rows[0]!.id } },
        );
      }
      return c.json(await notificationsJson(c.var.deps, rows, account));
    })
    .get('/api/v1/notifications/:id{[0-9]+}', read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const notification = await findNotification(c.var.deps.db, account.id, c.req.param('id'));
      if (!notification) throw notFound();
      const [json] = await notificationsJson(c.var.deps, [notification], account);
      // Mastodon finds it `without_suspended`: nothing is shown of a suspended sender.
      if (!json || json.account.suspended) throw notFound();
      return c.json(json);
    });
}
