/**
 * Whose home and which lists a post reaches among the streams open now, decided by the very
 * rules that fill the precomputed feeds (domain/timelines: FeedManager's filter_from_home,
 * filter_from_list and filter_from_tags over the same facts), so that a stream shows what
 * the REST timeline will: the author's own posts, followed accounts' posts (direct ones only
 * to mentioned followers; boosts unless hidden; replies only when the receiver follows the
 * addressee; languages chosen; exclusive lists honoured), followed hashtags' public posts, and
 * nothing from or about someone the receiver blocks or mutes.
 */
import type { AccountRecord } from '../db/repositories/accounts.ts';
import type { ListRecord } from '../db/repositories/lists.ts';
import type { StatusRecord } from '../db/repositories/statuses.ts';
import {
  followersAmong,
  listsHoldingAmong,
  listsWithMember,
  tagFollowersAmong,
} from '../db/views/streaming.ts';
import type { Deps } from '../domain/context.ts';
import { loadCandidates } from '../domain/timelines/feed-candidates.ts';
import { factsAroundPost } from '../domain/timelines/feed-facts.ts';
import { filterFromHome, filterFromList, filterFromTags } from '../domain/timelines/feed-rules.ts';

export interface Audience {
  homes: string[];
  lists: ListRecord[];
}

export async function homeAudience(
  deps: Pick<Deps, 'db' | 'clock'>,
  status: StatusRecord,
  author: AccountRecord,
  connected: { homeIds: readonly string[]; listIds: readonly string[] },
): Promise<Audience> {
  const homes = new Set<string>();
  const own = connected.homeIds.includes(author.id);
  if (own && author.domain === null) homes.add(author.id);
  const others = connected.homeIds.filter((id) => id !== author.id);
  const unknownParent = status.inReplyToId !== null && status.inReplyToAccountId === null;
  if (unknownParent || (others.length === 0 && connected.listIds.length === 0)) {
    return { homes: [...homes], lists: [] };
  }
  const [candidate] = await loadCandidates(deps.db, [status]);
  if (!candidate) return { homes: [...homes], lists: [] };
  const direct = status.visibility === 'direct';
  const lists = direct ? [] : await listsHoldingAmong(deps.db, author.id, connected.listIds);
  // List owners' follows are facts too (their boost and language choices apply to lists).
  const owners = lists.map((l) => l.accountId).filter((id) => id !== author.id);
  const allFollowers = await followersAmong(deps.db, author.id, [
    ...new Set([...others, ...owners]),
  ]);
  const mentioned = new Set(candidate.mentionedIds);
  const followers = direct ? allFollowers.filter((f) => mentioned.has(f.accountId)) : allFollowers;
  const facts = await factsAroundPost(deps.db, candidate, followers, deps.clock.now());
  const homeCandidates = new Set(others);
  for (const f of followers) {
    if (homeCandidates.has(f.accountId) && !filterFromHome(candidate, f.accountId, facts)) {
      homes.add(f.accountId);
    }
  }
  if (status.visibility === 'public' && status.reblogOfId === null) {
    for (const id of await tagFollowersAmong(deps.db, status.id, others)) {
      if (!homes.has(id) && !filterFromTags(candidate, id, facts, author.domain)) homes.add(id);
    }
  }
  const replyTo = status.inReplyToAccountId;
  const holdingAddressee =
    replyTo === null || lists.length === 0
      ? new Set<string>()
      : await listsWithMember(
          deps.db,
          lists.map((l) => l.id),
          replyTo,
        );
  const reached = lists.filter(
    (list) =>
      !filterFromList(candidate, list, () => holdingAddressee.has(list.id)) &&
      !filterFromHome(candidate, list.accountId, facts, { forList: true }),
  );
  return { homes: [...homes], lists: reached };
}
