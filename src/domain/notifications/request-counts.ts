/**
 * Keeps notification requests in step with the filtered notifications they stand for: a new
 * filtered mention opens or updates the sender's request, and removing filtered
 * notifications recounts it, removing it when none are left (Mastodon's
 * NotificationRequest#reconsider_existence!).
 */
import {
  countFilteredFrom,
  type RemovedNotification,
} from '../../db/repositories/notifications.ts';
import {
  recountNotificationRequest,
  saveNotificationRequest,
} from '../../db/repositories/notification-requests.ts';
import type { Deps } from '../context.ts';
import { requestTypes } from './types.ts';

/** Counts beyond this are shown as this (Mastodon's MAX_MEANINGFUL_COUNT). */
export const maxMeaningfulCount = 100;

/** Opens or updates the request of `fromAccountId` after a filtered notification. */
export async function refreshNotificationRequest(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  accountId: string,
  fromAccountId: string,
  lastStatusId: string | null,
): Promise<void> {
  const now = deps.clock.now();
  await saveNotificationRequest(deps.db, {
    id: deps.ids.next(),
    accountId,
    fromAccountId,
    lastStatusId,
    notificationsCount: await countFilteredFrom(
      deps.db,
      accountId,
      fromAccountId,
      requestTypes,
      maxMeaningfulCount,
    ),
    createdAt: now,
    updatedAt: now,
  });
}

/** Recounts the requests that filtered notifications just removed belonged to. */
export async function reconsiderRequests(
  deps: Pick<Deps, 'db' | 'clock'>,
  removed: readonly RemovedNotification[],
): Promise<void> {
  const pairs = new Map<string, RemovedNotification>();
  for (const r of removed) if (r.filtered) pairs.set(`${r.accountId}:${r.fromAccountId}`, r);
  for (const { accountId, fromAccountId } of pairs.values()) {
    const count = await countFilteredFrom(
      deps.db,
      accountId,
      fromAccountId,
      requestTypes,
      maxMeaningfulCount,
    );
    await recountNotificationRequest(deps.db, accountId, fromAccountId, count, deps.clock.now());
  }
}
