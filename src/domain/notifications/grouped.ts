/**
 * Grouped notifications (GET /api/v2/notifications): a page holds `limit` groups, each shown
 * by its most recent notification within the page, as Mastodon's
 * Notification::Groups#paginate_groups walks them. Notifications of a groupable type that
 * share a group key form one group; any other notification is a group of its own,
 * `ungrouped-<id>`. Each group then gets its count, latest senders and page bounds
 * (NotificationGroup.from_notifications).
 */
import type { NotificationRecord } from '../../db/repositories/notifications.ts';
import { loadGroupsData, type GroupRange } from '../../db/views/notification-groups.ts';
import { listNotifications, type NotificationFilter } from '../../db/views/notifications.ts';
import { placeholders } from '../../db/database.ts';
import type { Deps } from '../context.ts';
import { pageQuery, type Page } from '../pagination.ts';
import { groupableTypes } from './types.ts';

/** How many senders a group shows (Mastodon's SAMPLE_ACCOUNTS_SIZE). */
export const sampleAccountsSize = 8;

export interface NotificationGroup {
  groupKey: string;
  /** The notification that stands for the group (its type, status and report). */
  notification: NotificationRecord;
  notificationsCount: number;
  mostRecentNotificationId: string;
  /** The latest senders, most recent first. */
  sampleAccountIds: string[];
  /** Where the group lies within the page; null outside of a page. */
  page: { minId: string; latestAt: number } | null;
}

/**
 * The types that may be grouped: the requested `grouped_types[]` among the groupable ones,
 * or all groupable ones when none are requested.
 */
export function groupedTypeSet(requested: readonly string[]): ReadonlySet<string> {
  if (requested.length === 0) return new Set(groupableTypes);
  return new Set(requested.filter((t) => (groupableTypes as readonly string[]).includes(t)));
}

export const groupKeyOf = (n: NotificationRecord, grouped: ReadonlySet<string>): string =>
  n.groupKey !== null && grouped.has(n.type) ? n.groupKey : `ungrouped-${n.id}`;

/**
 * One notification per group, for `page.limit` groups, newest first: the first met of each
 * group walking from the page's start (downwards, or upwards from `min_id`). Later batches
 * leave out the groups already met in SQL, so a group of thousands (a popular post's
 * favourites) is stepped over in the index instead of read row by row.
 */
export async function groupRepresentatives(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  filter: NotificationFilter,
  page: Page,
  grouped: ReadonlySet<string>,
): Promise<NotificationRecord[]> {
  const ascending = page.minId !== null;
  const batch = Math.max(page.limit * 2, 40);
  const seen = new Set<string>();
  const seenKeys: string[] = [];
  const found: NotificationRecord[] = [];
  let cursor: string | null = null;
  while (found.length < page.limit) {
    const window: Page = ascending
      ? { limit: batch, maxId: page.maxId, sinceId: null, minId: cursor ?? page.minId }
      : { limit: batch, maxId: cursor ?? page.maxId, sinceId: page.sinceId, minId: null };
    const q = pageQuery(window, 'n.id');
    if (seenKeys.length > 0 && grouped.size > 0) {
      q.where.push(
        `(n.group_key IS NULL OR n.type NOT IN (${placeholders(grouped.size)}) OR n.group_key NOT IN (${placeholders(seenKeys.length)}))`,
      );
      q.params.push(...grouped, ...seenKeys);
    }
    const rows = await listNotifications(deps.db, accountId, filter, q);
    for (const n of rows) {
      const key = groupKeyOf(n, grouped);
      if (seen.has(key)) continue;
      seen.add(key);
      if (!key.startsWith('ungrouped-')) seenKeys.push(key);
      found.push(n);
      if (found.length === page.limit) break;
    }
    if (rows.length < batch) break;
    cursor = rows[rows.length - 1]!.id;
  }
  return ascending ? found.reverse() : found;
}

/**
 * The range the groups of a page are counted in (Mastodon's `load_grouped_notifications`):
 * the page itself, stretched to the request's bound when the page is its last one.
 */
export function pageRange(notifications: readonly NotificationRecord[], page: Page): GroupRange {
  const first = notifications[0]!;
  const last = notifications[notifications.length - 1]!;
  if (notifications.length >= page.limit) return { begin: last.id, end: first.id };
  if (page.minId !== null) return { begin: last.id, end: page.maxId };
  return {
    begin: page.sinceId === null ? null : (BigInt(page.sinceId) + 1n).toString(),
    end: first.id,
  };
}

/** The groups the representatives stand for, in their order. */
export async function loadGroups(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  notifications: readonly NotificationRecord[],
  grouped: ReadonlySet<string>,
  range: GroupRange | null,
): Promise<NotificationGroup[]> {
  const keys = notifications
    .filter((n) => n.groupKey !== null && grouped.has(n.type))
    .map((n) => n.groupKey!);
  const data = await loadGroupsData(deps.db, accountId, keys, range, sampleAccountsSize);
  return notifications.map((n) => {
    const group = n.groupKey !== null && grouped.has(n.type) ? data.get(n.groupKey) : undefined;
    if (!group) {
      return {
        groupKey: `ungrouped-${n.id}`,
        notification: n,
        notificationsCount: 1,
        mostRecentNotificationId: n.id,
        sampleAccountIds: [n.fromAccountId],
        page: range ? { minId: n.id, latestAt: n.createdAt } : null,
      };
    }
    return {
      groupKey: n.groupKey!,
      notification: n,
      notificationsCount: group.count,
      mostRecentNotificationId: group.mostRecentId,
      sampleAccountIds: group.sampleAccountIds,
      page: range ? { minId: group.pageMinId ?? n.id, latestAt: group.mostRecentAt } : null,
    };
  });
}
