/**
 * Whether an actor speaks for a relay the instance follows: its inbox (or shared inbox) is an
 * accepted relay's, as Mastodon recognises relays (by inbox URL).
 */
import { hasAcceptedRelayAt } from '../../db/repositories/relays.ts';
import type { Deps } from '../context.ts';

/** Whether one of `inboxUrls` (an actor's inbox and shared inbox) is an accepted relay's. */
export async function isAcceptedRelayInbox(
  deps: Pick<Deps, 'db'>,
  inboxUrls: readonly (string | null)[],
): Promise<boolean> {
  const urls = inboxUrls.filter((u): u is string => u !== null);
  return urls.length > 0 && (await hasAcceptedRelayAt(deps.db, urls));
}
