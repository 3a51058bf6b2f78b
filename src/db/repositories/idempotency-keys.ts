/**
 * Reads and writes of `idempotency_keys`: what a client's `Idempotency-Key` header produced,
 * so that a retried post returns the first result instead of posting twice.
 */
import type { Queryable } from '../database.ts';

export interface IdempotencyRecord {
  accountId: string;
  key: string;
  statusId: string | null;
  scheduledStatusId: string | null;
  createdAt: number;
}

export async function findIdempotencyKey(
  db: Queryable,
  accountId: string,
  key: string,
): Promise<IdempotencyRecord | null> {
  const row = await db.get<Record<string, unknown>>(
    'SELECT * FROM idempotency_keys WHERE account_id = ? AND key = ?',
    [accountId, key],
  );
  if (!row) return null;
  return {
    accountId: String(row.account_id),
    key: String(row.key),
    statusId: row.status_id === null ? null : String(row.status_id),
    scheduledStatusId: row.scheduled_status_id === null ? null : String(row.scheduled_status_id),
    createdAt: Number(row.created_at),
  };
}

/** Records the key; throws a unique violation when a live one exists for the account. */
export async function insertIdempotencyKey(
  db: Queryable,
  record: IdempotencyRecord,
): Promise<void> {
  await db.run(
    'INSERT INTO idempotency_keys (account_id, key, status_id, scheduled_status_id, created_at) VALUES (?, ?, ?, ?, ?)',
    [record.accountId, record.key, record.statusId, record.scheduledStatusId, record.createdAt],
  );
}

/** Forgets the account's keys made before `before`. */
export async function deleteStaleIdempotencyKeys(
  db: Queryable,
  accountId: string,
  before: number,
): Promise<void> {
  await db.run('DELETE FROM idempotency_keys WHERE account_id = ? AND created_at < ?', [
    accountId,
    before,
  ]);
}

/** Forgets every key made before `before`; returns how many. */
export async function deleteIdempotencyKeysBefore(db: Queryable, before: number): Promise<number> {
  return (await db.run('DELETE FROM idempotency_keys WHERE created_at < ?', [before])).changes;
}
