/**
 * An Announce from a relay the instance follows (LitePub relays pass posts on this way): the
 * announced post is fetched and stored, so it shows in the federated timeline, but no boost
 * by the relay is recorded (Mastodon does the same).
 */
import type { InboxContext } from '@fedify/fedify';
import type { Announce } from '@fedify/vocab';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { isAcceptedRelayInbox } from '../../domain/relays/accepted-relay.ts';
import { fetchAnnouncedStatus } from './fetch-status.ts';

/** Whether `sender` is an accepted relay (then the Announce was handled here). */
export async function onRelayAnnounce(
  ctx: InboxContext<Deps>,
  announce: Announce,
  sender: AccountRecord,
): Promise<boolean> {
  if (!(await isAcceptedRelayInbox(ctx.data, [sender.inboxUrl, sender.sharedInboxUrl]))) {
    return false;
  }
  if (announce.objectId && !(await findStatusByUri(ctx.data.db, announce.objectId.href))) {
    await fetchAnnouncedStatus(ctx, announce);
  }
  return true;
}
