/**
 * The hash of the one-time Owner set-up token, kept in the `settings` table under its own key.
 * Claiming deletes the row only if it still holds the same hash, so two browsers racing with
 * one link cannot both create an Owner.
 */
import type { Queryable } from '../database.ts';

const key = 'owner_setup_token_hash';

export async function readOwnerSetupTokenHash(db: Queryable): Promise<string | null> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]);
  return row ? (JSON.parse(row.value) as string) : null;
}

export async function writeOwnerSetupTokenHash(
  db: Queryable,
  hash: string,
  now: number,
): Promise<void> {
  await db.run(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [key, JSON.stringify(hash), now],
  );
}

/** True when this call removed the row holding `hash`; false when it was gone or replaced. */
export async function claimOwnerSetupTokenHash(db: Queryable, hash: string): Promise<boolean> {
  const result = await db.run('DELETE FROM settings WHERE key = ? AND value = ?', [
    key,
    JSON.stringify(hash),
  ]);
  return result.changes === 1;
}

export async function deleteOwnerSetupTokenHash(db: Queryable): Promise<void> {
  await db.run('DELETE FROM settings WHERE key = ?', [key]);
}
