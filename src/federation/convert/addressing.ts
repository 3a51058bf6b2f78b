/**
 * Who a post is addressed to, as Mastodon addresses it: public posts to everyone with the
 * followers in copy, unlisted the other way round, followers-only to the followers, and
 * direct posts only to the accounts they mention (who are in copy of every other post too).
 * Reading it back is the reverse: Public in `to` is public, in `cc` unlisted, the author's
 * followers collection private, anything else direct.
 */
import { PUBLIC_COLLECTION } from '@fedify/vocab';
import type { Visibility } from '../../db/repositories/statuses.ts';

export interface Addressing {
  to: URL[];
  cc: URL[];
}

export function addressing(visibility: Visibility, followers: URL, mentioned: URL[]): Addressing {
  switch (visibility) {
    case 'public':
      return { to: [PUBLIC_COLLECTION], cc: [followers, ...mentioned] };
    case 'unlisted':
      return { to: [followers], cc: [PUBLIC_COLLECTION, ...mentioned] };
    case 'private':
      return { to: [followers], cc: mentioned };
    case 'direct':
      return { to: mentioned, cc: [] };
  }
}

/** The visibility of a remote post from its audience and its author's followers collection. */
export function visibilityOf(to: URL[], cc: URL[], followers: string | null): Visibility {
  const has = (list: URL[], url: string) => list.some((u) => u.href === url);
  const publicUrl = PUBLIC_COLLECTION.href;
  // Some servers write the Public collection as `as:Public` or `Public`; Fedify expands them.
  if (has(to, publicUrl)) return 'public';
  if (has(cc, publicUrl)) return 'unlisted';
  if (followers && (has(to, followers) || has(cc, followers))) return 'private';
  return 'direct';
}
