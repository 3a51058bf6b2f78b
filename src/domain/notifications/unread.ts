/**
 * How many notifications are unread: those newer than the account's `notifications` read
 * marker (all of them when it has none), counted up to a cap because the count is made
 * afresh on every request (Mastodon's `unread_count`, v1 per notification, v2 per group).
 */
import { findMarker } from '../../db/repositories/markers.ts';
import { countNotificationsAfter, type NotificationFilter } from '../../db/views/notifications.ts';
import type { Deps } from '../context.ts';
import { groupRepresentatives } from './grouped.ts';

async function lastReadId(deps: Pick<Deps, 'db'>, accountId: string): Promise<string | null> {
  return (await findMarker(deps.db, accountId, 'notifications'))?.lastReadId ?? null;
}

export async function unreadCount(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  filter: NotificationFilter,
  cap: number,
): Promise<number> {
  return countNotificationsAfter(
    deps.db,
    accountId,
    filter,
    await lastReadId(deps, accountId),
    cap,
  );
}

export async function unreadGroupCount(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  filter: NotificationFilter,
  grouped: ReadonlySet<string>,
  cap: number,
): Promise<number> {
  const after = await lastReadId(deps, accountId);
  const groups = await groupRepresentatives(
    deps,
    accountId,
    filter,
    // From the marker upwards; without one, Mastodon walks from the oldest.
    { limit: cap, maxId: null, sinceId: null, minId: after ?? '0' },
    grouped,
  );
  return groups.length;
}
