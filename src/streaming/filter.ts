/**
 * Which public and hashtag streams carry a post, as Mastodon's fan-out decides it, written as
 * pure functions over facts the hub loads once per post:
 *
 * - public streams: public posts that are not boosts, nor replies to someone else; local-only
 *   posts only to signed-in viewers; the `:local`/`:remote` and `:media` variants narrow that;
 * - hashtag streams: public posts carrying the tag (replies included).
 *
 * Blocks either way, mutes and domain blocks remove a viewer (`excluded`). Homes and lists
 * follow the feed rules instead (home-audience.ts).
 */
import type { StatusRecord } from '../db/repositories/statuses.ts';
import type { Channel } from './channels.ts';

export interface PostFacts {
  status: StatusRecord;
  authorLocal: boolean;
  /** Accounts the post mentions, silent mentions included (they may still see it). */
  mentionedIds: ReadonlySet<string>;
  /** Normalized names of the post's hashtags. */
  tags: ReadonlySet<string>;
  hasMedia: boolean;
}

/** Whether a public or hashtag channel carries the post at all, before viewer rules. */
export function publicChannelCarries(channel: Channel, post: PostFacts): boolean {
  const { status } = post;
  if (status.visibility !== 'public' || status.reblogOfId !== null) return false;
  const media = channel.name.endsWith(':media');
  if (media && !post.hasMedia) return false;
  switch (channel.name) {
    case 'public':
    case 'public:media':
      return !isReplyToOther(status);
    case 'public:local':
    case 'public:local:media':
      return post.authorLocal && !isReplyToOther(status);
    case 'public:remote':
    case 'public:remote:media':
      return !post.authorLocal && !isReplyToOther(status);
    case 'hashtag':
      return channel.tag !== null && post.tags.has(channel.tag);
    case 'hashtag:local':
      return post.authorLocal && channel.tag !== null && post.tags.has(channel.tag);
    default:
      return false;
  }
}

const isReplyToOther = (s: StatusRecord): boolean =>
  s.inReplyToId !== null && s.inReplyToAccountId !== s.accountId;

/**
 * Whether a viewer of a public or hashtag channel may be shown the post: not excluded, and in
 * one of the viewer's chosen languages when the viewer chose some (and the post says its own).
 */
export function publicViewerReceives(
  viewerId: string | null,
  languages: readonly string[] | null,
  post: PostFacts,
  excluded: ReadonlySet<string>,
): boolean {
  if (post.status.localOnly && viewerId === null) return false;
  const language = post.status.language;
  if (languages && language !== null && !languages.includes(language)) return false;
  return viewerId === null || !excluded.has(viewerId);
}
