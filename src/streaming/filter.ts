/**
 * Who receives a post on which stream, as Mastodon's fan-out and feed filters decide it,
 * written as pure functions over facts the hub loads once per post:
 *
 * - public streams: public posts that are not boosts, nor replies to someone else; local-only
 *   posts only to signed-in viewers; the `:local`/`:remote` and `:media` variants narrow that;
 * - hashtag streams: public posts carrying the tag (replies included);
 * - the home (`user`) stream: the viewer's own posts, and posts of accounts the viewer follows
 *   (a direct post only when it mentions the viewer; a boost only when the viewer wants that
 *   account's boosts; a reply only when it answers the viewer, the author itself or someone
 *   the viewer follows).
 *
 * Blocks either way, mutes and domain blocks remove a viewer from every stream (`excluded`).
 */
import type { StatusRecord } from '../db/repositories/statuses.ts';
import type { Channel } from './channels.ts';

export interface PostFacts {
  status: StatusRecord;
  authorLocal: boolean;
  /** Accounts the post mentions, silent mentions included (they may still see it). */
  mentionedIds: ReadonlySet<string>;
  /** Normalized names of the post's hashtags (the boosted post's, for a boost). */
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

/** Whether a viewer of a public or hashtag channel may be shown the post. */
export function publicViewerReceives(
  viewerId: string | null,
  post: PostFacts,
  excluded: ReadonlySet<string>,
): boolean {
  if (post.status.localOnly && viewerId === null) return false;
  return viewerId === null || !excluded.has(viewerId);
}

export interface HomeFacts {
  /** The viewer's follow of the author, if any. */
  follow: { showReblogs: boolean } | undefined;
  /** Whether the viewer follows the account the post replies to. */
  followsReplyTarget: boolean;
  excluded: ReadonlySet<string>;
}

/** Whether the post goes to `viewerId`'s home stream. */
export function homeReceives(viewerId: string, post: PostFacts, facts: HomeFacts): boolean {
  const { status } = post;
  if (viewerId === status.accountId) return true;
  if (facts.excluded.has(viewerId) || facts.follow === undefined) return false;
  if (status.visibility === 'direct' && !post.mentionedIds.has(viewerId)) return false;
  if (status.reblogOfId !== null) return facts.follow.showReblogs;
  if (status.inReplyToAccountId !== null) {
    return (
      status.inReplyToAccountId === viewerId ||
      status.inReplyToAccountId === status.accountId ||
      facts.followsReplyTarget
    );
  }
  return true;
}
