/**
 * Where follow suggestions come from (Mastodon's AccountSuggestions sources): accounts the
 * reader's follows follow (`friends_of_friends`), and the most followed local accounts that
 * posted lately (`most_followed`). Both keep to discoverable accounts and leave out the
 * reader, whom the reader follows or asked to follow, blocked, muted, or dismissed.
 */
import type { Queryable } from '../database.ts';
import { discoverableAccountSql, notExcludedParams, notExcludedSql } from './account-discovery.ts';

export interface SuggestionQuery {
  readerId: string;
  limit: number;
  now: number;
  /** Only accounts that posted since then count as active (`most_followed`). */
  activeSince: number;
}

/** How many of the follow graph's best candidates are checked. */
const candidateCap = 2000;

function candidateSql(): string {
  return `${discoverableAccountSql} AND a.id <> ? AND ${notExcludedSql()}
    AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.account_id = ? AND f.target_account_id = a.id)
    AND NOT EXISTS (SELECT 1 FROM follow_requests r WHERE r.account_id = ? AND r.target_account_id = a.id)
    AND NOT EXISTS (SELECT 1 FROM suggestion_dismissals x WHERE x.account_id = ? AND x.target_account_id = a.id)`;
}

const candidateParams = (readerId: string, now: number): (string | number)[] => [
  readerId,
  ...notExcludedParams(readerId, now),
  readerId,
  readerId,
  readerId,
];

/**
 * Accounts followed by the most of the reader's follows, the most shared first. The follow
 * graph is counted first and only its `candidateCap` best are checked against the reader's
 * relationships, so a reader following thousands of busy accounts costs one bounded pass.
 * Whom an account follows counts only when it shows its follows (`hide_collections`), as in
 * Mastodon: suggestions must not reveal a hidden follow list.
 */
export async function friendsOfFriends(db: Queryable, q: SuggestionQuery): Promise<string[]> {
  const rows = await db.all<{ id: unknown }>(
    `SELECT a.id FROM (
        SELECT theirs.target_account_id AS id, COUNT(*) AS shared
          FROM follows mine
          JOIN accounts friend ON friend.id = mine.target_account_id
          JOIN follows theirs ON theirs.account_id = mine.target_account_id
         WHERE mine.account_id = ? AND (friend.hide_collections IS NULL OR friend.hide_collections = FALSE)
         GROUP BY theirs.target_account_id
         ORDER BY shared DESC LIMIT ${candidateCap}
      ) c JOIN accounts a ON a.id = c.id
      WHERE ${candidateSql()}
      ORDER BY c.shared DESC, a.followers_count DESC, a.id DESC
      LIMIT ${Math.trunc(q.limit)}`,
    [q.readerId, ...candidateParams(q.readerId, q.now)],
  );
  return rows.map((r) => String(r.id));
}

/** Local accounts that posted lately, the most followed first. */
export async function mostFollowedLocal(db: Queryable, q: SuggestionQuery): Promise<string[]> {
  const rows = await db.all<{ id: unknown }>(
    `SELECT a.id FROM accounts a
      WHERE a.domain IS NULL AND a.last_status_at >= ? AND ${candidateSql()}
      ORDER BY a.followers_count DESC, a.id DESC
      LIMIT ${Math.trunc(q.limit)}`,
    [q.activeSince, ...candidateParams(q.readerId, q.now)],
  );
  return rows.map((r) => String(r.id));
}

export async function insertSuggestionDismissal(
  db: Queryable,
  accountId: string,
  targetAccountId: string,
  now: number,
): Promise<void> {
  await db.run(
    `INSERT INTO suggestion_dismissals (account_id, target_account_id, created_at) VALUES (?, ?, ?)
     ON CONFLICT (account_id, target_account_id) DO NOTHING`,
    [accountId, targetAccountId, now],
  );
}
