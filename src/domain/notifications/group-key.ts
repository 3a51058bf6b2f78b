/**
 * Mastodon's group keys (Notification::Groups#set_group_key!): favourites and boosts of one
 * status, follows, and sign-ups are grouped by hour buckets, and a group goes on collecting
 * for up to 12 hours after it started. Mentions and the other types are never grouped, and a
 * filtered notification has no group. Mastodon remembers the open bucket in Redis; Woolly
 * reads the recipient's latest key with the same prefix from the notifications themselves.
 *
 * @example groupKey(...) // 'favourite-113010503322889311-479000', 'follow-479000'
 */
import type { Queryable } from '../../db/database.ts';
import { latestGroupKey } from '../../db/repositories/notifications.ts';
import type { NotificationType } from './types.ts';

const hourMs = 3_600_000;
/** How long a group may span (Mastodon's MAXIMUM_GROUP_SPAN_HOURS). */
export const maximumGroupSpanHours = 12;

function prefixOf(type: NotificationType, statusId: string | null): string | null {
  switch (type) {
    case 'favourite':
    case 'reblog':
      return `${type}-${statusId ?? ''}`;
    case 'follow':
    case 'admin.sign_up':
      return type;
    default:
      return null;
  }
}

/** The group key of a notification of `type` to `accountId` about an activity made `at`. */
export async function groupKey(
  db: Queryable,
  accountId: string,
  type: NotificationType,
  statusId: string | null,
  at: number,
): Promise<string | null> {
  const prefix = prefixOf(type, statusId);
  if (prefix === null) return null;
  let bucket = Math.floor(at / hourMs);
  const latest = await latestGroupKey(db, accountId, prefix);
  const previous = latest === null ? 0 : Number(latest.slice(prefix.length + 1));
  if (Number.isSafeInteger(previous) && bucket < previous + maximumGroupSpanHours) {
    bucket = previous;
  }
  return `${prefix}-${bucket}`;
}
