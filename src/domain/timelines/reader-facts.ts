/**
 * What a feed's reader is to the authors of one page, in one query: whom the reader follows,
 * blocks and mutes, and who blocks the reader. The relationship facts of the status views
 * (relationships/facts.ts) take six queries for the same; a timeline page asks this on every
 * read, before the views are loaded, so it is asked in one (ids as text, so that the domains
 * fit the same column on PostgreSQL).
 */
import { placeholders, type Queryable } from '../../db/database.ts';
import { noFacts, type RelationshipFacts } from '../relationships/facts.ts';

export async function readerFacts(
  db: Queryable,
  readerId: string,
  accountIds: readonly string[],
  now: number,
): Promise<RelationshipFacts> {
  const facts = noFacts();
  const ids = [...new Set(accountIds)].filter((id) => id !== readerId);
  const marks = placeholders(ids.length);
  const rows = await db.all<{ kind: string; id: string | number }>(
    `SELECT 'domain' AS kind, domain AS id FROM account_domain_blocks WHERE account_id = ?
     ${
       ids.length === 0
         ? ''
         : `UNION ALL SELECT 'following', CAST(target_account_id AS TEXT) FROM follows
              WHERE account_id = ? AND target_account_id IN (${marks})
            UNION ALL SELECT 'blocking', CAST(target_account_id AS TEXT) FROM blocks
              WHERE account_id = ? AND target_account_id IN (${marks})
            UNION ALL SELECT 'blocked_by', CAST(account_id AS TEXT) FROM blocks
              WHERE target_account_id = ? AND account_id IN (${marks})
            UNION ALL SELECT 'muting', CAST(target_account_id AS TEXT) FROM mutes
              WHERE account_id = ? AND target_account_id IN (${marks})
                AND (expires_at IS NULL OR expires_at > ${Math.trunc(now)})`
     }`,
    ids.length === 0
      ? [readerId]
      : [readerId, readerId, ...ids, readerId, ...ids, readerId, ...ids, readerId, ...ids],
  );
  const sets: Record<string, Set<string>> = {
    following: facts.following,
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
