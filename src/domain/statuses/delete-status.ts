/**
 * DeleteStatus (DELETE /api/v1/statuses/:id): the author removes a post. The post and the
 * boosts of it are marked deleted, its pin is removed and the counters it moved are moved
 * back, in one transaction; then `status.deleted` is emitted for the post and each boost
 * (timelines, streaming and federation react to it). The caller renders the post first, with
 * its source, so that the client can redraft it.
 */
import { AppError } from '../../core/errors.ts';
import { bumpStatusesCount } from '../../db/repositories/account-stats.ts';
import { bumpStatusCounter, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { findOwnStatus } from './edit-status.ts';
import { isDistributable } from './write-status.ts';

export { findOwnStatus };

export async function deleteStatus(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  accountId: string,
  id: string,
): Promise<StatusRecord> {
  const status = await findOwnStatus(deps, accountId, id);
  const now = deps.clock.now();
  await transactionWithEvents(deps, async (tx, emit) => {
    const marked = await tx.run(
      'UPDATE statuses SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
      [now, now, status.id],
    );
    // Deleted meanwhile by another request: answered as missing, as Mastodon's `find` would.
    if (marked.changes === 0) throw new AppError(404, 'Record not found');
    const reblogs = await tx.all<{
      id: string | number;
      account_id: string | number;
      uri: string;
      local: unknown;
    }>(
      'SELECT id, account_id, uri, local FROM statuses WHERE reblog_of_id = ? AND deleted_at IS NULL',
      [status.id],
    );
    await tx.run(
      'UPDATE statuses SET deleted_at = ?, updated_at = ? WHERE reblog_of_id = ? AND deleted_at IS NULL',
      [now, now, status.id],
    );
    await tx.run('DELETE FROM status_pins WHERE status_id = ?', [status.id]);
    // Deleting a boost by its id (as unreblog does) gives the boosted post its count back.
    if (status.reblogOfId !== null) {
      await bumpStatusCounter(tx, status.reblogOfId, 'reblogs_count', -1);
    }
    if (status.visibility !== 'direct') {
      await bumpStatusesCount(tx, status.accountId, -1, now);
      if (status.inReplyToId !== null && isDistributable(status)) {
        await bumpStatusCounter(tx, status.inReplyToId, 'replies_count', -1);
      }
      for (const reblog of reblogs) {
        await bumpStatusesCount(tx, String(reblog.account_id), -1, now);
      }
    }
    if (status.quoteOfId !== null && status.quoteState === 'accepted') {
      await bumpStatusCounter(tx, status.quoteOfId, 'quotes_count', -1);
    }
    await emit('status.deleted', {
      statusId: status.id,
      accountId: status.accountId,
      uri: status.uri,
      local: status.local,
      reblogOfId: status.reblogOfId,
    });
    for (const reblog of reblogs) {
      await emit('status.deleted', {
        statusId: String(reblog.id),
        accountId: String(reblog.account_id),
        uri: reblog.uri,
        local: Boolean(reblog.local),
        reblogOfId: status.id,
      });
    }
  });
  return { ...status, deletedAt: now, updatedAt: now };
}
