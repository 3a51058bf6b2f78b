import type { Queryable } from '../database.ts';

/**
 * How many people wait for `accountId` to accept their follow request, counted up to `cap`
 * (Mastodon shows at most 40 in `source.follow_requests_count`).
 */
export async function pendingFollowRequestCount(
  db: Queryable,
  accountId: string,
  cap: number,
): Promise<number> {
  const row = await db.get<{ n: number }>(
    'SELECT COUNT(*) AS n FROM (SELECT 1 FROM follow_requests WHERE target_account_id = ? LIMIT ?) AS capped',
    [accountId, cap],
  );
  return Number(row?.n ?? 0);
}
