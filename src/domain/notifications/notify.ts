/**
 * NotifyService: makes one notification for one local recipient, unless the recipient's
 * settings drop it (conditions.ts). A notification the policy filters is stored apart and
 * counted in a notification request from its sender; any other gets its group key.
 *
 * Making the same notification twice changes nothing (`notifications_once`), so the job that
 * calls this may be retried freely. Edits are the exception, as in Mastodon: each edit
 * notifies again, replacing the notice of the previous one.
 */
import type { Queryable } from '../../db/database.ts';
import { findAccountById } from '../../db/repositories/accounts.ts';
import { findNotificationPolicy } from '../../db/repositories/notification-policies.ts';
import {
  deleteNotificationOf,
  insertNotification,
  type NotificationRecord,
} from '../../db/repositories/notifications.ts';
import { findStatusById } from '../../db/repositories/statuses.ts';
import { findUserByAccountId } from '../../db/repositories/users.ts';
import { loadNotifyFacts } from '../../db/views/notification-facts.ts';
import type { Deps } from '../context.ts';
import { decide } from './conditions.ts';
import { groupKey } from './group-key.ts';
import { refreshNotificationRequest } from './request-counts.ts';
import { requestTypes, type NotificationType } from './types.ts';

export interface Activity {
  type: NotificationType;
  fromAccountId: string;
  /** The status the notification is about (the boosted one for a boost). */
  statusId: string | null;
  reportId: string | null;
  /** When the activity happened; grouping buckets by it. */
  at: number;
}

export type NotifyResult = 'created' | 'filtered' | 'exists' | 'dropped';

/** Types notified again on every occurrence, the previous notice giving way to the new one. */
const renewed: ReadonlySet<NotificationType> = new Set(['update', 'quoted_update']);

async function store(db: Queryable, record: NotificationRecord): Promise<boolean> {
  if (!renewed.has(record.type as NotificationType)) return insertNotification(db, record);
  await deleteNotificationOf(db, record);
  return insertNotification(db, record);
}

/** What notifying needs; `events` carries `notification.created` to streams and web push. */
export type NotifyDeps = Pick<Deps, 'db' | 'ids' | 'clock' | 'events'>;

export async function notify(
  deps: NotifyDeps,
  recipientId: string,
  activity: Activity,
): Promise<NotifyResult> {
  const [recipient, recipientUser, sender, status] = await Promise.all([
    findAccountById(deps.db, recipientId),
    findUserByAccountId(deps.db, recipientId),
    findAccountById(deps.db, activity.fromAccountId),
    activity.statusId === null ? null : findStatusById(deps.db, activity.statusId),
  ]);
  // Only local people are notified; remote servers hear of things through federation.
  if (!recipient || recipient.domain !== null || !recipientUser || !sender) return 'dropped';
  if (activity.statusId !== null && (!status || status.deletedAt !== null)) return 'dropped';
  const now = deps.clock.now();
  const [senderUser, policy, facts] = await Promise.all([
    sender.domain === null ? findUserByAccountId(deps.db, sender.id) : null,
    findNotificationPolicy(deps.db, recipient.id),
    loadNotifyFacts(deps.db, {
      recipientId: recipient.id,
      senderId: sender.id,
      senderDomain: sender.domain,
      conversationId: status?.conversationId ?? null,
      now,
    }),
  ]);
  const verdict = await decide(deps, {
    type: activity.type,
    recipient,
    recipientRole: recipientUser.role,
    sender,
    senderRole: senderUser?.role ?? null,
    status,
    policy,
    facts,
    now,
  });
  if (verdict === 'drop') return 'dropped';
  const filtered = verdict === 'filter';
  const record: NotificationRecord = {
    id: deps.ids.next(),
    accountId: recipient.id,
    fromAccountId: sender.id,
    type: activity.type,
    statusId: activity.statusId,
    reportId: activity.reportId,
    groupKey: filtered
      ? null
      : await groupKey(deps.db, recipient.id, activity.type, activity.statusId, activity.at),
    filtered,
    createdAt: now,
  };
  const created = renewed.has(activity.type)
    ? await deps.db.transaction((tx) => store(tx, record))
    : await store(deps.db, record);
  if (!created) return 'exists';
  if (!filtered) {
    await deps.events.emit('notification.created', {
      notificationId: record.id,
      accountId: recipient.id,
      type: record.type,
    });
    return 'created';
  }
  if (requestTypes.includes(activity.type)) {
    await refreshNotificationRequest(deps, recipient.id, sender.id, activity.statusId);
  }
  return 'filtered';
}
