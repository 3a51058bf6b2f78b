/** Reads and writes of `blocks`: who blocks whom. */
import type { Queryable } from '../database.ts';

export interface BlockRecord {
  id: string;
  accountId: string;
  targetAccountId: string;
  uri: string | null;
  createdAt: number;
}

/** Inserts the block unless the pair already has one; true when this call inserted it. */
export async function insertBlock(db: Queryable, block: BlockRecord): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO blocks (id, account_id, target_account_id, uri, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id, target_account_id) DO NOTHING`,
    [block.id, block.accountId, block.targetAccountId, block.uri, block.createdAt],
  );
  return result.changes === 1;
}

/** Deletes the pair's block; true when there was one. */
export async function deleteBlock(
  db: Queryable,
  accountId: string,
  targetAccountId: string,
): Promise<boolean> {
  const result = await db.run('DELETE FROM blocks WHERE account_id = ? AND target_account_id = ?', [
    accountId,
    targetAccountId,
  ]);
  return result.changes > 0;
}

/** True when either account blocks the other. */
export async function eitherBlocks(db: Queryable, a: string, b: string): Promise<boolean> {
  const row = await db.get(
    `SELECT 1 AS found FROM blocks
     WHERE (account_id = ? AND target_account_id = ?) OR (account_id = ? AND target_account_id = ?)`,
    [a, b, b, a],
  );
  return row !== undefined;
}
