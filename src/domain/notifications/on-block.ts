/**
 * Blocking an account clears what it sent the blocker (Mastodon's AfterBlockService
 * `clear_notifications!`). Mastodon leaves the sender's notification request behind with a
 * count of notifications that are gone; Woolly recounts it, which removes it.
 */
import { deleteNotificationsFrom } from '../../db/repositories/notifications.ts';
import type { Deps } from '../context.ts';
import type { DomainEvents } from '../events.ts';
import { reconsiderRequests } from './request-counts.ts';

export async function onBlocked(
  deps: Pick<Deps, 'db' | 'clock'>,
  event: DomainEvents['block.created'],
): Promise<void> {
  await reconsiderRequests(
    deps,
    await deleteNotificationsFrom(deps.db, event.accountId, event.targetAccountId),
  );
}
