/**
 * FanOutOnWriteService for the precomputed feeds: a new post or boost enters the home feed of
 * its (local) author, of each local follower the feed rules let it reach, of local followers of
 * its hashtags (public posts), and the feeds of the lists that hold its author. A direct post
 * reaches only the mentioned accounts that follow its author.
 *
 * Only feeds that are built are written to (as Mastodon fans out to active users only): a feed
 * nobody has read since it was cleared is built whole, with this post, on its first read.
 *
 * A boost does not enter a feed that already holds the boosted post or another boost of it,
 * and a post does not enter a feed that holds a boost of it (Mastodon's reblog aggregation).
 * Entries are written in batched statements: one post to ten thousand followers is a few
 * dozen statements.
 */
import { findAccountById } from '../../db/repositories/accounts.ts';
import {
  feedsHolding,
  isHomeFeedBuilt,
  insertFeedEntries,
  trimFeed,
  type FeedEntry,
  type FeedKind,
} from '../../db/repositories/feed-entries.ts';
import { placeholders, type Database, type Queryable } from '../../db/database.ts';
import { listFromRow, type ListRecord } from '../../db/repositories/lists.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { loadCandidates } from './feed-candidates.ts';
import { factsAroundPost, type FollowerRow } from './feed-facts.ts';
import { filterFromHome, filterFromList, filterFromTags } from './feed-rules.ts';
import { maxFeedEntries, trimsOnInsert } from './feed-size.ts';

async function localFollowers(db: Queryable, status: StatusRecord): Promise<FollowerRow[]> {
  const onlyMentioned = status.visibility === 'direct';
  const rows = await db.all<{
    account_id: string | number;
    show_reblogs: unknown;
    languages: unknown;
  }>(
    `SELECT f.account_id, f.show_reblogs, f.languages FROM follows f
       JOIN accounts a ON a.id = f.account_id
      WHERE f.target_account_id = ? AND a.domain IS NULL AND a.suspended_at IS NULL
      ${onlyMentioned ? 'AND f.account_id IN (SELECT account_id FROM mentions WHERE status_id = ?)' : ''}`,
    onlyMentioned ? [status.accountId, status.id] : [status.accountId],
  );
  return rows.map((r) => ({
    accountId: String(r.account_id),
    showReblogs: Boolean(r.show_reblogs),
    languages: r.languages ? (JSON.parse(String(r.languages)) as string[]) : null,
  }));
}

/** Of the author's followers, those whose home feed is built (the only ones written to). */
async function followersWithFeeds(db: Queryable, authorId: string): Promise<Set<string>> {
  const rows = await db.all<{ account_id: string | number }>(
    `SELECT f.account_id FROM follows f JOIN home_feeds hf ON hf.account_id = f.account_id
      WHERE f.target_account_id = ?`,
    [authorId],
  );
  return new Set(rows.map((r) => String(r.account_id)));
}

async function localTagFollowers(db: Queryable, statusId: string): Promise<string[]> {
  const rows = await db.all<{ account_id: string | number }>(
    `SELECT DISTINCT tf.account_id FROM statuses_tags st
       JOIN tag_follows tf ON tf.tag_id = st.tag_id
       JOIN accounts a ON a.id = tf.account_id
       JOIN home_feeds hf ON hf.account_id = tf.account_id
      WHERE st.status_id = ? AND a.domain IS NULL AND a.suspended_at IS NULL`,
    [statusId],
  );
  return rows.map((r) => String(r.account_id));
}

/** Lists holding the author whose owners follow the author (or are the author). */
async function listsFor(db: Queryable, authorId: string): Promise<ListRecord[]> {
  const rows = await db.all(
    `SELECT l.* FROM lists l JOIN list_accounts la ON la.list_id = l.id
      WHERE la.account_id = ? AND l.feed_built_at IS NOT NULL AND (l.account_id = la.account_id OR EXISTS (
        SELECT 1 FROM follows f WHERE f.account_id = l.account_id AND f.target_account_id = la.account_id))`,
    [authorId],
  );
  return rows.map(listFromRow);
}

