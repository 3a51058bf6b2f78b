/**
 * Reads and writes of `markers`: where an account stopped reading a timeline (`home`,
 * `notifications`), saved per account so that every app resumes at the same place.
 */
import type { Queryable, Row } from '../database.ts';

export interface MarkerRecord {
  accountId: string;
  timeline: string;
  lastReadId: string;
  /** Bumped on every save, so an app can tell that another app moved the marker. */
  version: number;
  updatedAt: number;
}

export async function findMarker(
  db: Queryable,
  accountId: string,
  timeline: string,
): Promise<MarkerRecord | null> {
  const row = await db.get<Row>('SELECT * FROM markers WHERE account_id = ? AND timeline = ?', [
    accountId,
    timeline,
  ]);
  if (!row) return null;
  return {
    accountId,
    timeline,
    lastReadId: String(row.last_read_id),
    version: Number(row.version),
    updatedAt: Number(row.updated_at),
  };
}

/** Moves the marker to `lastReadId`, creating it on first save. */
export async function saveMarker(
  db: Queryable,
  accountId: string,
  timeline: string,
  lastReadId: string,
  now: number,
): Promise<void> {
  await db.run(
    `INSERT INTO markers (account_id, timeline, last_read_id, version, updated_at) VALUES (?, ?, ?, 0, ?)
     ON CONFLICT (account_id, timeline) DO UPDATE SET
       last_read_id = excluded.last_read_id, version = markers.version + 1, updated_at = excluded.updated_at`,
    [accountId, timeline, lastReadId, now],
  );
}
