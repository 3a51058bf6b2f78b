/**
 * A list's precomputed feed: its members' posts that the list's replies policy and its
 * owner's home rules admit. Built whole on first read (or after `woolly feeds clear`), topped
 * up when a member is added, cleared of a member's entries when removed. New posts reach it
 * by fan-out (timelines/fan-out.ts).
 */
import { deleteEntriesByAuthor } from '../../db/repositories/feed-entries.ts';
import {
  findListMemberIds,
  setListFeedBuilt,
  type ListRecord,
} from '../../db/repositories/lists.ts';
import { findAccountsByIds } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import { factsOfReceiver } from '../timelines/feed-facts.ts';
import { filterFromHome, filterFromList, type FeedCandidate } from '../timelines/feed-rules.ts';
import { backfillEntries } from '../timelines/feed-size.ts';
import { collectPosts, oldestKept, writeIntoFeed } from '../timelines/merge-feed.ts';

type FeedDeps = Pick<Deps, 'db' | 'clock'>;

async function admits(deps: FeedDeps, list: ListRecord) {
  const facts = await factsOfReceiver(deps.db, list.accountId, deps.clock.now());
  const members = new Set(await findListMemberIds(deps.db, list.id));
  return {
    members,
    keep: (c: FeedCandidate) =>
      !filterFromList(c, list, (id) => members.has(id)) &&
      !filterFromHome(c, list.accountId, facts, { forList: true }),
  };
}

export async function buildListFeed(deps: FeedDeps, list: ListRecord): Promise<void> {
  const { members, keep } = await admits(deps, list);
  const accounts = await findAccountsByIds(deps.db, [...members]);
  const posts = await collectPosts(
    deps,
    accounts
      .filter((a) => a.suspendedAt === null)
      .map((a) => ({ accountId: a.id, lastStatusAt: a.lastStatusAt })),
    keep,
  );
  await writeIntoFeed(deps, 'list', list.id, posts);
  await setListFeedBuilt(deps.db, list.id, deps.clock.now());
}

export async function ensureListFeed(deps: FeedDeps, list: ListRecord): Promise<void> {
  if (list.feedBuiltAt === null) await buildListFeed(deps, list);
}

/** A member was added: its recent posts join the list's feed, if that is built. */
export async function mergeIntoList(
  deps: FeedDeps,
  list: ListRecord,
  memberIds: readonly string[],
): Promise<void> {
  if (list.feedBuiltAt === null || memberIds.length === 0) return;
  const { keep } = await admits(deps, list);
  const accounts = await findAccountsByIds(deps.db, memberIds);
  const posts = await collectPosts(
    deps,
    accounts.map((a) => ({ accountId: a.id, lastStatusAt: a.lastStatusAt })),
    keep,
    { limit: backfillEntries, afterId: await oldestKept(deps, 'list', list.id) },
  );
  await writeIntoFeed(deps, 'list', list.id, posts);
}

/** A member was removed: its posts and boosts leave the list's feed. */
export async function unmergeFromList(
  deps: Pick<Deps, 'db'>,
  listIds: readonly string[],
  memberId: string,
): Promise<void> {
  await deleteEntriesByAuthor(deps.db, 'list', listIds, memberId);
}