async function listsHoldingMember(
  db: Queryable,
  listIds: readonly string[],
  accountId: string,
): Promise<Set<string>> {
  if (listIds.length === 0) return new Set();
  const rows = await db.all<{ list_id: string | number }>(
    `SELECT list_id FROM list_accounts WHERE account_id = ? AND list_id IN (${placeholders(listIds.length)})`,
    [accountId, ...listIds],
  );
  return new Set(rows.map((r) => String(r.list_id)));
}

/**
 * Receivers written per transaction. On SQLite a transaction holds the one connection, so a
 * fan-out to ten thousand feeds is cut into slices that let requests run in between; each
 * slice is idempotent (an entry already there stays), so a retried job repeats none of it.
 */
const receiversPerTransaction = 1000;

/** Writes `status` into `feedIds` (skipping feeds that already show it), trimming some. */
export async function pushToFeeds(
  db: Database,
  kind: FeedKind,
  status: StatusRecord,
  feedIds: Iterable<string>,
): Promise<void> {
  const holding = await feedsHolding(db, kind, status.reblogOfId ?? status.id);
  const entries: FeedEntry[] = [];
  for (const feedId of feedIds) {
    if (holding.has(feedId)) continue;
    entries.push({
      feedId,
      statusId: status.id,
      authorId: status.accountId,
      reblogOfId: status.reblogOfId,
    });
  }
  for (let i = 0; i < entries.length; i += receiversPerTransaction) {
    const slice = entries.slice(i, i + receiversPerTransaction);
    await db.transaction(async (tx) => {
      await insertFeedEntries(tx, kind, slice);
      for (const e of slice) {
        if (trimsOnInsert(e.feedId, e.statusId)) {
          await trimFeed(tx, kind, e.feedId, maxFeedEntries);
        }
      }
    });
  }
}

/** Fans out the post or boost `statusId`; a post deleted meanwhile goes nowhere. */
export async function fanOutStatus(
  deps: Pick<Deps, 'db' | 'clock'>,
  statusId: string,
): Promise<void> {
  const status = await findStatusById(deps.db, statusId);
  if (!status) return;
  const [candidate] = await loadCandidates(deps.db, [status]);
  const author = await findAccountById(deps.db, status.accountId);
  if (!candidate || !author) return;

  const home = new Set<string>();
  const lists: ListRecord[] = [];
  if (author.domain === null && (await isHomeFeedBuilt(deps.db, author.id))) home.add(author.id);
  const unknownParent = status.inReplyToId !== null && status.inReplyToAccountId === null;
  if (!unknownParent) {
    const followers = await localFollowers(deps.db, status);
    const withFeeds = await followersWithFeeds(deps.db, status.accountId);
    const facts = await factsAroundPost(deps.db, candidate, followers, deps.clock.now());
    for (const f of followers) {
      if (withFeeds.has(f.accountId) && !filterFromHome(candidate, f.accountId, facts)) {
        home.add(f.accountId);
      }
    }
    if (status.visibility === 'public' && status.reblogOfId === null) {
      for (const receiver of await localTagFollowers(deps.db, status.id)) {
        if (!home.has(receiver) && !filterFromTags(candidate, receiver, facts, author.domain)) {
          home.add(receiver);
        }
      }
    }
    if (status.visibility !== 'direct') {
      const candidates = await listsFor(deps.db, status.accountId);
      const replyTo = status.inReplyToAccountId;
      const holdingAddressee =
        replyTo === null
          ? new Set<string>()
          : await listsHoldingMember(
              deps.db,
              candidates.map((l) => l.id),
              replyTo,
            );
      for (const list of candidates) {
        if (filterFromList(candidate, list, () => holdingAddressee.has(list.id))) continue;
        if (filterFromHome(candidate, list.accountId, facts, { forList: true })) continue;
        lists.push(list);
      }
    }
  }
  await pushToFeeds(deps.db, 'home', status, home);
  await pushToFeeds(
    deps.db,
    'list',
    status,
    lists.map((l) => l.id),
  );
}
