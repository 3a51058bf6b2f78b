/**
 * Boosts are statuses too (a row with `reblog_of_id`, no text of its own); these are the
 * reads and writes that only boosts need. An account has at most one live boost of a status
 * (the `statuses_one_reblog` index); an undone boost is marked deleted like any status.
 */
import type { Queryable } from '../database.ts';
import { statusFromRow, type StatusRecord } from './statuses.ts';

/** The account's live boost of `statusId`, or null. */
export async function findReblog(
  db: Queryable,
  accountId: string,
  statusId: string,
): Promise<StatusRecord | null> {
  const row = await db.get(
    'SELECT * FROM statuses WHERE account_id = ? AND reblog_of_id = ? AND deleted_at IS NULL',
    [accountId, statusId],
  );
  return row ? statusFromRow(row) : null;
}

/** Marks the account's live boosts of `statusId` deleted and returns them (none, or one). */
export async function markReblogsDeleted(
  db: Queryable,
  accountId: string,
  statusId: string,
  now: number,
): Promise<StatusRecord[]> {
  const rows = await db.all(
    `UPDATE statuses SET deleted_at = ?, updated_at = ?
     WHERE account_id = ? AND reblog_of_id = ? AND deleted_at IS NULL
     RETURNING *`,
    [now, now, accountId, statusId],
  );
  return rows.map(statusFromRow);
}
