/**
 * Everything one account's relationship to each of a set of accounts is made of, read in one
 * round of set queries (never one query per account): the rows behind Mastodon's
 * Relationship entity.
 */
import { placeholders, type Queryable } from '../database.ts';
import { followFromRow, type FollowRecord } from '../repositories/follows.ts';

export interface RelationshipRows {
  /** The viewer's follows of the targets, by target id. */
  following: Map<string, FollowRecord>;
  /** The viewer's pending follow requests to the targets, by target id. */
  requested: Map<string, FollowRecord>;
  /** Targets that follow the viewer. */
  followedBy: Set<string>;
  /** Targets whose follow request to the viewer is pending. */
  requestedBy: Set<string>;
  blocking: Set<string>;
  blockedBy: Set<string>;
  /** The viewer's mutes of the targets that have not ended, by target id. */
  muting: Map<string, { hideNotifications: boolean; expiresAt: number | null }>;
  /** Targets on a domain the viewer blocks. */
  domainBlocking: Set<string>;
  /** Targets the viewer endorses. */
  endorsed: Set<string>;
  /** The viewer's private notes about the targets, by target id. */
  notes: Map<string, string>;
}

type IdRow = { id: string | number };
const idSet = (rows: IdRow[]) => new Set(rows.map((r) => String(r.id)));

export async function loadRelationshipRows(
  db: Queryable,
  viewerId: string,
  targetIds: readonly string[],
  now: number,
): Promise<RelationshipRows> {
  const targets = [...new Set(targetIds)];
  if (targets.length === 0) {
    return {
      following: new Map(),
      requested: new Map(),
      followedBy: new Set(),
      requestedBy: new Set(),
      blocking: new Set(),
      blockedBy: new Set(),
      muting: new Map(),
      domainBlocking: new Set(),
      endorsed: new Set(),
      notes: new Map(),
    };
  }
  const marks = placeholders(targets.length);
  const outgoing = [viewerId, ...targets];
  const [
    following,
    requested,
    followedBy,
    requestedBy,
    blocking,
    blockedBy,
    muting,
    domainBlocking,
    endorsed,
    notes,
  ] = await Promise.all([
    db.all(
      `SELECT * FROM follows WHERE account_id = ? AND target_account_id IN (${marks})`,
      outgoing,
    ),
    db.all(
      `SELECT * FROM follow_requests WHERE account_id = ? AND target_account_id IN (${marks})`,
      outgoing,
    ),
    db.all<IdRow>(
      `SELECT account_id AS id FROM follows WHERE target_account_id = ? AND account_id IN (${marks})`,
      outgoing,
    ),
    db.all<IdRow>(
      `SELECT account_id AS id FROM follow_requests WHERE target_account_id = ? AND account_id IN (${marks})`,
      outgoing,
    ),
    db.all<IdRow>(
      `SELECT target_account_id AS id FROM blocks WHERE account_id = ? AND target_account_id IN (${marks})`,
      outgoing,
    ),
    db.all<IdRow>(
      `SELECT account_id AS id FROM blocks WHERE target_account_id = ? AND account_id IN (${marks})`,
      outgoing,
    ),
    db.all<{ id: string | number; hide_notifications: unknown; expires_at: unknown }>(
      `SELECT target_account_id AS id, hide_notifications, expires_at FROM mutes
       WHERE account_id = ? AND target_account_id IN (${marks}) AND (expires_at IS NULL OR expires_at > ?)`,
      [...outgoing, now],
    ),
    db.all<IdRow>(
      `SELECT a.id AS id FROM accounts a JOIN account_domain_blocks d ON d.domain = lower(a.domain)
       WHERE d.account_id = ? AND a.id IN (${marks})`,
      outgoing,
    ),
    db.all<IdRow>(
      `SELECT target_account_id AS id FROM account_pins WHERE account_id = ? AND target_account_id IN (${marks})`,
      outgoing,
    ),
    db.all<{ id: string | number; comment: string }>(
      `SELECT target_account_id AS id, comment FROM account_notes WHERE account_id = ? AND target_account_id IN (${marks})`,
      outgoing,
    ),
  ]);
  const byTarget = (rows: FollowRecord[]) => new Map(rows.map((f) => [f.targetAccountId, f]));
  return {
    following: byTarget(following.map(followFromRow)),
    requested: byTarget(requested.map(followFromRow)),
    followedBy: idSet(followedBy),
    requestedBy: idSet(requestedBy),
    blocking: idSet(blocking),
    blockedBy: idSet(blockedBy),
    muting: new Map(
      muting.map((m) => [
        String(m.id),
        {
          hideNotifications: Boolean(m.hide_notifications),
          expiresAt: m.expires_at === null ? null : Number(m.expires_at),
        },
      ]),
    ),
    domainBlocking: idSet(domainBlocking),
    endorsed: idSet(endorsed),
    notes: new Map(notes.map((n) => [String(n.id), n.comment])),
  };
}
