/**
 * Removing a bookmark (POST /api/v1/statuses/:id/unbookmark). As Mastodon: the viewer's own
 * bookmark is removed even if the post has since become invisible to them; otherwise the
 * post must be visible (else 404), and removing a bookmark that is not there still answers
 * with the post. A boost stands for the boosted post.
 */
import { notFound } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteBookmark } from '../../db/repositories/bookmarks.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { findInteractionTarget, findStatus } from './target.ts';

export async function unbookmarkStatus(
  deps: Pick<Deps, 'db' | 'clock'>,
  account: AccountRecord,
  id: string,
): Promise<StatusRecord> {
  const shown = await findStatus(deps, id);
  if (!shown) throw notFound();
  const proper =
    shown.reblogOfId === null ? shown : await findStatusById(deps.db, shown.reblogOfId);
  if (proper && (await deleteBookmark(deps.db, account.id, proper.id))) return shown;
  return (await findInteractionTarget(deps, account, id)).shown;
}
