/**
 * RemoveFromFollowersService: makes an account stop following you, without blocking it.
 * Removing someone who does not follow you changes nothing. `follow.removed` (follower
 * `follower`, followed `account`) follows, and for a remote follower `follow.rejected`, which
 * federation sends as Reject of its Follow.
 */
import { countFollow, type AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteFollow } from '../../db/repositories/follows.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';

export async function removeFromFollowers(
  deps: Deps,
  account: AccountRecord,
  follower: AccountRecord,
): Promise<void> {
  await transactionWithEvents(deps, async (tx, emit) => {
    if (!(await deleteFollow(tx, 'follows', follower.id, account.id))) return;
    await countFollow(tx, follower.id, account.id, -1);
    await emit('follow.removed', { accountId: follower.id, targetAccountId: account.id });
    // A remote follower's server hears it as Mastodon says it: a Reject of its Follow.
    if (follower.domain !== null) {
      await emit('follow.rejected', { accountId: follower.id, targetAccountId: account.id });
    }
  });
}
