/**
 * Unpinning (POST /api/v1/statuses/:id/unpin): the post must be visible (else 404); a post
 * that was not pinned is answered as it is, as Mastodon does.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteStatusPin } from '../../db/repositories/status-pins.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { findInteractionTarget } from './target.ts';

export async function unpinStatus(
  deps: Pick<Deps, 'db' | 'clock'>,
  account: AccountRecord,
  id: string,
): Promise<StatusRecord> {
  const { shown } = await findInteractionTarget(deps, account, id);
  await deleteStatusPin(deps.db, account.id, shown.id);
  return shown;
}
