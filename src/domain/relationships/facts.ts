/**
 * What one viewer's relationships to a set of accounts are: the facts that visibility,
 * timelines, notifications and the Relationship entity are all decided from. Loaded in a few
 * set queries, never one query per account.
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

async function ids(db: Queryable, sql: string, params: readonly string[]): Promise<Set<string>> {
  const rows = await db.all<{ id: string | number }>(sql, params);
  return new Set(rows.map((r) => String(r.id)));
}

/** The facts between `viewerId` and each of `accountIds`. */
export async function loadRelationshipFacts(
  db: Queryable,
  viewerId: string,
  accountIds: readonly string[],
  now: number,
): Promise<RelationshipFacts> {
  const targets = [...new Set(accountIds)];
  if (targets.length === 0) {
    const facts = noFacts();
    facts.blockedDomains = await domains(db, viewerId);
    return facts;
  }
  const marks = placeholders(targets.length);
  const [following, followedBy, blocking, blockedBy, muting, blockedDomains] = await Promise.all([
    ids(
      db,
      `SELECT target_account_id AS id FROM follows WHERE account_id = ? AND target_account_id IN (${marks})`,
      [viewerId, ...targets],
    ),
    ids(
      db,
      `SELECT account_id AS id FROM follows WHERE target_account_id = ? AND account_id IN (${marks})`,
      [viewerId, ...targets],
    ),
    ids(
      db,
      `SELECT target_account_id AS id FROM blocks WHERE account_id = ? AND target_account_id IN (${marks})`,
      [viewerId, ...targets],
    ),
    ids(
      db,
      `SELECT account_id AS id FROM blocks WHERE target_account_id = ? AND account_id IN (${marks})`,
      [viewerId, ...targets],
    ),
    ids(
      db,
      `SELECT target_account_id AS id FROM mutes WHERE account_id = ? AND target_account_id IN (${marks}) AND (expires_at IS NULL OR expires_at > ${Math.trunc(now)})`,
      [viewerId, ...targets],
    ),
    domains(db, viewerId),
  ]);
  return { following, followedBy, blocking, blockedBy, muting, blockedDomains };
}

async function domains(db: Queryable, viewerId: string): Promise<Set<string>> {
  const rows = await db.all<{ domain: string }>(
    'SELECT domain FROM account_domain_blocks WHERE account_id = ?',
    [viewerId],
  );
  return new Set(rows.map((r) => r.domain.toLowerCase()));
}
