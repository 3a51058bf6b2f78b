/**
 * The uploaded avatar and header of local accounts (`accounts.avatar_key`, `header_key`):
 * storage keys, read for a whole list of accounts at once.
 */
import { placeholders, type Queryable } from '../database.ts';

export interface AccountImageKeys {
  avatarKey: string | null;
  headerKey: string | null;
}

export async function findAccountImageKeys(
  db: Queryable,
  accountIds: readonly string[],
): Promise<Map<string, AccountImageKeys>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.all<{ id: unknown; avatar_key: string | null; header_key: string | null }>(
    `SELECT id, avatar_key, header_key FROM accounts
     WHERE id IN (${placeholders(accountIds.length)}) AND (avatar_key IS NOT NULL OR header_key IS NOT NULL)`,
    accountIds,
  );
  return new Map(
    rows.map((r) => [String(r.id), { avatarKey: r.avatar_key, headerKey: r.header_key }]),
  );
}

/** Sets the keys given (undefined leaves one as it is). */
export async function setAccountImageKeys(
  db: Queryable,
  accountId: string,
  keys: Partial<AccountImageKeys>,
  now: number,
): Promise<void> {
  const sets: string[] = [];
  const values: (string | null)[] = [];
  if (keys.avatarKey !== undefined) {
    sets.push('avatar_key = ?');
    values.push(keys.avatarKey);
  }
  if (keys.headerKey !== undefined) {
    sets.push('header_key = ?');
    values.push(keys.headerKey);
  }
  if (sets.length === 0) return;
  await db.run(`UPDATE accounts SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`, [
    ...values,
    now,
    accountId,
  ]);
}
