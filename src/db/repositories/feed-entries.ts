/**
 * Reads and writes of the precomputed feeds: `feed_entries` (a home feed, keyed by its
 * account) and `list_feed_entries` (a list's feed, keyed by the list). Both have the same
 * shape, so one set of functions serves both, named by `FeedKind`.
 */
import type { Queryable } from '../database.ts';
import { placeholders } from '../database.ts';

export type FeedKind = 'home' | 'list';

const tables: Record<FeedKind, { table: string; key: string }> = {
  home: { table: 'feed_entries', key: 'account_id' },
  list: { table: 'list_feed_entries', key: 'list_id' },
};

export interface FeedEntry {
  /** The account (home) or list (list) whose feed holds the entry. */
  feedId: string;
  /** The post or the boost. */
  statusId: string;
  /** Who made the entry: the author, or the booster for a boost. */
  authorId: string;
  reblogOfId: string | null;
}

// Four values a row: 250 rows stay far below both databases' limits on parameters.
const batchRows = 250;

/** Adds entries; an entry a feed already holds is left as it is. */
export async function insertFeedEntries(
  db: Queryable,
  kind: FeedKind,
  entries: readonly FeedEntry[],
): Promise<void> {
  const { table, key } = tables[kind];
  for (let i = 0; i < entries.length; i += batchRows) {
    const batch = entries.slice(i, i + batchRows);
    await db.run(
      `INSERT INTO ${table} (${key}, status_id, author_id, reblog_of_id)
       VALUES ${batch.map(() => '(?, ?, ?, ?)').join(', ')}
       ON CONFLICT DO NOTHING`,
      batch.flatMap((e) => [e.feedId, e.statusId, e.authorId, e.reblogOfId]),
    );
  }
}

/** Entry ids of one feed, newest first (or oldest first when `ascending`), within bounds. */
export async function feedStatusIds(
  db: Queryable,
  kind: FeedKind,
  feedId: string,
  bounds: { below: string | null; above: string | null; ascending: boolean; limit: number },
): Promise<string[]> {
  const { table, key } = tables[kind];
  const where = [`${key} = ?`];
  const params: string[] = [feedId];
  if (bounds.below !== null) {
    where.push('status_id < ?');
    params.push(bounds.below);
  }
  if (bounds.above !== null) {
    where.push('status_id > ?');
    params.push(bounds.above);
  }
  const rows = await db.all<{ status_id: string | number }>(
    `SELECT status_id FROM ${table} WHERE ${where.join(' AND ')}
     ORDER BY status_id ${bounds.ascending ? 'ASC' : 'DESC'} LIMIT ${Math.trunc(bounds.limit)}`,
    params,
  );
  return rows.map((r) => String(r.status_id));
}

/** The id of the `rank`-th newest entry (0 = newest), or null when the feed is shorter. */
export async function feedEntryAtRank(
  db: Queryable,
  kind: FeedKind,
  feedId: string,
  rank: number,
): Promise<string | null> {
  const { table, key } = tables[kind];
  const row = await db.get<{ status_id: string | number }>(
    `SELECT status_id FROM ${table} WHERE ${key} = ? ORDER BY status_id DESC LIMIT 1 OFFSET ${Math.trunc(rank)}`,
    [feedId],
  );
  return row ? String(row.status_id) : null;
}

/**
 * Adds the post or boost `entry` to each feed of `feedIds` (up to a thousand) that holds
 * neither the post it shows nor a boost of that post, in one statement.
 */
export async function insertEntryWhereUnseen(
  db: Queryable,
  kind: FeedKind,
  entry: Omit<FeedEntry, 'feedId'>,
  feedIds: readonly string[],
): Promise<void> {
  if (feedIds.length === 0) return;
  const { table, key } = tables[kind];
  const owners = kind === 'home' ? 'accounts' : 'lists';
  const shown = entry.reblogOfId ?? entry.statusId;
  // A post already in a feed is its own entry (the conflict below); a boost's post is not.
  const holdingPost =
    entry.reblogOfId === null
      ? ''
      : `AND NOT EXISTS (SELECT 1 FROM ${table} e WHERE e.${key} = o.id AND e.status_id = ?)`;
  await db.run(
    `INSERT INTO ${table} (${key}, status_id, author_id, reblog_of_id)
     SELECT o.id, CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT) FROM ${owners} o
      WHERE o.id IN (${placeholders(feedIds.length)}) ${holdingPost}
        AND NOT EXISTS (SELECT 1 FROM ${table} e WHERE e.${key} = o.id AND e.reblog_of_id = ?)
     ON CONFLICT DO NOTHING`,
    [
      entry.statusId,
      entry.authorId,
      entry.reblogOfId,
      ...feedIds,
      ...(entry.reblogOfId === null ? [] : [shown]),
      shown,
    ],
  );
}

/**
 * Keeps the newest `max` entries of each feed of `feedIds`: one query finds the feeds' cut-off
 * entries (each feed's index read to its `max`-th entry, as for one feed), and one DELETE,
 * only when some feed is over, removes what is past them.
 */
