/** Reads and writes of `bookmarks`: the statuses an account keeps for later, seen only by it. */
import type { Queryable } from '../database.ts';

export interface BookmarkRecord {
  id: string;
  accountId: string;
  statusId: string;
  createdAt: number;
}

/** Inserts the bookmark unless the account already has it; true when inserted. */
export async function insertBookmark(db: Queryable, bookmark: BookmarkRecord): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO bookmarks (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, status_id) DO NOTHING`,
    [bookmark.id, bookmark.accountId, bookmark.statusId, bookmark.createdAt],
  );
  return result.changes === 1;
}

/** Deletes the account's bookmark of the status; true when there was one. */
export async function deleteBookmark(
  db: Queryable,
  accountId: string,
  statusId: string,
): Promise<boolean> {
  const result = await db.run('DELETE FROM bookmarks WHERE account_id = ? AND status_id = ?', [
    accountId,
    statusId,
  ]);
  return result.changes > 0;
}
