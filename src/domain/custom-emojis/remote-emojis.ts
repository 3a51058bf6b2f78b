/**
 * Custom emojis of other servers, as their posts and profiles name them (Mastodon's
 * ProcessEmojisService): kept by shortcode and domain with the remote image URL, so that the
 * `emojis` of statuses and accounts list them. The image stays on its server: the remote
 * media cache, when it fetches and keeps copies, replaces `image_url`/`static_url` here.
 * A domain whose media the instance rejects keeps no emojis.
 */
import { upsertRemoteEmoji } from '../../db/repositories/remote-emojis.ts';
import type { Deps } from '../context.ts';
import { rejectsMediaFrom } from '../domain-blocks/rules.ts';

export interface RemoteEmoji {
  shortcode: string;
  /** Its ActivityPub id, when it has one. */
  uri: string | null;
  imageUrl: string;
}

const shortcode = /^[a-zA-Z0-9_]{2,64}$/;
const maxPerObject = 50;

export async function storeRemoteEmojis(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  domain: string,
  emojis: readonly RemoteEmoji[],
): Promise<void> {
  const usable = emojis
    .filter((e) => shortcode.test(e.shortcode) && /^https?:\/\//.test(e.imageUrl))
    .slice(0, maxPerObject);
  if (usable.length === 0 || (await rejectsMediaFrom(deps, domain))) return;
  const now = deps.clock.now();
  for (const emoji of usable) {
    await upsertRemoteEmoji(deps.db, { id: deps.ids.next(), domain, ...emoji }, now);
  }
}