export async function trimFeeds(
  db: Queryable,
  kind: FeedKind,
  feedIds: readonly string[],
  max: number,
): Promise<void> {
  if (feedIds.length === 0) return;
  const { table, key } = tables[kind];
  const owners = kind === 'home' ? 'accounts' : 'lists';
  const rows = await db.all<{ feed_id: string | number; cutoff: string | number | null }>(
    `SELECT o.id AS feed_id, (SELECT e.status_id FROM ${table} e WHERE e.${key} = o.id
        ORDER BY e.status_id DESC LIMIT 1 OFFSET ${Math.trunc(max)}) AS cutoff
       FROM ${owners} o WHERE o.id IN (${placeholders(feedIds.length)})`,
    feedIds,
  );
  const over = rows.filter((r) => r.cutoff !== null);
  if (over.length === 0) return;
  await db.run(
    `DELETE FROM ${table} WHERE ${over.map(() => `(${key} = ? AND status_id <= ?)`).join(' OR ')}`,
    over.flatMap((r) => [String(r.feed_id), String(r.cutoff)]),
  );
}

/** Keeps the newest `max` entries of a feed. */
export async function trimFeed(
  db: Queryable,
  kind: FeedKind,
  feedId: string,
  max: number,
): Promise<void> {
  const cutoff = await feedEntryAtRank(db, kind, feedId, max);
  if (cutoff === null) return;
  const { table, key } = tables[kind];
  await db.run(`DELETE FROM ${table} WHERE ${key} = ? AND status_id <= ?`, [feedId, cutoff]);
}

/** The feeds (of `feedIds`, or all) holding the post `statusId` or a boost of it. */
export async function feedsHolding(
  db: Queryable,
  kind: FeedKind,
  statusId: string,
): Promise<Set<string>> {
  const { table, key } = tables[kind];
  const rows = await db.all<{ feed_id: string | number }>(
    `SELECT ${key} AS feed_id FROM ${table} WHERE status_id = ?
     UNION SELECT ${key} AS feed_id FROM ${table} WHERE reblog_of_id = ?`,
    [statusId, statusId],
  );
  return new Set(rows.map((r) => String(r.feed_id)));
}

/** Removes a post (or boost) from every feed. */
export async function deleteStatusFromFeeds(db: Queryable, statusId: string): Promise<void> {
  for (const { table } of Object.values(tables)) {
    await db.run(`DELETE FROM ${table} WHERE status_id = ?`, [statusId]);
  }
}

/** Removes from the feeds the entries made by `authorId` (posts and boosts). */
export async function deleteEntriesByAuthor(
  db: Queryable,
  kind: FeedKind,
  feedIds: readonly string[],
  authorId: string,
): Promise<void> {
  if (feedIds.length === 0) return;
  const { table, key } = tables[kind];
  await db.run(
    `DELETE FROM ${table} WHERE ${key} IN (${placeholders(feedIds.length)}) AND author_id = ?`,
    [...feedIds, authorId],
  );
}

/**
 * Removes from the feeds everything that involves `accountId`: its posts and boosts, boosts
 * of its posts, and posts (or boosted posts) mentioning it (Mastodon's clear_from_home).
 */
export async function deleteEntriesInvolving(
  db: Queryable,
  kind: FeedKind,
  feedIds: readonly string[],
  accountId: string,
): Promise<void> {
  if (feedIds.length === 0) return;
  const { table, key } = tables[kind];
  await db.run(
    `DELETE FROM ${table} WHERE ${key} IN (${placeholders(feedIds.length)}) AND (
       author_id = ?
       OR EXISTS (SELECT 1 FROM statuses s WHERE s.id = ${table}.reblog_of_id AND s.account_id = ?)
       OR EXISTS (SELECT 1 FROM mentions m WHERE m.account_id = ?
                  AND (m.status_id = ${table}.status_id OR m.status_id = ${table}.reblog_of_id)))`,
    [...feedIds, accountId, accountId, accountId],
  );
}

/** Empties every feed of `kind`. */
export async function clearFeeds(db: Queryable, kind: FeedKind): Promise<void> {
  await db.run(`DELETE FROM ${tables[kind].table}`);
}

/** Empties one feed. */
export async function clearFeed(db: Queryable, kind: FeedKind, feedId: string): Promise<void> {
  const { table, key } = tables[kind];
  await db.run(`DELETE FROM ${table} WHERE ${key} = ?`, [feedId]);
}

/** Whether the home feed of `accountId` was built (is whole up to its cap). */
export async function isHomeFeedBuilt(db: Queryable, accountId: string): Promise<boolean> {
  const row = await db.get('SELECT 1 AS built FROM home_feeds WHERE account_id = ?', [accountId]);
  return row !== undefined;
}

export async function markHomeFeedBuilt(
  db: Queryable,
  accountId: string,
  now: number,
): Promise<void> {
  await db.run(
    `INSERT INTO home_feeds (account_id, built_at) VALUES (?, ?)
     ON CONFLICT (account_id) DO UPDATE SET built_at = excluded.built_at`,
    [accountId, now],
  );
}

/** Forgets which home feeds were built, so that each is built again on its next read. */
export async function forgetBuiltHomeFeeds(db: Queryable): Promise<void> {
  await db.run('DELETE FROM home_feeds');
}
