/**
 * Bookmarking (POST /api/v1/statuses/:id/bookmark): the viewer keeps a post for later. Only
 * they ever see it: no counter, no notification, nothing federated, so no event either. The
 * post must be visible (else 404); a boost stands for the boosted post; bookmarking twice
 * changes nothing and still succeeds.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { insertBookmark } from '../../db/repositories/bookmarks.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { findInteractionTarget } from './target.ts';

export async function bookmarkStatus(
  deps: Pick<Deps, 'db' | 'clock' | 'ids'>,
  account: AccountRecord,
  id: string,
): Promise<StatusRecord> {
  const { shown, proper } = await findInteractionTarget(deps, account, id);
  await insertBookmark(deps.db, {
    id: deps.ids.next(),
    accountId: account.id,
    statusId: proper.id,
    createdAt: deps.clock.now(),
  });
  return shown;
}
