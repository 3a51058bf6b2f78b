/**
 * Who is notified of what: the local accounts each kind of notification goes to, read in one
 * query per event whatever their number.
 */
import { placeholders, type Queryable } from '../database.ts';
import type { RoleName } from '../repositories/users.ts';

const ids = (rows: { account_id: string | number }[]): string[] =>
  rows.map((r) => String(r.account_id));

/**
 * Local followers of `accountId` who asked to be notified of its posts, with the languages
 * they follow it in (null for all).
 */
export async function findNotifiedFollowers(
  db: Queryable,
  accountId: string,
): Promise<{ accountId: string; languages: string[] | null }[]> {
  const rows = await db.all<{ account_id: string | number; languages: string | null }>(
    `SELECT f.account_id, f.languages FROM follows f JOIN accounts a ON a.id = f.account_id
     WHERE f.target_account_id = ? AND f.notify = TRUE AND a.domain IS NULL`,
    [accountId],
  );
  return rows.map((r) => ({
    accountId: String(r.account_id),
    languages: r.languages ? (JSON.parse(r.languages) as string[]) : null,
  }));
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
