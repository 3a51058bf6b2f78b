/**
 * Reads and writes of `notification_permissions`: senders whose notifications an account lets
 * through whatever its policy says (it accepted their notification request).
 */
import type { Queryable } from '../database.ts';

export async function insertNotificationPermission(
  db: Queryable,
  accountId: string,
  fromAccountId: string,
  now: number,
): Promise<void> {
  await db.run(
    `INSERT INTO notification_permissions (account_id, from_account_id, created_at) VALUES (?, ?, ?)
     ON CONFLICT DO NOTHING`,
    [accountId, fromAccountId, now],
  );
}

export async function hasNotificationPermission(
  db: Queryable,
  accountId: string,
  fromAccountId: string,
): Promise<boolean> {
  const row = await db.get(
    'SELECT 1 AS found FROM notification_permissions WHERE account_id = ? AND from_account_id = ?',
    [accountId, fromAccountId],
  );
  return row !== undefined;
}

/**
 * True while a sender `accountId` accepted still has filtered notifications: the accepted
 * requests are not merged into the notifications yet.
 */
export async function hasUnmergedPermissions(db: Queryable, accountId: string): Promise<boolean> {
  const row = await db.get(
    `SELECT 1 AS found FROM notification_permissions p
     JOIN notifications n ON n.account_id = p.account_id AND n.from_account_id = p.from_account_id
     WHERE p.account_id = ? AND n.filtered = TRUE LIMIT 1`,
    [accountId],
  );
  return row !== undefined;
}
