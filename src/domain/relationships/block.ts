/**
 * BlockService: one account blocks another. In the same transaction as the block, the follows
 * between the two end in both directions (with their counters) and so do the follow requests
 * either one is waiting on: a blocked account neither follows nor is followed by its blocker.
 * Blocking oneself changes nothing.
 *
 * Events, recorded with the transaction and heard after its commit: `follow.removed` for each
 * follow or request that ended (federation sends Undo or Reject), `follow.rejected` for the
 * blocked account's request to the blocker, then `block.created`.
 */
import { countFollow, type AccountRecord } from '../../db/repositories/accounts.ts';
import { insertBlock } from '../../db/repositories/blocks.ts';
import { deleteFollow } from '../../db/repositories/follows.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';

export async function blockAccount(
  deps: Deps,
  source: AccountRecord,
  target: AccountRecord,
): Promise<void> {
  if (source.id === target.id) return;
  await transactionWithEvents(deps, async (tx, emit) => {
    for (const [from, to] of [
      [source, target],
      [target, source],
    ] as const) {
      const pair = { accountId: from.id, targetAccountId: to.id };
      if (await deleteFollow(tx, 'follows', from.id, to.id)) {
        await countFollow(tx, from.id, to.id, -1);
        await emit('follow.removed', pair);
      }
      if (await deleteFollow(tx, 'follow_requests', from.id, to.id)) {
        await emit(from === source ? 'follow.removed' : 'follow.rejected', pair);
      }
    }
    const blocked = await insertBlock(tx, {
      id: deps.ids.next(),
      accountId: source.id,
      targetAccountId: target.id,
      uri: null,
      createdAt: deps.clock.now(),
    });
    if (blocked) {
      await emit('block.created', { accountId: source.id, targetAccountId: target.id });
    }
  });
}
