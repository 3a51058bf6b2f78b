/**
 * Grouped notifications as the v2 API shows them (GroupedNotificationsResults, Mastodon's
 * GroupedNotificationsPresenter and DedupNotificationGroupSerializer): each account and
 * status once, beside groups that name them by id. With `expand_accounts=partial_avatars`
 * only each group's latest sender is a full Account; the others come as partial accounts.
 * Statuses the viewer may no longer see (a private post of someone since unfollowed) are
 * left out of `statuses`, as Mastodon does.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';
import type { NotificationGroup } from '../../domain/notifications/grouped.ts';
import { checkAccess } from '../../domain/statuses/access.ts';
import { loadNotificationParts, renderable } from './notifications-json.ts';
import type { AccountJson } from './serializers/account.ts';
import {
  serializeNotificationGroup,
  type NotificationGroupJson,
} from './serializers/notification-group.ts';
import { serializePartialAccount, type PartialAccountJson } from './serializers/partial-account.ts';
import type { StatusJson } from './serializers/status.ts';

export type ExpandAccounts = 'full' | 'partial_avatars';

export interface GroupedNotificationsJson {
  accounts: AccountJson[];
  partial_accounts?: PartialAccountJson[];
  statuses: StatusJson[];
  notification_groups: NotificationGroupJson[];
}

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

export async function groupedNotificationsJson(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  allGroups: readonly NotificationGroup[],
  viewer: AccountRecord,
  expand: ExpandAccounts = 'full',
): Promise<GroupedNotificationsJson> {
  const parts = await loadNotificationParts(
    deps,
    allGroups.map((g) => g.notification),
    viewer,
    allGroups.flatMap((g) => g.sampleAccountIds),
  );
  const groups = allGroups.filter((g) => renderable(g.notification, parts));

  const fullIds = unique(
    expand === 'partial_avatars'
      ? groups.flatMap((g) => g.sampleAccountIds.slice(0, 1))
      : groups.flatMap((g) => g.sampleAccountIds),
  );
  const full = new Set(fullIds);
  const partialIds = unique(groups.flatMap((g) => g.sampleAccountIds.slice(1))).filter(
    (id) => !full.has(id),
  );
  const account = (id: string) => parts.accounts.get(id) ?? [];

  const records = unique(groups.map((g) => g.notification.statusId ?? ''))
    .map((id) => parts.statusRecords.get(id))
    .filter((s) => s !== undefined);
  const access = await checkAccess(
    deps,
    viewer,
    records.filter((s) => s.visibility === 'private' || s.visibility === 'direct'),
  );
  const statuses = records
    .filter((s) => (s.visibility !== 'private' && s.visibility !== 'direct') || access.canSee(s))
    .flatMap((s) => parts.statuses.get(s.id) ?? []);

  return {
    accounts: fullIds.flatMap(account),
    ...(expand === 'partial_avatars'
      ? { partial_accounts: partialIds.flatMap(account).map(serializePartialAccount) }
      : {}),
    statuses,
    notification_groups: groups.map((g) =>
      serializeNotificationGroup(
        g,
        g.notification.type === 'admin.report'
          ? parts.reports.get(g.notification.reportId!)
          : undefined,
      ),
    ),
  };
}
