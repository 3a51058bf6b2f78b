/**
 * Notification requests (/api/v1/notifications/requests): the strangers whose mentions the
 * policy filtered. Accepting one lets its sender through from now on and moves the waiting
 * notifications into the others (AcceptNotificationRequestService with
 * UnfilterNotificationsWorker); dismissing one deletes them (DismissNotificationRequestService
 * with FilteredNotificationCleanupWorker). Woolly does either in one transaction, so by the
 * time the answer is sent the notifications are merged, and `merged` says so from the data.
 */
import { notFound } from '../../core/errors.ts';
import {
  hasUnmergedPermissions,
  insertNotificationPermission,
} from '../../db/repositories/notification-permissions.ts';
import {
  deleteNotificationRequest,
  findNotificationRequest,
  findNotificationRequestsByIds,
  listNotificationRequests,
  type NotificationRequestRecord,
} from '../../db/repositories/notification-requests.ts';
import {
  deleteFilteredNotifications,
  unfilterNotifications,
} from '../../db/repositories/notifications.ts';
import type { Deps } from '../context.ts';
import { newestFirst, pageQuery, type Page } from '../pagination.ts';

export type { NotificationRequestRecord };

export async function notificationRequestsPage(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  page: Page,
): Promise<NotificationRequestRecord[]> {
  const q = pageQuery(page, 'r.id');
  return newestFirst(await listNotificationRequests(deps.db, accountId, q), q.ascending);
}

/** One request of `accountId`; someone else's or none is a 404. */
export async function findOwnNotificationRequest(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  id: string,
): Promise<NotificationRequestRecord> {
  const request = await findNotificationRequest(deps.db, accountId, id);
  if (!request) throw notFound();
  return request;
}

export async function acceptNotificationRequest(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  request: NotificationRequestRecord,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await insertNotificationPermission(
      tx,
      request.accountId,
      request.fromAccountId,
      deps.clock.now(),
    );
    await unfilterNotifications(tx, request.accountId, request.fromAccountId);
    await deleteNotificationRequest(tx, request.id);
  });
  await deps.events.emit('notifications.merged', { accountId: request.accountId });
}

export async function dismissNotificationRequest(
  deps: Pick<Deps, 'db'>,
  request: NotificationRequestRecord,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await deleteFilteredNotifications(tx, request.accountId, request.fromAccountId);
    await deleteNotificationRequest(tx, request.id);
  });
}

/** Accepts each of the requests `ids` of `accountId`; unknown ids are skipped, as Mastodon. */
export async function acceptNotificationRequests(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  accountId: string,
  ids: readonly string[],
): Promise<void> {
  for (const request of await findNotificationRequestsByIds(deps.db, accountId, ids)) {
    await acceptNotificationRequest(deps, request);
  }
}

export async function dismissNotificationRequests(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  ids: readonly string[],
): Promise<void> {
  for (const request of await findNotificationRequestsByIds(deps.db, accountId, ids)) {
    await dismissNotificationRequest(deps, request);
  }
}

/** Whether every accepted request's notifications have joined the others. */
export async function notificationRequestsMerged(
  deps: Pick<Deps, 'db'>,
  accountId: string,
): Promise<boolean> {
  return !(await hasUnmergedPermissions(deps.db, accountId));
}
