/** Reads and writes of `status_pins`: the posts an account features on its profile. */
import type { Queryable } from '../database.ts';

export interface StatusPinRecord {
  id: string;
  accountId: string;
  statusId: string;
  createdAt: number;
}

/** Inserts the pin unless the account already pinned the status; true when inserted. */
export async function insertStatusPin(db: Queryable, pin: StatusPinRecord): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO status_pins (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, status_id) DO NOTHING`,
    [pin.id, pin.accountId, pin.statusId, pin.createdAt],
  );
  return result.changes === 1;
}

/** Deletes the account's pin of the status; true when there was one. */
export async function deleteStatusPin(
  db: Queryable,
  accountId: string,
  statusId: string,
): Promise<boolean> {
  const result = await db.run('DELETE FROM status_pins WHERE account_id = ? AND status_id = ?', [
    accountId,
    statusId,
  ]);
  return result.changes > 0;
}

/** How many posts the account has pinned. */
export async function countStatusPins(db: Queryable, accountId: string): Promise<number> {
  const row = await db.get<{ n: number | string }>(
    'SELECT COUNT(*) AS n FROM status_pins WHERE account_id = ?',
    [accountId],
  );
  return Number(row?.n ?? 0);
}

/** The ids of the posts the account has pinned, the latest pinned first (Mastodon's order). */
export async function listStatusPinIds(db: Queryable, accountId: string): Promise<string[]> {
  const rows = await db.all<{ status_id: string | number }>(
    'SELECT status_id FROM status_pins WHERE account_id = ? ORDER BY created_at DESC, id DESC',
    [accountId],
  );
  return rows.map((row) => String(row.status_id));
}
