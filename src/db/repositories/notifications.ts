/**
 * Reads and writes of `notifications`: what happened that concerns one local account. Rows
 * are made once per (recipient, type, sender, status, report), enforced by the
 * `notifications_once` index, so creating one again (a retried job) changes nothing.
 */
import { placeholders, type Queryable, type Row } from '../database.ts';

export interface NotificationRecord {
  id: string;
  /** The recipient. */
  accountId: string;
  fromAccountId: string;
  type: string;
  /** The status the notification is about (the boosted one for a boost), if any. */
  statusId: string | null;
  reportId: string | null;
  /** Mastodon's group key; null for types that are never grouped and for filtered ones. */
  groupKey: string | null;
  /** Held back by the recipient's notification policy (shown only on request). */
  filtered: boolean;
  createdAt: number;
}

const optionalId = (v: unknown): string | null =>
  v === null || v === undefined ? null : String(v);

export function notificationFromRow(row: Row): NotificationRecord {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    fromAccountId: String(row.from_account_id),
    type: String(row.type),
    statusId: optionalId(row.status_id),
    reportId: optionalId(row.report_id),
    groupKey: row.group_key === null || row.group_key === undefined ? null : String(row.group_key),
    filtered: Boolean(row.filtered),
    createdAt: Number(row.created_at),
  };
}

/** A notification's values in the order of the INSERTs' columns below. */
const notificationValues = (n: NotificationRecord) => [
  n.id,
  n.accountId,
  n.fromAccountId,
  n.type,
  n.statusId,
  n.reportId,
  n.groupKey,
  n.filtered,
  n.createdAt,
];

/** Inserts the notification; false when the same one already exists. */
export async function insertNotification(db: Queryable, n: NotificationRecord): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO notifications (id, account_id, from_account_id, type, status_id, report_id, group_key, filtered, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    notificationValues(n),
  );
  return result.changes > 0;
}

/**
 * Inserts the notifications (a few hundred at most), in one statement; answers the ids of
 * those inserted (a notification that already exists is not).
 */
export async function insertNotifications(
  db: Queryable,
  records: readonly NotificationRecord[],
): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  const rows = await db.all<{ id: string | number }>(
    `INSERT INTO notifications (id, account_id, from_account_id, type, status_id, report_id, group_key, filtered, created_at)
     VALUES ${records.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
     ON CONFLICT DO NOTHING RETURNING id`,
    records.flatMap(notificationValues),
  );
  return new Set(rows.map((r) => String(r.id)));
}

