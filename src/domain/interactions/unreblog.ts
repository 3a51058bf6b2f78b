/**
 * Undoing a boost (POST /api/v1/statuses/:id/unreblog, `id` being the boosted post). As
 * Mastodon: the viewer's own boost is undone even if the post has since become invisible to
 * them; otherwise the post must be visible (else 404), and undoing a boost that is not there
 * still answers with the post.
 *
 * The boost is marked deleted, and the post's `reblogs_count` and the booster's
 * `statuses_count` drop, in one transaction; `status.deleted` (with `reblogOfId`) follows the
 * commit, as for any deleted status: feeds drop the boost, federation sends `Undo Announce`.
 */
import { notFound } from '../../core/errors.ts';
import { bumpStatusesCount } from '../../db/repositories/account-stats.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { markReblogsDeleted } from '../../db/repositories/reblogs.ts';
import {
  bumpStatusCounter,
  findStatusById,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { findInteractionTarget, findStatus } from './target.ts';

/** Undoes the viewer's boost of the post `id`; answers with the post, counters current. */
export async function unreblogStatus(
  deps: Deps,
  account: AccountRecord,
  id: string,
): Promise<StatusRecord> {
  const status = await findStatus(deps, id);
  if (!status) throw notFound();
  const now = deps.clock.now();
  const undone = await transactionWithEvents(deps, async (tx, emit) => {
    const boosts = await markReblogsDeleted(tx, account.id, status.id, now);
    for (const boost of boosts) {
      await bumpStatusCounter(tx, status.id, 'reblogs_count', -1);
      if (boost.visibility !== 'direct') await bumpStatusesCount(tx, account.id, -1, now);
      await emit('status.deleted', {
        statusId: boost.id,
        accountId: account.id,
        uri: boost.uri,
        local: true,
        reblogOfId: status.id,
      });
    }
    return boosts;
  });
  if (undone.length === 0) return (await findInteractionTarget(deps, account, id)).shown;
  return (await findStatusById(deps.db, status.id)) ?? status;
}
