/** Reads and writes of `relays`: the relays the instance actor follows. */
import type { Queryable, Row } from '../database.ts';

export const relayStates = ['pending', 'accepted', 'rejected'] as const;
export type RelayState = (typeof relayStates)[number];

export interface RelayRecord {
  id: string;
  inboxUrl: string;
  /** The id of the Follow sent to the relay; its Accept or Reject names it. */
  followActivityId: string;
  state: RelayState;
  /** The id of the relay's own Follow of the instance actor (LitePub relays), accepted. */
  followBackId: string | null;
  createdAt: number;
  updatedAt: number;
}

function fromRow(row: Row): RelayRecord {
  return {
    id: String(row.id),
    inboxUrl: String(row.inbox_url),
    followActivityId: String(row.follow_activity_id),
    state: String(row.state) as RelayState,
    followBackId:
      row.follow_back_id === null || row.follow_back_id === undefined
        ? null
        : String(row.follow_back_id),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertRelay(db: Queryable, relay: RelayRecord): Promise<void> {
  await db.run(
    `INSERT INTO relays (id, inbox_url, follow_activity_id, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [
      relay.id,
      relay.inboxUrl,
      relay.followActivityId,
      relay.state,
      relay.createdAt,
      relay.updatedAt,
    ],
  );
}

export async function listRelays(db: Queryable): Promise<RelayRecord[]> {
  return (await db.all('SELECT * FROM relays ORDER BY id')).map(fromRow);
}

export async function findRelayByInbox(
  db: Queryable,
  inboxUrl: string,
): Promise<RelayRecord | null> {
  const row = await db.get('SELECT * FROM relays WHERE inbox_url = ?', [inboxUrl]);
  return row ? fromRow(row) : null;
}

export async function findRelayById(db: Queryable, id: string): Promise<RelayRecord | null> {
  const row = await db.get('SELECT * FROM relays WHERE id = ?', [id]);
  return row ? fromRow(row) : null;
}

export async function findRelayByFollowId(
  db: Queryable,
  followActivityId: string,
): Promise<RelayRecord | null> {
  const row = await db.get('SELECT * FROM relays WHERE follow_activity_id = ?', [followActivityId]);
  return row ? fromRow(row) : null;
}

/** The inboxes of the relays that accepted the instance's follow. */
export async function acceptedRelayInboxes(db: Queryable): Promise<string[]> {
  const rows = await db.all("SELECT inbox_url FROM relays WHERE state = 'accepted' ORDER BY id");
  return rows.map((row) => String(row.inbox_url));
}

/**
 * Whether a relay at one of `inboxUrls` sends the instance posts: it accepted the instance's
 * follow, or (a LitePub relay) follows the instance actor and has not rejected its follow.
 */
export async function hasAcceptedRelayAt(
  db: Queryable,
  inboxUrls: readonly string[],
): Promise<boolean> {
  const row = await db.get(
    `SELECT 1 AS found FROM relays
      WHERE (state = 'accepted' OR (follow_back_id IS NOT NULL AND state <> 'rejected'))
        AND inbox_url IN (${inboxUrls.map(() => '?').join(', ')})`,
    inboxUrls,
  );
  return row !== undefined;
}

/** The relays (pending or accepted) at one of `inboxUrls`: those a relay actor may speak for. */
export async function findActiveRelaysAt(
  db: Queryable,
  inboxUrls: readonly string[],
): Promise<RelayRecord[]> {
  if (inboxUrls.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM relays WHERE state <> 'rejected'
      AND inbox_url IN (${inboxUrls.map(() => '?').join(', ')}) ORDER BY id`,
    inboxUrls,
  );
  return rows.map(fromRow);
}

/** Records (or with null, forgets) the relay's accepted Follow of the instance actor. */
export async function setRelayFollowBack(
  db: Queryable,
  id: string,
  followBackId: string | null,
  now: number,
): Promise<void> {
  await db.run('UPDATE relays SET follow_back_id = ?, updated_at = ? WHERE id = ?', [
    followBackId,
    now,
    id,
  ]);
}

export async function setRelayState(
  db: Queryable,
  id: string,
  state: RelayState,
  now: number,
): Promise<void> {
  await db.run('UPDATE relays SET state = ?, updated_at = ? WHERE id = ?', [state, now, id]);
}

/** A new Follow was sent to the relay: it waits for the answer to that one. */
export async function restartRelayFollow(
  db: Queryable,
  id: string,
  followActivityId: string,
  now: number,
): Promise<void> {
  await db.run(
    "UPDATE relays SET follow_activity_id = ?, state = 'pending', updated_at = ? WHERE id = ?",
    [followActivityId, now, id],
  );
}

export async function deleteRelay(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM relays WHERE id = ?', [id]);
}
