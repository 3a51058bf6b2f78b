/**
 * UnfollowService: stops following an account, or withdraws the follow request still waiting
 * for it. Unfollowing someone one does not follow changes nothing and is no error. The follow
 * row and both counters change in one transaction; `follow.removed` tells federation to send
 * Undo(Follow) when the account is remote.
 */
import { countFollow, type AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteFollow } from '../../db/repositories/follows.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';

export async function unfollowAccount(
  deps: Deps,
  source: AccountRecord,
  target: AccountRecord,
): Promise<void> {
  await transactionWithEvents(deps, async (tx, emit) => {
    let removed = false;
    if (await deleteFollow(tx, 'follows', source.id, target.id)) {
      await countFollow(tx, source.id, target.id, -1);
      removed = true;
    } else {
      removed = (await deleteFollow(tx, 'follow_requests', source.id, target.id)) !== null;
    }
    if (removed) {
      await emit('follow.removed', { accountId: source.id, targetAccountId: target.id });
    }
  });
}
