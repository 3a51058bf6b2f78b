/**
 * RejectFollowService: a locked account turns down a follow request. No waiting request from
 * that account is a 404. `follow.rejected` tells federation to send Reject to a remote
 * follower.
 */
import { notFound } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteFollow } from '../../db/repositories/follows.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';

export async function rejectFollowRequest(
  deps: Deps,
  target: AccountRecord,
  requester: AccountRecord,
): Promise<void> {
  await transactionWithEvents(deps, async (tx, emit) => {
    const request = await deleteFollow(tx, 'follow_requests', requester.id, target.id);
    if (!request) throw notFound();
    await emit('follow.rejected', { accountId: requester.id, targetAccountId: target.id });
  });
}