/** One notification of `accountId`, whoever sent it. */
export async function findNotification(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<NotificationRecord | null> {
  const row = await db.get('SELECT * FROM notifications WHERE account_id = ? AND id = ?', [
    accountId,
    id,
  ]);
  return row ? notificationFromRow(row) : null;
}

/** What is left to know after removing notifications: whose requests to look at again. */
export interface RemovedNotification {
  accountId: string;
  fromAccountId: string;
  filtered: boolean;
}

async function deleteReturning(
  db: Queryable,
  where: string,
  params: readonly (string | null)[],
): Promise<RemovedNotification[]> {
  const rows = await db.all<Row>(
    `DELETE FROM notifications WHERE ${where} RETURNING account_id, from_account_id, filtered`,
    params,
  );
  return rows.map((r) => ({
    accountId: String(r.account_id),
    fromAccountId: String(r.from_account_id),
    filtered: Boolean(r.filtered),
  }));
}

/** Removes one notification of `accountId`. */
export function deleteNotification(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<RemovedNotification[]> {
  return deleteReturning(db, 'account_id = ? AND id = ?', [accountId, id]);
}

/**
 * Removes the notifications of a group (`ungrouped-<id>` names the one notification without a
 * group key, as Mastodon's `by_group_key`).
 */
export function deleteNotificationGroup(
  db: Queryable,
  accountId: string,
  groupKey: string,
): Promise<RemovedNotification[]> {
  const single = /^ungrouped-(\d+)$/.exec(groupKey);
  if (single) return deleteReturning(db, 'account_id = ? AND id = ?', [accountId, single[1]!]);
  return deleteReturning(db, 'account_id = ? AND group_key = ?', [accountId, groupKey]);
}

/** Removes every notification of `accountId` (Mastodon's clear, which skips requests). */
export async function clearNotifications(db: Queryable, accountId: string): Promise<void> {
  await db.run('DELETE FROM notifications WHERE account_id = ?', [accountId]);
}

/** Removes the notifications about a status (it was deleted), whatever their type. */
export function deleteNotificationsAboutStatus(
  db: Queryable,
  statusId: string,
): Promise<RemovedNotification[]> {
  return deleteReturning(db, 'status_id = ?', [statusId]);
}

/** Removes what `fromAccountId` sent `accountId` (the recipient blocked the sender). */
export function deleteNotificationsFrom(
  db: Queryable,
  accountId: string,
  fromAccountId: string,
): Promise<RemovedNotification[]> {
  return deleteReturning(db, 'account_id = ? AND from_account_id = ?', [accountId, fromAccountId]);
}

/** Removes the notification one activity made (a favourite undone, a follow ended...). */
export function deleteNotificationOf(
  db: Queryable,
  activity: { accountId: string; type: string; fromAccountId: string; statusId: string | null },
): Promise<RemovedNotification[]> {
  return activity.statusId === null
    ? deleteReturning(
        db,
        'account_id = ? AND type = ? AND from_account_id = ? AND status_id IS NULL',
        [activity.accountId, activity.type, activity.fromAccountId],
      )
    : deleteReturning(db, 'account_id = ? AND type = ? AND from_account_id = ? AND status_id = ?', [
        activity.accountId,
        activity.type,
        activity.fromAccountId,
        activity.statusId,
      ]);
}

/**
 * The most recent group key of `accountId` that starts with `prefix` and a dash (the hour
 * bucket follows), or null. Buckets are hours since 1970, six digits until 2084, so the
 * greatest key in text order is the latest bucket.
 */
export async function latestGroupKey(
  db: Queryable,
  accountId: string,
  prefix: string,
): Promise<string | null> {
  const row = await db.get<{ group_key: string }>(
    `SELECT group_key FROM notifications
     WHERE account_id = ? AND group_key >= ? AND group_key < ?
     ORDER BY group_key DESC LIMIT 1`,
    [accountId, `${prefix}-`, `${prefix}.`],
  );
  return row ? row.group_key : null;
}

/**
 * Marks the notifications from `fromAccountId` to `accountId` as no longer filtered (a
 * notification request was accepted); returns how many.
 */
export async function unfilterNotifications(
  db: Queryable,
  accountId: string,
  fromAccountId: string,
): Promise<number> {
  const result = await db.run(
    'UPDATE notifications SET filtered = FALSE WHERE account_id = ? AND from_account_id = ? AND filtered = TRUE',
    [accountId, fromAccountId],
  );
  return result.changes;
}

/** Removes the filtered notifications from `fromAccountId` (a request was dismissed). */
export async function deleteFilteredNotifications(
  db: Queryable,
  accountId: string,
  fromAccountId: string,
): Promise<void> {
  await db.run(
    'DELETE FROM notifications WHERE account_id = ? AND from_account_id = ? AND filtered = TRUE',
    [accountId, fromAccountId],
  );
}

/**
 * How many filtered notifications of `types` `fromAccountId` sent `accountId`, counted up to
 * `cap` (Mastodon's MAX_MEANINGFUL_COUNT).
 */
export async function countFilteredFrom(
  db: Queryable,
  accountId: string,
  fromAccountId: string,
  types: readonly string[],
  cap: number,
): Promise<number> {
  const row = await db.get<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM (
       SELECT 1 FROM notifications
       WHERE account_id = ? AND from_account_id = ? AND filtered = TRUE AND type IN (${placeholders(types.length)})
       LIMIT ${Math.trunc(cap)}
     ) capped`,
    [accountId, fromAccountId, ...types],
  );
  return Number(row?.n ?? 0);
}
