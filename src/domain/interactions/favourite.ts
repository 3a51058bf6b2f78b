/**
 * FavouriteService (POST /api/v1/statuses/:id/favourite): the viewer likes a post. A boost
 * stands for the boosted post. Favouriting twice changes nothing and still succeeds.
 *
 * Mastodon's StatusPolicy#favourite?: the post must be visible (else 404) and its author not
 * blocked by the viewer (else 403 "This action is not allowed"). The favourite and the post's
 * `favourites_count` are written in one transaction; `status.favourited` follows the commit
 * (notifications, and federation's `Like`).
 */
import { forbidden } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { insertFavourite } from '../../db/repositories/favourites.ts';
import { bumpStatusCounter, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { findInteractionTarget, reloadStatus } from './target.ts';

/** Favourites the post `id` names; answers with that status, its counters current. */
export async function favouriteStatus(
  deps: Deps,
  account: AccountRecord,
  id: string,
): Promise<StatusRecord> {
  const { shown, proper, facts } = await findInteractionTarget(deps, account, id);
  if (facts.blocking.has(proper.accountId)) throw forbidden();
  const favouriteId = deps.ids.next();
  await transactionWithEvents(deps, async (tx, emit) => {
    const added = await insertFavourite(tx, {
      id: favouriteId,
      accountId: account.id,
      statusId: proper.id,
      uri: null,
      createdAt: deps.clock.now(),
    });
    if (!added) return;
    await bumpStatusCounter(tx, proper.id, 'favourites_count', 1);
    await emit('status.favourited', {
      favouriteId,
      statusId: proper.id,
      accountId: account.id,
      targetAccountId: proper.accountId,
    });
  });
  return reloadStatus(deps, shown);
}
