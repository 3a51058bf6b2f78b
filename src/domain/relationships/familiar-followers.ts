/**
 * GET /api/v1/accounts/familiar_followers: for each account asked about, its followers whom
 * the viewer follows ("followed by alice and 3 others you follow"), as Mastodon's
 * FamiliarFollowersPresenter finds them. An account that hides its network shows none, and
 * followers who hide theirs are left out; suspended accounts are not answered for.
 */
import { placeholders } from '../../db/database.ts';
import { findAccountsByIds, type AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';

export interface FamiliarFollowers {
  accountId: string;
  followers: AccountRecord[];
}

export async function familiarFollowers(
  deps: Pick<Deps, 'db'>,
  viewerId: string,
  ids: readonly string[],
): Promise<FamiliarFollowers[]> {
  const wanted = [...new Set(ids)];
  const found = new Map(
    (await findAccountsByIds(deps.db, wanted))
      .filter((a) => a.suspendedAt === null)
      .map((a) => [a.id, a]),
  );
  const asked = wanted.flatMap((id) => found.get(id) ?? []);
  const open = asked.filter((a) => !a.hideCollections).map((a) => a.id);
  const followersOf = new Map<string, string[]>();
  if (open.length > 0) {
    const rows = await deps.db.all<{ target: string | number; follower: string | number }>(
      `SELECT f.target_account_id AS target, f.account_id AS follower
         FROM follows f JOIN accounts a ON a.id = f.account_id
        WHERE f.target_account_id IN (${placeholders(open.length)})
          AND f.account_id IN (SELECT target_account_id FROM follows WHERE account_id = ?)
          AND (a.hide_collections IS NULL OR a.hide_collections = FALSE)
          AND a.suspended_at IS NULL
        ORDER BY f.id DESC`,
      [...open, viewerId],
    );
    for (const row of rows) {
      const list = followersOf.get(String(row.target)) ?? [];
      list.push(String(row.follower));
      followersOf.set(String(row.target), list);
    }
  }
  const followerAccounts = new Map(
    (await findAccountsByIds(deps.db, [...new Set([...followersOf.values()].flat())])).map((a) => [
      a.id,
      a,
    ]),
  );
  return asked.map((account) => ({
    accountId: account.id,
    followers: (followersOf.get(account.id) ?? []).flatMap((id) => followerAccounts.get(id) ?? []),
  }));
}
