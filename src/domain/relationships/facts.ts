/**
 * What one viewer's relationships to a set of accounts are: the facts that visibility,
 * timelines, notifications and the Relationship entity are all decided from. Loaded in one
 * query, never one query per account.
 */
import type { Queryable } from '../../db/database.ts';
import { placeholders } from '../../db/database.ts';

export interface RelationshipFacts {
  /** Accounts the viewer follows. */
  following: Set<string>;
  /** Accounts that follow the viewer. */
  followedBy: Set<string>;
  /** Accounts the viewer blocks. */
  blocking: Set<string>;
  /** Accounts that block the viewer. */
  blockedBy: Set<string>;
  /** Accounts the viewer mutes (and whose mute has not expired). */
  muting: Set<string>;
  /** Domains the viewer blocks. */
  blockedDomains: Set<string>;
}

export const noFacts = (): RelationshipFacts => ({
  following: new Set(),
  followedBy: new Set(),
  blocking: new Set(),
  blockedBy: new Set(),
  muting: new Set(),
  blockedDomains: new Set(),
});

/**
 * The facts between `viewerId` and each of `accountIds`, in one query (ids as text, so that
 * the blocked domains fit the same column on PostgreSQL): a page of statuses or accounts asks
 * this on every read, and one round trip costs less than six.
 */
export async function loadRelationshipFacts(
  db: Queryable,
  viewerId: string,
  accountIds: readonly string[],
  now: number,
): Promise<RelationshipFacts> {
  const facts = noFacts();
  const targets = [...new Set(accountIds)];
  const marks = placeholders(targets.length);
  const rows = await db.all<{ kind: string; id: string | number }>(
    `SELECT 'domain' AS kind, domain AS id FROM account_domain_blocks WHERE account_id = ?
     ${
       targets.length === 0
         ? ''
         : `UNION ALL SELECT 'following', CAST(target_account_id AS TEXT) FROM follows
              WHERE account_id = ? AND target_account_id IN (${marks})
            UNION ALL SELECT 'followed_by', CAST(account_id AS TEXT) FROM follows
              WHERE target_account_id = ? AND account_id IN (${marks})
            UNION ALL SELECT 'blocking', CAST(target_account_id AS TEXT) FROM blocks
              WHERE account_id = ? AND target_account_id IN (${marks})
            UNION ALL SELECT 'blocked_by', CAST(account_id AS TEXT) FROM blocks
              WHERE target_account_id = ? AND account_id IN (${marks})
            UNION ALL SELECT 'muting', CAST(target_account_id AS TEXT) FROM mutes
              WHERE account_id = ? AND target_account_id IN (${marks})
                AND (expires_at IS NULL OR expires_at > ?)`
     }`,
    // The time is bound, not written into the SQL, so the statement is prepared once.
    targets.length === 0
      ? [viewerId]
      : [
          viewerId,
          ...Array.from({ length: 5 }, () => [viewerId, ...targets]).flat(),
          Math.trunc(now),
        ],
  );
  const sets: Record<string, Set<string>> = {
    following: facts.following,
    followed_by: facts.followedBy,
    blocking: facts.blocking,
    blocked_by: facts.blockedBy,
    muting: facts.muting,
  };
  for (const row of rows) {
    if (row.kind === 'domain') facts.blockedDomains.add(String(row.id).toLowerCase());
    else sets[row.kind]?.add(String(row.id));
  }
  return facts;
}
