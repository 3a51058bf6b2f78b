/** Reads and writes of `account_notes`: the private note a person keeps about an account. */
import type { Queryable } from '../database.ts';

/** Writes the note of `accountId` about `targetAccountId`, replacing any earlier one. */
export async function upsertAccountNote(
  db: Queryable,
  accountId: string,
  targetAccountId: string,
  comment: string,
  now: number,
): Promise<void> {
  await db.run(
    `INSERT INTO account_notes (account_id, target_account_id, comment, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, target_account_id)
     DO UPDATE SET comment = excluded.comment, updated_at = excluded.updated_at`,
    [accountId, targetAccountId, comment, now],
  );
}

export async function deleteAccountNote(
  db: Queryable,
  accountId: string,
  targetAccountId: string,
): Promise<void> {
  await db.run('DELETE FROM account_notes WHERE account_id = ? AND target_account_id = ?', [
    accountId,
    targetAccountId,
  ]);
}
