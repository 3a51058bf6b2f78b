/**
 * UnblockService: lifts a block. Unblocking someone not blocked changes nothing. Follows that
 * the block ended do not come back.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteBlock } from '../../db/repositories/blocks.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';

export async function unblockAccount(
  deps: Deps,
  source: AccountRecord,
  target: AccountRecord,
): Promise<void> {
  await transactionWithEvents(deps, async (tx, emit) => {
    if (await deleteBlock(tx, source.id, target.id)) {
      await emit('block.removed', { accountId: source.id, targetAccountId: target.id });
    }
  });
}
