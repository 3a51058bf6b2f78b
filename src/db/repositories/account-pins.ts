/** Reads and writes of `account_pins`: the accounts a person endorses on their profile. */
import type { Queryable } from '../database.ts';

/** Endorses unless already endorsed; true when this call inserted the pin. */
export async function insertAccountPin(
  db: Queryable,
  pin: { id: string; accountId: string; targetAccountId: string; createdAt: number },
): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO account_pins (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, target_account_id) DO NOTHING`,
    [pin.id, pin.accountId, pin.targetAccountId, pin.createdAt],
  );
  return result.changes === 1;
}

export async function deleteAccountPin(
  db: Queryable,
  accountId: string,
  targetAccountId: string,
): Promise<boolean> {
  const result = await db.run(
    'DELETE FROM account_pins WHERE account_id = ? AND target_account_id = ?',
    [accountId, targetAccountId],
  );
  return result.changes > 0;
}
