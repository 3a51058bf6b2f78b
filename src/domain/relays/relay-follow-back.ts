/**
 * A LitePub relay follows the instance back (FEP-ae0c): after answering the instance's
 * Follow, Pleroma's relay actor sends its own Follow of the instance actor and relays posts
 * only once that is accepted. Such a Follow is accepted when it comes from a relay the
 * instance follows (pending or accepted), recognised as relays are, by inbox (its actor's
 * inbox, shared inbox or id is the relay's inbox URL, on the relay's own server); it is
 * recorded on the relay, whose Announces are then taken. The relay's Undo forgets it.
 * Anyone else's Follow of the instance actor is refused, as Mastodon refuses it.
 *
 * @example const relay = await acceptRelayFollowBack(deps, sender, follow.id.href);
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  findActiveRelaysAt,
  setRelayFollowBack,
  type RelayRecord,
} from '../../db/repositories/relays.ts';
import type { Deps } from '../context.ts';

type RelayActor = Pick<AccountRecord, 'uri' | 'inboxUrl' | 'sharedInboxUrl'>;

/** The relays (not rejected) `actor` speaks for. */
async function relaysOf(deps: Pick<Deps, 'db'>, actor: RelayActor): Promise<RelayRecord[]> {
  const urls = [actor.uri, actor.inboxUrl, actor.sharedInboxUrl].filter(
    (u): u is string => u !== null,
  );
  const origin = new URL(actor.uri).origin;
  return (await findActiveRelaysAt(deps.db, urls)).filter(
    (relay) => new URL(relay.inboxUrl).origin === origin,
  );
}

/** Records `actor`'s Follow `followId` on its relays; null when it is no relay of ours. */
export async function acceptRelayFollowBack(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: RelayActor,
  followId: string,
): Promise<RelayRecord[] | null> {
  const relays = await relaysOf(deps, actor);
  if (relays.length === 0) return null;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    for (const relay of relays) await setRelayFollowBack(tx, relay.id, followId, now);
  });
  return relays.map((relay) => ({ ...relay, followBackId: followId, updatedAt: now }));
}

/** The relay took its Follow `followId` back; true when it was one Woolly had accepted. */
export async function endRelayFollowBack(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: RelayActor,
  followId: string,
): Promise<boolean> {
  const relays = (await relaysOf(deps, actor)).filter((r) => r.followBackId === followId);
  const now = deps.clock.now();
  for (const relay of relays) await setRelayFollowBack(deps.db, relay.id, null, now);
  return relays.length > 0;
}
