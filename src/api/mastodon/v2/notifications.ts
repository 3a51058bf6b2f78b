/**
 * GET /api/v2/notifications: the signed-in account's notifications grouped (favourites and
 * boosts of one post, follows, sign-ups), `limit` groups a page, as GroupedNotificationsResults.
 * `grouped_types[]` narrows which types are grouped, `expand_accounts=partial_avatars` sends
 * most senders as partial accounts. The `Link` header pages by the notifications that stand
 * for the groups, as Mastodon's does.
 * GET /api/v2/notifications/:group_key: one group, without page bounds.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { AppError, notFound } from '../../../core/errors.ts';
import { findNotificationOfGroup } from '../../../db/views/notifications.ts';
import {
  groupedTypeSet,
  groupRepresentatives,
  loadGroups,
  pageRange,
} from '../../../domain/notifications/grouped.ts';
import type { AppEnv } from '../env.ts';
import { groupedNotificationsJson, type ExpandAccounts } from '../grouped-notifications-json.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { filterParams, listParam, notificationPageLimits } from '../notification-params.ts';
import { readPage } from '../pagination.ts';
import { readParams } from '../params.ts';
import { keptQuery, setRailsLinks } from '../rails-links.ts';

const read = requireScopes('read', 'read:notifications');

function expandAccounts(c: Context): ExpandAccounts {
  const value = c.req.query('expand_accounts');
  if (value === undefined || value === 'full') return 'full';
  if (value === 'partial_avatars') return value;
  throw new AppError(
    400,
    `Invalid value for 'expand_accounts': '${value}', allowed values are 'full' and 'partial_avatars'`,
  );
}

export function notificationsV2Routes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/v2/notifications', read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const expand = expandAccounts(c);
      const page = readPage(c, notificationPageLimits);
      const params = await readParams(c);
      const filter = filterParams(params, { byAccount: false });
      const grouped = groupedTypeSet(listParam(params.grouped_types));
      const deps = c.var.deps;
      const shown = await groupRepresentatives(deps, account.id, filter, page, grouped);
      if (shown.length === 0) {
        return c.json(await groupedNotificationsJson(deps, [], account, expand));
      }
      setRailsLinks(
        c,
        '/api/v2/notifications',
        keptQuery(
          c,
          ['limit', 'include_filtered'],
          ['types', 'exclude_types', 'grouped_types', 'supported_types'],
        ),
        { next: { max_id: shown[shown.length - 1]!.id }, prev: { min_id: shown[0]!.id } },
      );
      const groups = await loadGroups(deps, account.id, shown, grouped, pageRange(shown, page));
      return c.json(await groupedNotificationsJson(deps, groups, account, expand));
    })
    .get('/api/v2/notifications/:group_key', read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const deps = c.var.deps;
      const notification = await findNotificationOfGroup(
        deps.db,
        account.id,
        c.req.param('group_key'),
      );
      if (!notification) throw notFound();
      const groups = await loadGroups(deps, account.id, [notification], groupedTypeSet([]), null);
      const json = await groupedNotificationsJson(deps, groups, account);
      if (json.notification_groups.length === 0) throw notFound();
      return c.json(json);
    });
}
