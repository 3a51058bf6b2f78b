/**
 * GET /api/v1/accounts/:id/lists: which of the viewer's lists hold an account; and what an
 * unfollow does to lists (Mastodon's list membership hangs on the follow, so it ends with it).
 */
import {
  deleteListAccount,
  findListsHolding,
  type ListRecord,
} from '../../db/repositories/lists.ts';
import type { Deps } from '../context.ts';
import { unmergeFromList } from './list-feed.ts';

export function listsHoldingAccount(
  deps: Pick<Deps, 'db'>,
  ownerId: string,
  accountId: string,
): Promise<ListRecord[]> {
  return findListsHolding(deps.db, ownerId, accountId);
}

/** The follow of `targetId` by `ownerId` ended: the account leaves the owner's lists. */
export async function dropUnfollowedFromLists(
  deps: Pick<Deps, 'db'>,
  ownerId: string,
  targetId: string,
): Promise<void> {
  const lists = await findListsHolding(deps.db, ownerId, targetId);
  for (const list of lists) await deleteListAccount(deps.db, list.id, targetId);
  await unmergeFromList(
    deps,
    lists.map((l) => l.id),
    targetId,
  );
}
