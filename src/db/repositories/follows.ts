/**
 * Reads and writes of `follows` (accepted follows) and `follow_requests` (follows waiting for
 * a locked or remote account to accept them). Both tables have the same shape: who follows
 * whom, and the follower's options (boosts in the home feed, post notifications, languages).
 */
import type { Queryable, Row, SqlValue } from '../database.ts';

export type FollowTable = 'follows' | 'follow_requests';

export interface FollowRecord {
  id: string;
  accountId: string;
  targetAccountId: string;
  showReblogs: boolean;
  notify: boolean;
  /** Only posts in these languages reach the follower's home feed; null for every language. */
  languages: string[] | null;
  /** The ActivityPub id of the Follow activity (remote follows, and ours once federated). */
  uri: string | null;
  createdAt: number;
}

export type FollowOptions = Partial<Pick<FollowRecord, 'showReblogs' | 'notify' | 'languages'>>;

export function followFromRow(row: Row): FollowRecord {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    targetAccountId: String(row.target_account_id),
    showReblogs: Boolean(row.show_reblogs),
    notify: Boolean(row.notify),
    languages: row.languages ? (JSON.parse(String(row.languages)) as string[]) : null,
    uri: row.uri === null || row.uri === undefined ? null : String(row.uri),
    createdAt: Number(row.created_at),
  };
}

/**
 * Inserts the follow (or request) unless the pair already has one; true when this call
 * inserted it. Two concurrent calls for one pair insert once: the unique index decides.
 */
export async function insertFollow(
  db: Queryable,
  table: FollowTable,
  follow: FollowRecord,
): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO ${table} (id, account_id, target_account_id, show_reblogs, notify, languages, uri, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, target_account_id) DO NOTHING`,
    [
      follow.id,
      follow.accountId,
      follow.targetAccountId,
      follow.showReblogs,
      follow.notify,
      follow.languages ? JSON.stringify(follow.languages) : null,
      follow.uri,
      follow.createdAt,
    ],
  );
  return result.changes === 1;
}

export async function findFollow(
  db: Queryable,
  table: FollowTable,
  accountId: string,
  targetAccountId: string,
): Promise<FollowRecord | null> {
  const row = await db.get(
    `SELECT * FROM ${table} WHERE account_id = ? AND target_account_id = ?`,
    [accountId, targetAccountId],
  );
  return row ? followFromRow(row) : null;
}

/** Changes the options given (the others stay as they are). */
export async function updateFollowOptions(
  db: Queryable,
  table: FollowTable,
  id: string,
  options: FollowOptions,
): Promise<void> {
  const sets: string[] = [];
  const params: SqlValue[] = [];
  if (options.showReblogs !== undefined) {
    sets.push('show_reblogs = ?');
    params.push(options.showReblogs);
  }
  if (options.notify !== undefined) {
    sets.push('notify = ?');
    params.push(options.notify);
  }
  if (options.languages !== undefined) {
    sets.push('languages = ?');
    params.push(options.languages ? JSON.stringify(options.languages) : null);
  }
  if (sets.length === 0) return;
  await db.run(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
}

/** Deletes the pair's follow (or request) and returns it, or null when there was none. */
export async function deleteFollow(
  db: Queryable,
  table: FollowTable,
  accountId: string,
  targetAccountId: string,
): Promise<FollowRecord | null> {
  const rows = await db.all(
    `DELETE FROM ${table} WHERE account_id = ? AND target_account_id = ? RETURNING *`,
    [accountId, targetAccountId],
  );
  return rows[0] ? followFromRow(rows[0]) : null;
}

/**
 * Deletes the follows (or requests) of `targetAccountId` whose follower is on `domain`, and
 * returns them: what blocking a whole domain does to one's followers.
 */
export async function deleteFollowersOnDomain(
  db: Queryable,
  table: FollowTable,
  targetAccountId: string,
  domain: string,
): Promise<FollowRecord[]> {
  const rows = await db.all(
    `DELETE FROM ${table} WHERE target_account_id = ?
       AND account_id IN (SELECT id FROM accounts WHERE lower(domain) = ?)
     RETURNING *`,
    [targetAccountId, domain.toLowerCase()],
  );
  return rows.map(followFromRow);
}
