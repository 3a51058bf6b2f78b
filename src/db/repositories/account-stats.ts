/**
 * The counters on an account that posting changes, each in one atomic statement so that
 * concurrent posts never lose a count.
 */
import type { Queryable } from '../database.ts';

/** Adds `delta` to the account's posts (never below zero); a new post also sets `last_status_at`. */
export async function bumpStatusesCount(
  db: Queryable,
  accountId: string,
  delta: number,
  at: number,
): Promise<void> {
  if (delta > 0) {
    await db.run(
      'UPDATE accounts SET statuses_count = statuses_count + ?, last_status_at = ? WHERE id = ?',
      [delta, at, accountId],
    );
  } else {
    await db.run(
      'UPDATE accounts SET statuses_count = CASE WHEN statuses_count + ? < 0 THEN 0 ELSE statuses_count + ? END WHERE id = ?',
      [delta, delta, accountId],
    );
  }
}
