/**
 * Who receives a local post's activities (Mastodon's StatusReachFinder): the author's remote
 * followers unless the post is direct, every remote account it mentions, and the author of
 * the post it answers. Local-only posts reach nobody outside.
 */
import {
  accountFromRow,
  findAccountsByIds,
  type AccountRecord,
} from '../../db/repositories/accounts.ts';
import { findMentionsByStatusIds } from '../../db/repositories/mentions.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';

export async function remoteFollowers(
  deps: Pick<Deps, 'db'>,
  accountId: string,
): Promise<AccountRecord[]> {
  const rows = await deps.db.all(
    `SELECT accounts.* FROM follows JOIN accounts ON accounts.id = follows.account_id
      WHERE follows.target_account_id = ? AND accounts.domain IS NOT NULL
        AND accounts.suspended_at IS NULL`,
    [accountId],
  );
  return rows.map(accountFromRow);
}

export async function statusAudience(
  deps: Pick<Deps, 'db'>,
  status: StatusRecord,
): Promise<AccountRecord[]> {
  if (status.localOnly) return [];
  const mentions = await findMentionsByStatusIds(deps.db, [status.id]);
  const ids = mentions.map((m) => m.accountId);
  if (status.visibility !== 'direct' && status.inReplyToAccountId !== null) {
    ids.push(status.inReplyToAccountId);
  }
  const named = await findAccountsByIds(deps.db, [...new Set(ids)]);
  const followers =
    status.visibility === 'direct' ? [] : await remoteFollowers(deps, status.accountId);
  return [...followers, ...named.filter((a) => a.domain !== null)];
}
