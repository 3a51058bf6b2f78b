/**
 * UnfavouriteService (POST /api/v1/statuses/:id/unfavourite). As Mastodon: a favourite the
 * viewer made is taken back even if the post has since become invisible to them (the author
 * blocked them, say); otherwise the post must be visible (else 404), and unfavouriting what
 * was never favourited still answers with the post. A boost stands for the boosted post.
 *
 * The favourite goes and `favourites_count` drops in one transaction; `status.unfavourited`
 * follows the commit (notifications are withdrawn, federation sends `Undo Like`).
 */
import { notFound } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteFavourite } from '../../db/repositories/favourites.ts';
import {
  bumpStatusCounter,
  findStatusById,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { findInteractionTarget, findStatus, reloadStatus } from './target.ts';

export async function unfavouriteStatus(
  deps: Deps,
  account: AccountRecord,
  id: string,
): Promise<StatusRecord> {
  const shown = await findStatus(deps, id);
  if (!shown) throw notFound();
  const proper =
    shown.reblogOfId === null ? shown : await findStatusById(deps.db, shown.reblogOfId);
  const removed =
    proper !== null &&
    (await transactionWithEvents(deps, async (tx, emit) => {
      const deleted = await deleteFavourite(tx, account.id, proper.id);
      if (!deleted) return false;
      await bumpStatusCounter(tx, proper.id, 'favourites_count', -1);
      await emit('status.unfavourited', {
        statusId: proper.id,
        accountId: account.id,
        targetAccountId: proper.accountId,
      });
      return true;
    }));
  if (!removed || !proper) {
    return (await findInteractionTarget(deps, account, id)).shown;
  }
  return reloadStatus(deps, shown);
}
