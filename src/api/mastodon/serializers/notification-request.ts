/**
 * Mastodon's NotificationRequest (REST::NotificationRequestSerializer): a stranger whose
 * notifications wait for the recipient's decision, how many (a string, as Mastodon sends
 * it), and the latest status among them.
 */
import type { NotificationRequestRecord } from '../../../domain/notifications/requests.ts';
import type { AccountJson } from './account.ts';
import type { StatusJson } from './status.ts';

export interface NotificationRequestJson {
  id: string;
  created_at: string;
  updated_at: string;
  notifications_count: string;
  account: AccountJson;
  last_status: StatusJson | null;
}

export function serializeNotificationRequest(
  request: NotificationRequestRecord,
  account: AccountJson,
  lastStatus: StatusJson | null,
): NotificationRequestJson {
  return {
    id: request.id,
    created_at: new Date(request.createdAt).toISOString(),
    updated_at: new Date(request.updatedAt).toISOString(),
    notifications_count: String(request.notificationsCount),
    account,
    last_status: lastStatus,
  };
}
