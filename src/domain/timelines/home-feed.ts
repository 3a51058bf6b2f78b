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
import { findAccountById } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import { factsOfReceiver } from './feed-facts.ts';
import { filterFromHome } from './feed-rules.ts';
import { backfillEntries } from './feed-size.ts';
import { collectPosts, oldestKept, writeIntoFeed, type Source } from './merge-feed.ts';

type FeedDeps = Pick<Deps, 'db' | 'clock'>;

async function followedSources(deps: FeedDeps, accountId: string): Promise<Source[]> {
  const rows = await deps.db.all<{ id: string | number; last_status_at: number | null }>(
    `SELECT a.id, a.last_status_at FROM follows f JOIN accounts a ON a.id = f.target_account_id
      WHERE f.account_id = ? AND a.suspended_at IS NULL`,
    [accountId],
  );
  return rows.map((r) => ({
    accountId: String(r.id),
    lastStatusAt: r.last_status_at === null ? null : Number(r.last_status_at),
  }));
}

/** Builds (or fills up) the home feed of a local account and marks it built. */
export async function buildHomeFeed(deps: FeedDeps, account: AccountRecord): Promise<void> {
  const facts = await factsOfReceiver(deps.db, account.id, deps.clock.now());
  const sources: Source[] = [
    { accountId: account.id, lastStatusAt: account.lastStatusAt, withDirect: true },
    ...(await followedSources(deps, account.id)),
  ];
  const posts = await collectPosts(deps, sources, (c) => !filterFromHome(c, account.id, facts));
  await writeIntoFeed(deps, 'home', account.id, posts);
  await markHomeFeedBuilt(deps.db, account.id, deps.clock.now());
}

/** Builds the home feed unless it is built already. */
export async function ensureHomeFeed(deps: FeedDeps, account: AccountRecord): Promise<void> {
  if (!(await isHomeFeedBuilt(deps.db, account.id))) await buildHomeFeed(deps, account);
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
