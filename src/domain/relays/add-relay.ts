/**
 * AddRelayService: the instance starts following a relay, named by its inbox URL as in
 * Mastodon's admin page. The relay is stored `pending` and the outbox sends it a Follow from
 * the instance actor; its Accept or Reject settles the state (answer-relay.ts). Adding a
 * relay that rejected the instance asks again (a new Follow), as enabling it again does in
 * Mastodon; adding one already pending or accepted is refused.
 *
 * @example await addRelay(deps, 'https://relay.example/inbox');
 */
import { AppError } from '../../core/errors.ts';
import {
  findRelayByInbox,
  insertRelay,
  restartRelayFollow,
  type RelayRecord,
} from '../../db/repositories/relays.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { relayInboxUrl } from './relay-inbox-url.ts';

export async function addRelay(deps: Deps, inboxInput: string): Promise<RelayRecord> {
  const inboxUrl = relayInboxUrl(inboxInput);
  const existing = await findRelayByInbox(deps.db, inboxUrl);
  if (existing && existing.state !== 'rejected') {
    throw new AppError(422, 'Validation failed: Inbox url has already been taken');
  }
  const now = deps.clock.now();
  const followId = deps.ids.next();
  // Mastodon names the Follow with a fresh URI of its own; the Accept names it back.
  const followActivityId = `${deps.config.baseUrl}/actor#relays/${followId}`;
  return transactionWithEvents(deps, async (tx, emit) => {
    let relay: RelayRecord;
    if (existing) {
      await restartRelayFollow(tx, existing.id, followActivityId, now);
      relay = { ...existing, followActivityId, state: 'pending', updatedAt: now };
    } else {
      relay = {
        id: followId,
        inboxUrl,
        followActivityId,
        state: 'pending',
        followBackId: null,
        createdAt: now,
        updatedAt: now,
      };
      await insertRelay(tx, relay);
    }
    await emit('relay.added', { relayId: relay.id });
    return relay;
  });
}
