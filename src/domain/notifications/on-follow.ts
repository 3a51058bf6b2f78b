/**
 * Follows notify the followed account (`follow`), and requests to follow a locked account
 * notify it too (`follow_request`). The notification goes with its follow or request: an
 * unfollow withdraws `follow`; accepting or rejecting a request withdraws `follow_request`,
 * and an accepted request notifies nothing more (Mastodon's FollowRequest#authorize!).
 */
import { findFollow } from '../../db/repositories/follows.ts';
import { deleteNotificationOf } from '../../db/repositories/notifications.ts';
import type { Deps } from '../context.ts';
import type { DomainEvents } from '../events.ts';
import { notify, type NotifyDeps } from './notify.ts';

export async function onFollowed(
  deps: NotifyDeps,
  event: DomainEvents['follow.created'],
  at: number,
): Promise<void> {
  if (event.fromRequest) return;
  if (!(await findFollow(deps.db, 'follows', event.accountId, event.targetAccountId))) return;
  await notify(deps, event.targetAccountId, {
    type: 'follow',
    fromAccountId: event.accountId,
    statusId: null,
    reportId: null,
    at,
  });
}

export async function onFollowRequested(
  deps: NotifyDeps,
  event: DomainEvents['follow.requested'],
  at: number,
): Promise<void> {
  const request = await findFollow(
    deps.db,
    'follow_requests',
    event.accountId,
    event.targetAccountId,
  );
  if (!request) return;
  await notify(deps, event.targetAccountId, {
    type: 'follow_request',
    fromAccountId: event.accountId,
    statusId: null,
    reportId: null,
    at,
  });
}

/** A request was answered (`follow.accepted`, `follow.rejected`): its notification goes. */
export async function onFollowRequestAnswered(
  deps: Pick<Deps, 'db'>,
  event: DomainEvents['follow.accepted'],
): Promise<void> {
  await deleteNotificationOf(deps.db, {
    accountId: event.targetAccountId,
    type: 'follow_request',
    fromAccountId: event.accountId,
    statusId: null,
  });
}

export async function onUnfollowed(
  deps: Pick<Deps, 'db'>,
  event: DomainEvents['follow.removed'],
): Promise<void> {
  await deleteNotificationOf(deps.db, {
    accountId: event.targetAccountId,
    type: 'follow',
    fromAccountId: event.accountId,
    statusId: null,
  });
}
