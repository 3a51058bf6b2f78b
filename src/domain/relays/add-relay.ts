/**
 * AddRelayService: the instance starts following a relay, named by its inbox URL as in
 * Mastodon's admin page. The relay is stored `pending` and the outbox sends it a Follow from
 * the instance actor; its Accept or Reject settles the state (answer-relay.ts).
 *
 * @example await addRelay(deps, 'https://relay.example/inbox');
 */
import { AppError } from '../../core/errors.ts';
import { findRelayByInbox, insertRelay, type RelayRecord } from '../../db/repositories/relays.ts';
import type { Deps } from '../context.ts';
import { relayInboxUrl } from './relay-inbox-url.ts';

export async function addRelay(deps: Deps, inboxInput: string): Promise<RelayRecord> {
  const inboxUrl = relayInboxUrl(inboxInput);
  if (await findRelayByInbox(deps.db, inboxUrl)) {
    throw new AppError(422, 'Validation failed: Inbox url has already been taken');
  }
  const now = deps.clock.now();
  const id = deps.ids.next();
  const relay: RelayRecord = {
    id,
    inboxUrl,
    // Mastodon names the Follow with a fresh URI of its own; the Accept names it back.
    followActivityId: `${deps.config.baseUrl}/actor#relays/${id}`,
    state: 'pending',
    createdAt: now,
    updatedAt: now,
  };
  await insertRelay(deps.db, relay);
  await deps.events.emit('relay.added', { relayId: relay.id });
  return relay;
}
