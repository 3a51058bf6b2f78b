/**
 * RemoveRelayService: the instance stops following a relay. The row goes at once and the
 * outbox sends the relay Undo(Follow), so nothing more is delivered to it or taken from it.
 *
 * @example await removeRelay(deps, 'https://relay.example/inbox');
 */
import { AppError } from '../../core/errors.ts';
import { deleteRelay, findRelayByInbox, type RelayRecord } from '../../db/repositories/relays.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { relayInboxUrl } from './relay-inbox-url.ts';

export async function removeRelay(deps: Deps, inboxInput: string): Promise<RelayRecord> {
  const relay = await findRelayByInbox(deps.db, relayInboxUrl(inboxInput));
  if (!relay) throw new AppError(404, 'Record not found');
  await transactionWithEvents(deps, async (tx, emit) => {
    await deleteRelay(tx, relay.id);
    await emit('relay.removed', {
      relayId: relay.id,
      inboxUrl: relay.inboxUrl,
      followActivityId: relay.followActivityId,
    });
  });
  return relay;
}
