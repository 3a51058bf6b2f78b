/**
 * BlockService: one account blocks another. In the same transaction as the block, the follows
 * between the two end in both directions (with their counters) and so do the follow requests
 * either one is waiting on: a blocked account neither follows nor is followed by its blocker.
 * Blocking oneself changes nothing.
 *
 * After the commit: `follow.removed` for each follow or request that ended (federation sends
 * Undo or Reject), `follow.rejected` for the blocked account's request to the blocker, then
 * `block.created`.
 */
import { countFollow, type AccountRecord } from '../../db/repositories/accounts.ts';
import { insertBlock } from '../../db/repositories/blocks.ts';
import { deleteFollow } from '../../db/repositories/follows.ts';
import type { Deps } from '../context.ts';
import type { DomainEvents } from '../events.ts';

type FollowEnded = ['follow.removed' | 'follow.rejected', DomainEvents['follow.removed']];

export async function blockAccount(
  deps: Deps,
  source: AccountRecord,
  target: AccountRecord,
): Promise<void> {
  if (source.id === target.id) return;
  const ended: FollowEnded[] = [];
  const blocked = await deps.db.transaction(async (tx) => {
    for (const [from, to] of [
      [source, target],
      [target, source],
    ] as const) {
      const pair = { accountId: from.id, targetAccountId: to.id };
      if (await deleteFollow(tx, 'follows', from.id, to.id)) {
        await countFollow(tx, from.id, to.id, -1);
        ended.push(['follow.removed', pair]);
      }
      if (await deleteFollow(tx, 'follow_requests', from.id, to.id)) {
        ended.push([from === source ? 'follow.removed' : 'follow.rejected', pair]);
      }
    }
    return insertBlock(tx, {
      id: deps.ids.next(),
      accountId: source.id,
      targetAccountId: target.id,
      uri: null,
      createdAt: deps.clock.now(),
    });
  });
  for (const [name, event] of ended) await deps.events.emit(name, event);
  if (blocked) {
    await deps.events.emit('block.created', { accountId: source.id, targetAccountId: target.id });
  }
}
