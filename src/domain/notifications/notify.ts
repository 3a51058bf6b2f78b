/**
 * NotifyService: makes one notification for one local recipient (or, `notifyEach`, for
 * each of many, deciding on all of them with a fixed number of queries), unless the
 * recipient's settings drop it (conditions.ts). A notification the policy filters is stored apart and
 * counted in a notification request from its sender; any other gets its group key.
 *
 * Making the same notification twice changes nothing (`notifications_once`), so the job that
 * calls this may be retried freely. Edits are the exception, as in Mastodon: each edit
 * notifies again, replacing the notice of the previous one.
 */
import type { Database } from '../../db/database.ts';
import {
  defaultPolicy,
  findNotificationPolicies,
} from '../../db/repositories/notification-policies.ts';
import {
  deleteNotificationOf,
  insertNotification,
  insertNotifications,
  type NotificationRecord,
} from '../../db/repositories/notifications.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import { findRecipients } from '../../db/views/notification-audiences.ts';
import { loadNotifyFacts } from '../../db/views/notification-facts.ts';
import type { Deps } from '../context.ts';
import { decide } from './conditions.ts';
import { groupKey } from './group-key.ts';
import { refreshNotificationRequest } from './request-counts.ts';
import { isFilterable, requestTypes, type NotificationType } from './types.ts';

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

/** What notifying needs; `events` carries `notification.created` to streams and web push. */
export type NotifyDeps = Pick<Deps, 'db' | 'ids' | 'clock' | 'events'>;

/** What the caller has read already and need not be read again: the activity's status. */
export interface Known {
  status?: StatusRecord | null;
}

export async function notify(
  deps: NotifyDeps,
  recipientId: string,
  activity: Activity,
  known: Known = {},
): Promise<NotifyResult> {
  const [result] = await notifyEach(deps, [recipientId], activity, known);
  return result!;
}

/** Recipients decided on together: their rows and facts are read in one query each. */
const recipientsPerBatch = 500;

/**
 * Makes the notification `activity` for each of `recipientIds` (a post's mentioned accounts
 * or notified followers), as `notify` does for one, with what the decision needs read for
 * all of them at once; answers the result for each recipient, in order.
 */
export async function notifyEach(
  deps: NotifyDeps,
  recipientIds: readonly string[],
  activity: Activity,
  known: Known = {},
): Promise<NotifyResult[]> {
  const unique = [...new Set(recipientIds)];
  if (unique.length === 0) return [];
  const status =
    known.status !== undefined || activity.statusId === null
      ? (known.status ?? null)
      : await findStatusById(deps.db, activity.statusId);
  const results = new Map<string, NotifyResult>();
  if (activity.statusId !== null && (!status || status.deletedAt !== null)) {
    return recipientIds.map(() => 'dropped');
  }
  for (let i = 0; i < unique.length; i += recipientsPerBatch) {
    const batch = unique.slice(i, i + recipientsPerBatch);
    for (const [id, result] of await notifyBatch(deps, batch, activity, status)) {
      results.set(id, result);
    }
  }
  return recipientIds.map((id) => results.get(id) ?? 'dropped');
}

async function notifyBatch(
  deps: NotifyDeps,
  recipientIds: readonly string[],
  activity: Activity,
  status: StatusRecord | null,
): Promise<Map<string, NotifyResult>> {
  const results = new Map<string, NotifyResult>(recipientIds.map((id) => [id, 'dropped']));
  const found = new Map(
    (await findRecipients(deps.db, [activity.fromAccountId, ...recipientIds])).map((r) => [
      r.account.id,
      r,
    ]),
  );
  const sender = found.get(activity.fromAccountId)?.account;
  if (!sender) return results;
  const senderRole = sender.domain === null ? (found.get(sender.id)?.role ?? null) : null;
  const now = deps.clock.now();
  const [policies, facts] = await Promise.all([
    // Only the types a policy may filter ask for the policy.
    isFilterable(activity.type) ? findNotificationPolicies(deps.db, recipientIds) : null,
    loadNotifyFacts(deps.db, {
      recipientIds,
      senderId: sender.id,
      senderDomain: sender.domain,
      conversationId: status?.conversationId ?? null,
      now,
    }),
  ]);
  const records: NotificationRecord[] = [];
  for (const recipientId of recipientIds) {
    const recipient = found.get(recipientId)?.account;
    const recipientRole = found.get(recipientId)?.role ?? null;
    const recipientFacts = facts.get(recipientId);
    // Only local people are notified; remote servers hear of things through federation.
    if (!recipient || recipient.domain !== null || !recipientRole || !recipientFacts) continue;
    const verdict = await decide(deps, {
      type: activity.type,
      recipient,
      recipientRole,
      sender,
      senderRole,
      status,
      policy: policies?.get(recipient.id) ?? defaultPolicy(recipient.id),
      facts: recipientFacts,
      now,
    });
    if (verdict === 'drop') continue;
    const filtered = verdict === 'filter';
    records.push({
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
    });
  }
  const created = renewed.has(activity.type)
    ? await storeRenewed(deps.db, records)
    : await insertNotifications(deps.db, records);
  // Emitted together, so that their listeners may read what they need for all at once.
  const emitted: Promise<void>[] = [];
  for (const record of records) {
    if (!created.has(record.id)) {
      results.set(record.accountId, 'exists');
    } else if (!record.filtered) {
      results.set(record.accountId, 'created');
      emitted.push(
        deps.events.emit('notification.created', {
          notificationId: record.id,
          accountId: record.accountId,
          type: record.type,
        }),
      );
    } else {
      results.set(record.accountId, 'filtered');
      if (requestTypes.includes(activity.type)) {
        await refreshNotificationRequest(deps, record.accountId, sender.id, activity.statusId);
      }
    }
  }
  await Promise.all(emitted);
  return results;
}

/** Each renewed notification replaces the previous notice, in its own transaction. */
async function storeRenewed(
  db: Database,
  records: readonly NotificationRecord[],
): Promise<Set<string>> {
  const created = new Set<string>();
  for (const record of records) {
    const inserted = await db.transaction(async (tx) => {
      await deleteNotificationOf(tx, record);
      return insertNotification(tx, record);
    });
    if (inserted) created.add(record.id);
  }
  return created;
}
