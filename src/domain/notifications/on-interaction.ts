/**
 * Boosts and favourites notify the author of the status (`reblog`, `favourite`); undoing
 * them withdraws the notification, as Mastodon's notification goes with its activity. The
 * activity is looked up again when the job runs: one undone meanwhile notifies nobody.
 */
import { deleteNotificationOf } from '../../db/repositories/notifications.ts';
import { findStatusById } from '../../db/repositories/statuses.ts';
import { favouriteExists } from '../../db/views/notification-facts.ts';
import type { Deps } from '../context.ts';
import type { DomainEvents } from '../events.ts';
import { notify, type NotifyDeps } from './notify.ts';

export async function onReblogged(
  deps: NotifyDeps,
  event: DomainEvents['status.reblogged'],
  at: number,
): Promise<void> {
  const reblog = await findStatusById(deps.db, event.statusId);
  if (!reblog || reblog.deletedAt !== null) return;
  await notify(deps, event.targetAccountId, {
    type: 'reblog',
    fromAccountId: event.accountId,
    statusId: event.reblogOfId,
    reportId: null,
    at,
  });
}

export async function onFavourited(
  deps: NotifyDeps,
  event: DomainEvents['status.favourited'],
  at: number,
): Promise<void> {
  if (!(await favouriteExists(deps.db, event.accountId, event.statusId))) return;
  await notify(deps, event.targetAccountId, {
    type: 'favourite',
    fromAccountId: event.accountId,
    statusId: event.statusId,
    reportId: null,
    at,
  });
}

export async function onUnfavourited(
  deps: Pick<Deps, 'db'>,
  event: DomainEvents['status.unfavourited'],
): Promise<void> {
  await deleteNotificationOf(deps.db, {
    accountId: event.targetAccountId,
    type: 'favourite',
    fromAccountId: event.accountId,
    statusId: event.statusId,
  });
}
