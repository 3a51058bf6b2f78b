/**
 * AuthorizeFollowService: a locked account accepts a follow request. The request becomes a
 * follow with the options the follower chose, and both counters move, in one transaction.
 * No waiting request from that account is a 404.
 *
 * Emits `follow.accepted` (federation answers a remote follower with Accept) and then
 * `follow.created` marked `fromRequest`, since from now on this is a follow like any other;
 * the accepting account was notified of the request, not again of the follow (Mastodon's
 * FollowRequest#authorize! makes no notification).
 */
import { notFound } from '../../core/errors.ts';
import { countFollow, type AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteFollow, insertFollow } from '../../db/repositories/follows.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';

export async function authorizeFollowRequest(
  deps: Deps,
  target: AccountRecord,
  requester: AccountRecord,
): Promise<void> {
  const followId = deps.ids.next();
  await transactionWithEvents(deps, async (tx, emit) => {
    const request = await deleteFollow(tx, 'follow_requests', requester.id, target.id);
    if (!request) throw notFound();
    const inserted = await insertFollow(tx, 'follows', {
      ...request,
      id: followId,
      createdAt: deps.clock.now(),
    });
    if (inserted) await countFollow(tx, requester.id, target.id, 1);
    await emit('follow.accepted', { accountId: requester.id, targetAccountId: target.id });
    if (inserted) {
      await emit('follow.created', {
        followId,
        accountId: requester.id,
        targetAccountId: target.id,
        fromRequest: true,
      });
    }
  });
}
