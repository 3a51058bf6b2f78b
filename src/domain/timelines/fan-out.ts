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
 * dozen statements; one post to a few followers, about eight.
 */
import { findAccountById } from '../../db/repositories/accounts.ts';
import {
  insertEntryWhereUnseen,
  isHomeFeedBuilt,
  trimFeeds,
  type FeedKind,
} from '../../db/repositories/feed-entries.ts';
import { placeholders, type Database, type Queryable, type SqlValue } from '../../db/database.ts';
import { listFromRow, type ListRecord } from '../../db/repositories/lists.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { loadCandidates } from './feed-candidates.ts';
import { factsAroundPost, type FollowerRow } from './feed-facts.ts';
import { filterFromHome, filterFromList, filterFromTags } from './feed-rules.ts';
import { maxFeedEntries, trimsOnInsert } from './feed-size.ts';

/** Whom a post may reach: the author's local followers, and local followers of its hashtags. */
interface Audience {
  /** Every local follower (list owners among them: their options count for lists too). */
  followers: FollowerRow[];
  /** The followers whose home feed is built (the only ones written to). */
  withFeeds: Set<string>;
  /** Local accounts with a built home feed that follow one of its hashtags. */
  tagFollowers: string[];
}

/**
 * The audience in one query: the followers (only those it mentions, for a direct post), each
 * with its options and whether its home feed is built, and with `tags`, the hashtags'
 * followers.
 */
async function audienceOf(db: Queryable, status: StatusRecord, tags: boolean): Promise<Audience> {
  const onlyMentioned = status.visibility === 'direct';
  const params: SqlValue[] = onlyMentioned ? [status.accountId, status.id] : [status.accountId];
  let sql = `SELECT 'follow' AS via, f.account_id, f.show_reblogs, f.languages, hf.account_id AS built
       FROM follows f JOIN accounts a ON a.id = f.account_id
       LEFT JOIN home_feeds hf ON hf.account_id = f.account_id
      WHERE f.target_account_id = ? AND a.domain IS NULL AND a.suspended_at IS NULL
      ${onlyMentioned ? 'AND f.account_id IN (SELECT account_id FROM mentions WHERE status_id = ?)' : ''}`;
  if (tags) {
    sql += ` UNION ALL
     SELECT DISTINCT 'tag', tf.account_id, TRUE, NULL, tf.account_id FROM statuses_tags st
       JOIN tag_follows tf ON tf.tag_id = st.tag_id
       JOIN accounts a ON a.id = tf.account_id
       JOIN home_feeds hf ON hf.account_id = tf.account_id
      WHERE st.status_id = ? AND a.domain IS NULL AND a.suspended_at IS NULL`;
    params.push(status.id);
  }
  const rows = await db.all<{
    via: string;
    account_id: string | number;
    show_reblogs: unknown;
    languages: unknown;
    built: unknown;
  }>(sql, params);
  const audience: Audience = { followers: [], withFeeds: new Set(), tagFollowers: [] };
  for (const r of rows) {
    const accountId = String(r.account_id);
    if (r.via === 'tag') {
      audience.tagFollowers.push(accountId);
      continue;
    }
    audience.followers.push({
      accountId,
      showReblogs: Boolean(r.show_reblogs),
      languages: r.languages ? (JSON.parse(String(r.languages)) as string[]) : null,
    });
    if (r.built !== null) audience.withFeeds.add(accountId);
  }
  return audience;
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

/**
 * Writes `status` into `feedIds` (skipping feeds that already show it), trimming some: one
 * INSERT per slice of receivers, and for the slice's feeds that trim, one query for their
 * cut-offs and one DELETE when one of them is full.
 */
export async function pushToFeeds(
  db: Database,
  kind: FeedKind,
  status: StatusRecord,
  feedIds: Iterable<string>,
): Promise<void> {
  const receivers = [...feedIds];
  const entry = { statusId: status.id, authorId: status.accountId, reblogOfId: status.reblogOfId };
  for (let i = 0; i < receivers.length; i += receiversPerTransaction) {
    const slice = receivers.slice(i, i + receiversPerTransaction);
    const trimmed = slice.filter((feedId) => trimsOnInsert(feedId, status.id));
    if (trimmed.length === 0) {
      await insertEntryWhereUnseen(db, kind, entry, slice);
      continue;
    }
    await db.transaction(async (tx) => {
      await insertEntryWhereUnseen(tx, kind, entry, slice);
      await trimFeeds(tx, kind, trimmed, maxFeedEntries);
    });
  }
}

/**
 * Fans out the post or boost `statusId`; a post deleted meanwhile goes nowhere. Returns the
 * post as read (null when it is gone), for what the job does next.
 */
export async function fanOutStatus(
  deps: Pick<Deps, 'db' | 'clock'>,
  statusId: string,
): Promise<StatusRecord | null> {
  const status = await findStatusById(deps.db, statusId);
  if (!status) return null;
  const [candidate] = await loadCandidates(deps.db, [status]);
  const author = await findAccountById(deps.db, status.accountId);
  if (!candidate || !author) return status;

  const home = new Set<string>();
  const lists: ListRecord[] = [];
  if (author.domain === null && (await isHomeFeedBuilt(deps.db, author.id))) home.add(author.id);
  const unknownParent = status.inReplyToId !== null && status.inReplyToAccountId === null;
  if (!unknownParent) {
    const viaTags = status.visibility === 'public' && status.reblogOfId === null;
    const { followers, withFeeds, tagFollowers } = await audienceOf(deps.db, status, viaTags);
    const facts = await factsAroundPost(deps.db, candidate, followers, deps.clock.now());
    for (const f of followers) {
      if (withFeeds.has(f.accountId) && !filterFromHome(candidate, f.accountId, facts)) {
        home.add(f.accountId);
      }
    }
    for (const receiver of tagFollowers) {
      if (!home.has(receiver) && !filterFromTags(candidate, receiver, facts, author.domain)) {
        home.add(receiver);
      }
    }
    if (status.visibility !== 'direct') {
      const candidates = await listsFor(deps.db, status.accountId);
      const replyTo = status.inReplyToAccountId;
      const holdingAddressee =
        replyTo === null || candidates.length === 0
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
  return status;
}
