/**
 * Reads and writes of `mutes`. A mute may end on its own (`expires_at`): from that moment it
 * counts as gone everywhere, whether or not its row has been cleaned up yet.
 */
import type { Queryable } from '../database.ts';

export interface MuteRecord {
  id: string;
  accountId: string;
  targetAccountId: string;
  /** Also hide the muted account's notifications. */
  hideNotifications: boolean;
  expiresAt: number | null;
  createdAt: number;
}

/**
 * Mutes the pair, or changes the existing mute's options and end. Muting again restarts
 * the mute as Mastodon does: the new duration counts from now.
 */
export async function upsertMute(db: Queryable, mute: MuteRecord): Promise<void> {
  await db.run(
    `INSERT INTO mutes (id, account_id, target_account_id, hide_notifications, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, target_account_id)
     DO UPDATE SET hide_notifications = excluded.hide_notifications, expires_at = excluded.expires_at`,
    [
      mute.id,
      mute.accountId,
      mute.targetAccountId,
      mute.hideNotifications,
      mute.expiresAt,
      mute.createdAt,
    ],
  );
}

/** Deletes the pair's mute; true when there was one. */
export async function deleteMute(
  db: Queryable,
  accountId: string,
  targetAccountId: string,
): Promise<boolean> {
  const result = await db.run('DELETE FROM mutes WHERE account_id = ? AND target_account_id = ?', [
    accountId,
    targetAccountId,
  ]);
  return result.changes > 0;
}

/** Deletes the pair's mute if it has ended by `now`; true when it did. */
export async function deleteMuteIfEnded(
  db: Queryable,
  accountId: string,
  targetAccountId: string,
  now: number,
): Promise<boolean> {
  const result = await db.run(
    `DELETE FROM mutes WHERE account_id = ? AND target_account_id = ?
       AND expires_at IS NOT NULL AND expires_at <= ?`,
    [accountId, targetAccountId, now],
  );
  return result.changes > 0;
}
