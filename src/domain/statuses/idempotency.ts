/**
 * The `Idempotency-Key` header of POST /api/v1/statuses: for an hour, the same key from the
 * same account answers with what the first request made instead of posting again. The key is
 * recorded in the transaction that writes the post, so a crash cannot keep one without the
 * other; two requests racing with one key meet at the table's primary key.
 */
import { notFound } from '../../core/errors.ts';
import type { Queryable } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/database.ts';
import {
  deleteIdempotencyKeysBefore,
  deleteStaleIdempotencyKeys,
  findIdempotencyKey,
  insertIdempotencyKey,
  type IdempotencyRecord,
} from '../../db/repositories/idempotency-keys.ts';
import {
  findScheduledStatus,
  type ScheduledStatusRecord,
} from '../../db/repositories/scheduled-statuses.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { idempotencyTtlMs } from './limits.ts';

export type PostResult =
  | { kind: 'status'; status: StatusRecord }
  | { kind: 'scheduled'; scheduled: ScheduledStatusRecord };

/** Records, inside the posting transaction, what the key produced. */
export type RecordKey = (
  tx: Queryable,
  made: { statusId: string } | { scheduledStatusId: string },
) => Promise<void>;

async function replay(deps: Pick<Deps, 'db'>, record: IdempotencyRecord): Promise<PostResult> {
  if (record.scheduledStatusId !== null) {
    const scheduled = await findScheduledStatus(
      deps.db,
      record.accountId,
      record.scheduledStatusId,
    );
    if (scheduled) return { kind: 'scheduled', scheduled };
  } else if (record.statusId !== null) {
    const status = await findStatusById(deps.db, record.statusId);
    if (status && status.accountId === record.accountId) return { kind: 'status', status };
  }
  // What the key made is gone (deleted, or published): Mastodon's `find` fails the same way.
  throw notFound();
}

/** Runs `post` unless the key already produced something within the hour. */
export async function withIdempotency(
  deps: Pick<Deps, 'db' | 'clock'>,
  accountId: string,
  key: string | null,
  post: (recordKey: RecordKey) => Promise<PostResult>,
): Promise<PostResult> {
  if (key === null || key === '') return post(async () => {});
  const live = async () => {
    const record = await findIdempotencyKey(deps.db, accountId, key);
    return record && record.createdAt > deps.clock.now() - idempotencyTtlMs ? record : null;
  };
  const existing = await live();
  if (existing) return replay(deps, existing);
  try {
    return await post(async (tx, made) => {
      const now = deps.clock.now();
      await deleteStaleIdempotencyKeys(tx, accountId, now - idempotencyTtlMs);
      await insertIdempotencyKey(tx, {
        accountId,
        key,
        statusId: 'statusId' in made ? made.statusId : null,
        scheduledStatusId: 'scheduledStatusId' in made ? made.scheduledStatusId : null,
        createdAt: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await live();
      if (winner) return replay(deps, winner);
    }
    throw error;
  }
}

/**
 * Forgets the keys older than an hour (a recurring job). Keys are also cleared per account
 * when it posts with one; this catches the accounts that never post again.
 */
export async function forgetStaleIdempotencyKeys(
  deps: Pick<Deps, 'db' | 'clock'>,
): Promise<number> {
  return deleteIdempotencyKeysBefore(deps.db, deps.clock.now() - idempotencyTtlMs);
}
