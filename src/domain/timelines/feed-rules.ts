/**
 * Which posts may enter a home or list feed: Mastodon's FeedManager rules
 * (filter_from_home, filter_from_list, filter_from_tags), decided from facts loaded in bulk
 * beforehand, so that one post fanned out to ten thousand followers, or a feed built from
 * five hundred followed accounts, costs a fixed number of queries.
 *
 * Home: one's own posts always enter. Otherwise a post is kept out when
 * - it is a reply whose parent is unknown;
 * - its author is in one of the receiver's exclusive lists (lists have their own feeds);
 * - it is in a language the receiver does not follow the author for;
 * - the receiver blocks or mutes its author, the boosted author or anyone mentioned;
 * - it replies to someone else whom the receiver does not follow;
 * - it is a boost, and the receiver hides the booster's boosts, is blocked by the boosted
 *   author or blocks the boosted author's domain.
 */
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { ListRecord } from '../../db/repositories/lists.ts';

/** A post as the rules see it, with what they ask about it loaded. */
export interface FeedCandidate {
  status: StatusRecord;
  /** The boosted post, for a boost. */
  reblog: StatusRecord | null;
  /** The domain of the boosted post's author (null when local or no boost). */
  reblogAuthorDomain: string | null;
  /** Accounts mentioned by the post and, for a boost, by the boosted post. */
  mentionedIds: readonly string[];
}

/** Relationships between receivers and accounts, asked as (receiver, account) pairs. */
export interface FeedFacts {
  follows(receiverId: string, accountId: string): boolean;
  blocks(receiverId: string, accountId: string): boolean;
  mutes(receiverId: string, accountId: string): boolean;
  /** `accountId` blocks the receiver. */
  blockedBy(receiverId: string, accountId: string): boolean;
  blocksDomain(receiverId: string, domain: string): boolean;
  /** The receiver follows `accountId` with `reblogs: false`. */
  hidesReblogs(receiverId: string, accountId: string): boolean;
  /** The languages the receiver follows `accountId` for; null for all. */
  languages(receiverId: string, accountId: string): readonly string[] | null;
  /** `accountId` is in an exclusive list of the receiver. */
  inExclusiveList(receiverId: string, accountId: string): boolean;
}

const blocksOrMutesAny = (c: FeedCandidate, receiverId: string, facts: FeedFacts): boolean => {
  const involved = [...c.mentionedIds, c.status.accountId];
  if (c.reblog) involved.push(c.reblog.accountId);
  return involved.some((id) => facts.blocks(receiverId, id) || facts.mutes(receiverId, id));
};

/** True when the post stays out of the receiver's home feed (or, `forList`, its list). */
export function filterFromHome(
  c: FeedCandidate,
  receiverId: string,
  facts: FeedFacts,
  options: { forList?: boolean } = {},
): boolean {
  const s = c.status;
  if (s.accountId === receiverId) return false;
  if (s.inReplyToId !== null && s.inReplyToAccountId === null) return true;
  if (!options.forList && facts.inExclusiveList(receiverId, s.accountId)) return true;
  const languages = facts.languages(receiverId, s.accountId);
  if (languages && s.language !== null && !languages.includes(s.language)) return true;
  if (blocksOrMutesAny(c, receiverId, facts)) return true;
  if (s.inReplyToAccountId !== null) {
    const to = s.inReplyToAccountId;
    return to !== s.accountId && to !== receiverId && !facts.follows(receiverId, to);
  }
  if (c.reblog) {
    return (
      facts.hidesReblogs(receiverId, s.accountId) ||
      facts.blockedBy(receiverId, c.reblog.accountId) ||
      (c.reblogAuthorDomain !== null && facts.blocksDomain(receiverId, c.reblogAuthorDomain))
    );
  }
  return false;
}

/**
 * True when a reply stays out of a list by its replies policy: replies to the list's owner
 * always enter; `followed` lets in replies to anyone (the home rule then asks that the owner
 * follows them), `list` replies to members, `none` nothing else.
 */
export function filterFromList(
  c: FeedCandidate,
  list: Pick<ListRecord, 'accountId' | 'repliesPolicy'>,
  isMember: (accountId: string) => boolean,
): boolean {
  const to = c.status.inReplyToAccountId;
  if (c.status.inReplyToId === null || to === null || to === c.status.accountId) return false;
  if (to === list.accountId) return false;
  if (list.repliesPolicy === 'followed') return false;
  return !(list.repliesPolicy === 'list' && isMember(to));
}

/**
 * True when a post reaching the receiver through a followed hashtag stays out: own posts
 * (they came already), posts involving someone the receiver blocks or mutes, and posts of
 * authors who block the receiver or whose domain the receiver blocks.
 */
export function filterFromTags(
  c: FeedCandidate,
  receiverId: string,
  facts: FeedFacts,
  authorDomain: string | null,
): boolean {
  if (c.status.accountId === receiverId) return true;
  if (blocksOrMutesAny(c, receiverId, facts)) return true;
  if (facts.blockedBy(receiverId, c.status.accountId)) return true;
  return authorDomain !== null && facts.blocksDomain(receiverId, authorDomain);
}
