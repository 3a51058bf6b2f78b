/**
 * A relay answered the instance's Follow: Accept makes it `accepted` (public posts go to it
 * and what it sends is taken), Reject makes it `rejected`. The answer must come from the
 * relay's own server; anything else, or an answer to no relay Follow, changes nothing.
 */
import {
  findRelayByFollowId,
  setRelayState,
  type RelayRecord,
} from '../../db/repositories/relays.ts';
import type { Deps } from '../context.ts';

export async function answerRelayFollow(
  deps: Pick<Deps, 'db' | 'clock'>,
  followActivityId: string,
  senderOrigin: string,
  accepted: boolean,
): Promise<RelayRecord | null> {
  const relay = await findRelayByFollowId(deps.db, followActivityId);
  if (!relay || new URL(relay.inboxUrl).origin !== senderOrigin) return null;
  const state = accepted ? 'accepted' : 'rejected';
  if (relay.state !== state) await setRelayState(deps.db, relay.id, state, deps.clock.now());
  return { ...relay, state };
}
