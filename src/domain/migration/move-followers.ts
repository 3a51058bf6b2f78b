/**
 * Following an account to its new home (Mastodon's MoveWorker): each local follower of the
 * old account follows the new one (a request when it is locked or remote, with the same
 * options, and in the same lists) and stops following the old one. A follower the new
 * account blocks, or that cannot follow it, just stops following the old one.
 */
import { AppError } from '../../core/errors.ts';
import { accountFromRow, type AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import { findListsHolding, insertListAccount } from '../../db/repositories/lists.ts';
import { mergeIntoList } from '../lists/list-feed.ts';
import { followAccount } from '../relationships/follow.ts';
import { unfollowAccount } from '../relationships/unfollow.ts';

/** Moves the local followers of `origin` to `target`; returns how many were moved. */
export async function moveLocalFollowers(
  deps: Deps,
  origin: AccountRecord,
  target: AccountRecord,
): Promise<number> {
  const rows = await deps.db.all<Record<string, unknown>>(
    `SELECT accounts.*, follows.show_reblogs AS follow_show_reblogs, follows.notify AS follow_notify
       FROM follows JOIN accounts ON accounts.id = follows.account_id
      WHERE follows.target_account_id = ? AND accounts.domain IS NULL`,
    [origin.id],
  );
  let moved = 0;
  for (const row of rows) {
    const follower = accountFromRow(row);
    if (follower.id !== target.id) {
      try {
        const lists = await findListsHolding(deps.db, follower.id, origin.id);
        await followAccount(deps, follower, target, {
          reblogs: Boolean(row.follow_show_reblogs),
          notify: Boolean(row.follow_notify),
        });
        moved += 1;
        // The old account leaves its lists with the unfollow; the new one takes its place.
        for (const list of lists) {
          const added = await insertListAccount(deps.db, {
            id: deps.ids.next(),
            listId: list.id,
            accountId: target.id,
            createdAt: deps.clock.now(),
          });
          if (added) await mergeIntoList(deps, list, [target.id]);
        }
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
      }
    }
    await unfollowAccount(deps, follower, origin);
  }
  return moved;
}
