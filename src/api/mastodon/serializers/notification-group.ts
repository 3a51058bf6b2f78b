/**
 * Mastodon's NotificationGroup (REST::NotificationGroupSerializer): a group of notifications
 * of the grouped list, naming its senders and status by id (their entities are listed once
 * beside the groups). The `page_*` attributes say where the group lies within the page and
 * are left out when a group is shown on its own.
 *
 * `most_recent_notification_id` is a string as documented; Mastodon's own example shows a
 * number, which would lose digits of Woolly's 64-bit ids in JavaScript clients.
 */
import type { NotificationGroup } from '../../../domain/notifications/grouped.ts';
import type { ReportJson } from './report.ts';

export interface NotificationGroupJson {
  group_key: string;
  notifications_count: number;
  type: string;
  most_recent_notification_id: string;
  page_min_id?: string;
  page_max_id?: string;
  latest_page_notification_at?: string;
  sample_account_ids: string[];
  status_id?: string;
  report?: ReportJson;
}

export function serializeNotificationGroup(
  group: NotificationGroup,
  report?: ReportJson,
): NotificationGroupJson {
  const n = group.notification;
  return {
    group_key: group.groupKey,
    notifications_count: group.notificationsCount,
    type: n.type,
    most_recent_notification_id: group.mostRecentNotificationId,
    ...(group.page
      ? {
          page_min_id: group.page.minId,
          page_max_id: group.mostRecentNotificationId,
          latest_page_notification_at: new Date(group.page.latestAt).toISOString(),
        }
      : {}),
    sample_account_ids: group.sampleAccountIds,
    ...(n.statusId !== null ? { status_id: n.statusId } : {}),
    ...(report ? { report } : {}),
  };
}
