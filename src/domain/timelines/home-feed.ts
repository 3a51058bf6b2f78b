/**
 * Building and keeping up the precomputed home feed of one account: built whole on first read
 * (or by `woolly feeds build`) from the account's own posts and those of everyone it follows;
 * topped up when it follows someone; cleared of an account's entries on unfollow and block.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  deleteEntriesByAuthor,
  deleteEntriesInvolving,
  isHomeFeedBuilt,
  markHomeFeedBuilt,
} from '../../db/repositories/feed-entries.ts';
import { findAccountById, findAccountsByIds } from '../../db/repositories/accounts.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { factsOfReceiver } from './feed-facts.ts';
import { loadCandidates } from './feed-candidates.ts';
import { filterFromHome, filterFromTags, type FeedFacts } from './feed-rules.ts';
import { backfillEntries, maxFeedEntries } from './feed-size.ts';
import { statusesInOrder } from './filtered-page.ts';
import {
  collectPosts,
  mergeCollected,
  oldestKept,
  writeIntoFeed,
  type Source,
} from './merge-feed.ts';

type FeedDeps = Pick<Deps, 'db' | 'clock'>;

async function followedSources(deps: FeedDeps, accountId: string): Promise<Source[]> {
  // Direct posts are read too: those that mention the reader belong in the feed.
  const rows = await deps.db.all<{ id: string | number; last_status_at: number | null }>(
    `SELECT a.id, a.last_status_at FROM follows f JOIN accounts a ON a.id = f.target_account_id
      WHERE f.account_id = ? AND a.suspended_at IS NULL`,
    [accountId],
  );
  return rows.map((r) => ({
    accountId: String(r.id),
    lastStatusAt: r.last_status_at === null ? null : Number(r.last_status_at),
    withDirect: true,
  }));
}

/**
 * The recent public posts with hashtags the account follows, that the hashtag rules let in
 * (fan-out brings them as they are posted; a feed built later finds them here).
 */
async function followedTagPosts(
  deps: FeedDeps,
  account: AccountRecord,
  facts: FeedFacts,
): Promise<StatusRecord[]> {
  const rows = await deps.db.all<{ id: string | number }>(
    `SELECT DISTINCT st.status_id AS id FROM tag_follows tf
       JOIN statuses_tags st ON st.tag_id = tf.tag_id
       JOIN statuses s ON s.id = st.status_id
      WHERE tf.account_id = ? AND s.visibility = 'public' AND s.reblog_of_id IS NULL
        AND s.deleted_at IS NULL
      ORDER BY st.status_id DESC LIMIT ${maxFeedEntries}`,
    [account.id],
  );
  const posts = await statusesInOrder(
    deps.db,
    rows.map((r) => String(r.id)),
  );
  const authors = new Map(
    (await findAccountsByIds(deps.db, [...new Set(posts.map((p) => p.accountId))])).map((a) => [
      a.id,
      a,
    ]),
  );
  const candidates = await loadCandidates(deps.db, posts);
  return candidates
    .filter((c) => {
      const author = authors.get(c.status.accountId);
      return author !== undefined && !filterFromTags(c, account.id, facts, author.domain);
    })
    .map((c) => c.status);
}

/** Builds (or fills up) the home feed of a local account and marks it built. */
export async function buildHomeFeed(deps: FeedDeps, account: AccountRecord): Promise<void> {
  const facts = await factsOfReceiver(deps.db, account.id, deps.clock.now());
  const sources: Source[] = [
    { accountId: account.id, lastStatusAt: account.lastStatusAt, withDirect: true },
    ...(await followedSources(deps, account.id)),
  ];
  // Direct posts of followed accounts count where they mention the reader, as fan-out sends them.
  const followed = await collectPosts(
    deps,
    sources,
    (c) =>
      !filterFromHome(c, account.id, facts) &&
      (c.status.visibility !== 'direct' ||
        c.status.accountId === account.id ||
        c.mentionedIds.includes(account.id)),
  );
  const posts = mergeCollected(followed, await followedTagPosts(deps, account, facts));
  await writeIntoFeed(deps, 'home', account.id, posts);
  await markHomeFeedBuilt(deps.db, account.id, deps.clock.now());
}

/**
 * A follow began: the followed account's recent posts join the follower's home feed (if it is
 * built; an unbuilt feed gets them when it is built).
 */
export async function mergeIntoHome(
  deps: FeedDeps,
  followerId: string,
  targetId: string,
): Promise<void> {
  const follower = await findAccountById(deps.db, followerId);
  const target = await findAccountById(deps.db, targetId);
  if (!follower || follower.domain !== null || !target) return;
  if (!(await isHomeFeedBuilt(deps.db, follower.id))) return;
  const facts = await factsOfReceiver(deps.db, follower.id, deps.clock.now());
  const posts = await collectPosts(
    deps,
    [{ accountId: target.id, lastStatusAt: target.lastStatusAt }],
    (c) => !filterFromHome(c, follower.id, facts),
    { limit: backfillEntries, afterId: await oldestKept(deps, 'home', follower.id) },
  );
  await writeIntoFeed(deps, 'home', follower.id, posts);
}

/** A follow ended: the unfollowed account's posts and boosts leave the home feed. */
export async function unmergeFromHome(
  deps: Pick<Deps, 'db'>,
  followerId: string,
  targetId: string,
): Promise<void> {
  await deleteEntriesByAuthor(deps.db, 'home', [followerId], targetId);
}

/** A block: everything involving the blocked account leaves the blocker's home feed. */
export async function clearFromHome(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  targetId: string,
): Promise<void> {
  await deleteEntriesInvolving(deps.db, 'home', [accountId], targetId);
}
