/**
 * Dismissing notifications: one (v1), a whole group (v2), or all of them (clear). A dismissed
 * filtered notification is taken off its sender's notification request.
 */
import { notFound } from '../../core/errors.ts';
import {
  clearNotifications,
  deleteNotification,
  deleteNotificationGroup,
} from '../../db/repositories/notifications.ts';
import type { Deps } from '../context.ts';
import { reconsiderRequests } from './request-counts.ts';

/** POST /api/v1/notifications/:id/dismiss; a notification of someone else is a 404. */
export async function dismissNotification(
  deps: Pick<Deps, 'db' | 'clock'>,
  accountId: string,
  id: string,
): Promise<void> {
  const removed = await deleteNotification(deps.db, accountId, id);
  if (removed.length === 0) throw notFound();
  await reconsiderRequests(deps, removed);
}

/** POST /api/v2/notifications/:group_key/dismiss; an unknown group is no error, as Mastodon. */
export async function dismissNotificationGroup(
  deps: Pick<Deps, 'db' | 'clock'>,
  accountId: string,
  groupKey: string,
): Promise<void> {
  await reconsiderRequests(deps, await deleteNotificationGroup(deps.db, accountId, groupKey));
}

/**
 * POST /api/v1/notifications/clear. Requests are left as they are, as Mastodon's
 * `delete_all` leaves them.
 */
export async function clearAllNotifications(
  deps: Pick<Deps, 'db'>,
  accountId: string,
): Promise<void> {
  await clearNotifications(deps.db, accountId);
}
