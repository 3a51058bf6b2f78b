/**
 * The numbers the instance entity reports, counted as Mastodon counts them: users are
 * confirmed local users whose account is not suspended; statuses are the local accounts'
 * post counters; domains are the other servers Woolly knows accounts on.
 */
import type { Queryable } from '../database.ts';

export interface InstanceStats {
  userCount: number;
  statusCount: number;
  domainCount: number;
}

export async function instanceStats(db: Queryable): Promise<InstanceStats> {
  const row = await db.get<{ users: number; statuses: number; domains: number }>(
    `SELECT
       (SELECT COUNT(*) FROM users JOIN accounts ON accounts.id = users.account_id
         WHERE users.confirmed_at IS NOT NULL AND accounts.suspended_at IS NULL) AS users,
       (SELECT COALESCE(SUM(statuses_count), 0) FROM accounts WHERE domain IS NULL) AS statuses,
       (SELECT COUNT(DISTINCT lower(domain)) FROM accounts WHERE domain IS NOT NULL) AS domains`,
  );
  return {
    userCount: Number(row?.users ?? 0),
    statusCount: Number(row?.statuses ?? 0),
    domainCount: Number(row?.domains ?? 0),
  };
}

/**
 * Local users active since `since` (Mastodon's monthly active users: anyone who signed in or
 * used the API through a token in the last four weeks).
 */
export async function activeUserCount(db: Queryable, since: number): Promise<number> {
  const row = await db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM users
      WHERE users.last_sign_in_at >= ?
         OR EXISTS (SELECT 1 FROM oauth_access_tokens t
                     WHERE t.account_id = users.account_id AND t.last_used_at >= ?)`,
    [since, since],
  );
  return Number(row?.n ?? 0);
}
