/**
 * Who is notified of what: the local accounts each kind of notification goes to, read in one
 * query per event whatever their number.
 */
import { placeholders, type Queryable, type Row } from '../database.ts';
import { accountFromRow, type AccountRecord } from '../repositories/accounts.ts';
import type { RoleName } from '../repositories/users.ts';

const ids = (rows: { account_id: string | number }[]): string[] =>
  rows.map((r) => String(r.account_id));

/** An account that may be notified, with the role of its user (null: no user, not local). */
export interface Recipient {
  account: AccountRecord;
  role: RoleName | null;
}

/** The accounts `accountIds` with their users' roles, in one query. */
export async function findRecipients(
  db: Queryable,
  accountIds: readonly string[],
): Promise<Recipient[]> {
  if (accountIds.length === 0) return [];
  const rows = await db.all<Row>(
    `SELECT a.*, u.role AS user_role FROM accounts a LEFT JOIN users u ON u.account_id = a.id
      WHERE a.id IN (${placeholders(accountIds.length)})`,
    accountIds,
  );
  return rows.map((row) => ({
    account: accountFromRow(row),
    role: row.user_role == null ? null : (String(row.user_role) as RoleName),
  }));
}

/** Whom a new post notifies: the accounts it mentions and the followers who asked. */
export interface PostAudience {
  /** The accounts it mentions (not silently), local or not. */
  mentioned: string[];
  /** Local followers of its author who asked for its posts, with the languages they follow. */
  followers: { accountId: string; languages: string[] | null }[];
}

/**
 * The audience of the post `statusId` by `authorId`, in one query; `withFollowers` false
 * leaves the followers out (a post that notifies none of them).
 */
export async function findPostAudience(
  db: Queryable,
  statusId: string,
  authorId: string,
  withFollowers: boolean,
): Promise<PostAudience> {
  let sql = `SELECT 'mention' AS via, account_id, NULL AS languages, id AS place FROM mentions
              WHERE status_id = ? AND silent = FALSE`;
  const params = [statusId];
  if (withFollowers) {
    sql += ` UNION ALL
      SELECT 'follower', f.account_id, f.languages, f.id FROM follows f
        JOIN accounts a ON a.id = f.account_id
       WHERE f.target_account_id = ? AND f.notify = TRUE AND a.domain IS NULL`;
    params.push(authorId);
  }
  const rows = await db.all<{ via: string; account_id: string | number; languages: string | null }>(
    `${sql} ORDER BY via, place`,
    params,
  );
  const audience: PostAudience = { mentioned: [], followers: [] };
  for (const r of rows) {
    if (r.via === 'mention') {
      audience.mentioned.push(String(r.account_id));
      continue;
    }
    audience.followers.push({
      accountId: String(r.account_id),
      languages: r.languages ? (JSON.parse(r.languages) as string[]) : null,
    });
  }
  return audience;
}

/** Local accounts that boosted `statusId` (and have not undone it). */
export async function findLocalReblogAccounts(db: Queryable, statusId: string): Promise<string[]> {
  return ids(
    await db.all<{ account_id: string | number }>(
      `SELECT DISTINCT s.account_id FROM statuses s JOIN accounts a ON a.id = s.account_id
       WHERE s.reblog_of_id = ? AND s.deleted_at IS NULL AND a.domain IS NULL`,
      [statusId],
    ),
  );
}

/** The posts quoting `statusId` whose quote was accepted, with their authors. */
export async function findAcceptedQuotes(
  db: Queryable,
  statusId: string,
): Promise<{ statusId: string; accountId: string }[]> {
  const rows = await db.all<{ id: string | number; account_id: string | number }>(
    `SELECT id, account_id FROM statuses
     WHERE quote_of_id = ? AND quote_state = 'accepted' AND deleted_at IS NULL`,
    [statusId],
  );
  return rows.map((r) => ({ statusId: String(r.id), accountId: String(r.account_id) }));
}

/** Local accounts that voted in the poll. */
export async function findLocalPollVoters(db: Queryable, pollId: string): Promise<string[]> {
  return ids(
    await db.all<{ account_id: string | number }>(
      `SELECT DISTINCT v.account_id FROM poll_votes v JOIN accounts a ON a.id = v.account_id
       WHERE v.poll_id = ? AND a.domain IS NULL`,
      [pollId],
    ),
  );
}

/** Accounts of local users holding one of `roles` (the staff a permission belongs to). */
export async function findAccountsWithRoles(
  db: Queryable,
  roles: readonly RoleName[],
): Promise<string[]> {
  if (roles.length === 0) return [];
  return ids(
    await db.all<{ account_id: string | number }>(
      `SELECT account_id FROM users WHERE role IN (${placeholders(roles.length)}) ORDER BY id`,
      roles,
    ),
  );
}

/** Whether the target of `reportId` has another report that no moderator has acted on. */
export async function hasUnresolvedSiblingReport(
  db: Queryable,
  reportId: string,
  targetAccountId: string,
): Promise<boolean> {
  const row = await db.get(
    `SELECT 1 AS found FROM reports
     WHERE target_account_id = ? AND id <> ? AND action_taken_at IS NULL LIMIT 1`,
    [targetAccountId, reportId],
  );
  return row !== undefined;
}
