/**
 * What deciding on a notification needs to know about its recipients and sender, read in
 * one query for all the recipients: follows both ways, blocks, mutes, a blocked domain, a
 * muted thread and whether the recipient let this sender through. Mastodon asks each of
 * these separately.
 */
import { placeholders, type Queryable } from '../database.ts';

export interface NotifyFacts {
  /** The recipient follows the sender. */
  following: boolean;
  /** When the sender started following the recipient; null when it does not. */
  followedSince: number | null;
  blocking: boolean;
  /** The recipient mutes the sender (a mute that has not ended). */
  muting: boolean;
  /** ... and chose to hide the sender's notifications too. */
  mutingNotifications: boolean;
  /** The recipient blocks the sender's domain. */
  blockingDomain: boolean;
  /** The recipient muted the thread the status belongs to. */
  conversationMuted: boolean;
  /** The recipient accepted a notification request of the sender. */
  permitted: boolean;
}

/** The facts of each of `recipientIds` (local accounts) about one sender, in one query. */
export async function loadNotifyFacts(
  db: Queryable,
  input: {
    recipientIds: readonly string[];
    senderId: string;
    senderDomain: string | null;
    conversationId: string | null;
    now: number;
  },
): Promise<Map<string, NotifyFacts>> {
  const facts = new Map<string, NotifyFacts>();
  if (input.recipientIds.length === 0) return facts;
  const s = input.senderId;
  const rows = await db.all<Record<string, unknown>>(
    `SELECT a.id AS recipient,
       (SELECT 1 FROM follows WHERE account_id = a.id AND target_account_id = ?) AS following,
       (SELECT created_at FROM follows WHERE account_id = ? AND target_account_id = a.id) AS followed_since,
       (SELECT 1 FROM blocks WHERE account_id = a.id AND target_account_id = ?) AS blocking,
       (SELECT CASE WHEN hide_notifications THEN 2 ELSE 1 END FROM mutes
         WHERE account_id = a.id AND target_account_id = ? AND (expires_at IS NULL OR expires_at > ?)) AS muting,
       (SELECT 1 FROM account_domain_blocks WHERE account_id = a.id AND domain = ?) AS blocking_domain,
       (SELECT 1 FROM conversation_mutes WHERE account_id = a.id AND conversation_id = ?) AS conversation_muted,
       (SELECT 1 FROM notification_permissions WHERE account_id = a.id AND from_account_id = ?) AS permitted
     FROM accounts a WHERE a.id IN (${placeholders(input.recipientIds.length)})`,
    [
      s,
      s,
      s,
      s,
      input.now,
      input.senderDomain?.toLowerCase() ?? '',
      input.conversationId ?? '0',
      s,
      ...input.recipientIds,
    ],
  );
  for (const row of rows) {
    const muting = Number(row.muting ?? 0);
    facts.set(String(row.recipient), {
      following: row.following != null,
      followedSince: row.followed_since == null ? null : Number(row.followed_since),
      blocking: row.blocking != null,
      muting: muting > 0,
      mutingNotifications: muting === 2,
      blockingDomain: input.senderDomain !== null && row.blocking_domain != null,
      conversationMuted: input.conversationId !== null && row.conversation_muted != null,
      permitted: row.permitted != null,
    });
  }
  return facts;
}

/**
 * Whether `recipientId` blocks any of `accountIds`, or mutes any of them with their
 * notifications (Mastodon's `blocks_or_mutes?` in the mentions context).
 */
export async function blocksOrMutesNotificationsOfAny(
  db: Queryable,
  recipientId: string,
  accountIds: readonly string[],
  now: number,
): Promise<boolean> {
  if (accountIds.length === 0) return false;
  const marks = placeholders(accountIds.length);
  const row = await db.get(
    `SELECT 1 AS found FROM blocks WHERE account_id = ? AND target_account_id IN (${marks})
     UNION ALL
     SELECT 1 AS found FROM mutes WHERE account_id = ? AND target_account_id IN (${marks})
       AND hide_notifications = TRUE AND (expires_at IS NULL OR expires_at > ?)
     LIMIT 1`,
    [recipientId, ...accountIds, recipientId, ...accountIds, now],
  );
  return row !== undefined;
}

/** Whether `accountId` still favourites `statusId`. */
export async function favouriteExists(
  db: Queryable,
  accountId: string,
  statusId: string,
): Promise<boolean> {
  const row = await db.get(
    'SELECT 1 AS found FROM favourites WHERE account_id = ? AND status_id = ?',
    [accountId, statusId],
  );
  return row !== undefined;
}
