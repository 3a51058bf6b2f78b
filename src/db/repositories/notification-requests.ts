/**
 * Reads and writes of `notification_requests`: one per stranger whose mentions the recipient's
 * policy filtered, holding how many are waiting and the latest status, until the recipient
 * accepts (the notifications join the others) or dismisses it (they are deleted).
 */
import { placeholders, type Queryable, type Row } from '../database.ts';

export interface NotificationRequestRecord {
  id: string;
  accountId: string;
  fromAccountId: string;
  lastStatusId: string | null;
  notificationsCount: number;
  createdAt: number;
  updatedAt: number;
}

function requestFromRow(row: Row): NotificationRequestRecord {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    fromAccountId: String(row.from_account_id),
    lastStatusId:
      row.last_status_id === null || row.last_status_id === undefined
        ? null
        : String(row.last_status_id),
    notificationsCount: Number(row.notifications_count),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** Creates the request from `fromAccountId`, or moves its latest status and count on. */
export async function saveNotificationRequest(
  db: Queryable,
  request: NotificationRequestRecord,
): Promise<void> {
  await db.run(
    `INSERT INTO notification_requests (id, account_id, from_account_id, last_status_id, notifications_count, dismissed, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, FALSE, ?, ?)
     ON CONFLICT (account_id, from_account_id) DO UPDATE SET
       last_status_id = excluded.last_status_id,
       notifications_count = excluded.notifications_count,
       updated_at = excluded.updated_at`,
    [
      request.id,
      request.accountId,
      request.fromAccountId,
      request.lastStatusId,
      request.notificationsCount,
      request.createdAt,
      request.updatedAt,
    ],
  );
}

export async function findNotificationRequest(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<NotificationRequestRecord | null> {
  const row = await db.get<Row>(
    'SELECT * FROM notification_requests WHERE account_id = ? AND id = ?',
    [accountId, id],
  );
  return row ? requestFromRow(row) : null;
}

export async function findNotificationRequestFrom(
  db: Queryable,
  accountId: string,
  fromAccountId: string,
): Promise<NotificationRequestRecord | null> {
  const row = await db.get<Row>(
    'SELECT * FROM notification_requests WHERE account_id = ? AND from_account_id = ?',
    [accountId, fromAccountId],
  );
  return row ? requestFromRow(row) : null;
}

/** The requests of `accountId` among `ids`; ids of other accounts' requests are ignored. */
export async function findNotificationRequestsByIds(
  db: Queryable,
  accountId: string,
  ids: readonly string[],
): Promise<NotificationRequestRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<Row>(
    `SELECT * FROM notification_requests WHERE account_id = ? AND id IN (${placeholders(ids.length)})`,
    [accountId, ...ids],
  );
  return rows.map(requestFromRow);
}

/**
 * A page of the requests of `accountId`, leaving out suspended senders; `where` and
 * `orderLimit` come from the domain's pageQuery on `r.id`.
 */
export async function listNotificationRequests(
  db: Queryable,
  accountId: string,
  page: { where: string[]; params: string[]; orderLimit: string },
): Promise<NotificationRequestRecord[]> {
  const rows = await db.all<Row>(
    `SELECT r.* FROM notification_requests r JOIN accounts a ON a.id = r.from_account_id
     WHERE r.account_id = ? AND a.suspended_at IS NULL${page.where.map((w) => ` AND ${w}`).join('')}
     ${page.orderLimit}`,
    [accountId, ...page.params],
  );
  return rows.map(requestFromRow);
}

export async function deleteNotificationRequest(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM notification_requests WHERE id = ?', [id]);
}

/** Sets the count of waiting notifications of a request, or removes it when none are left. */
export async function recountNotificationRequest(
  db: Queryable,
  accountId: string,
  fromAccountId: string,
  count: number,
  now: number,
): Promise<void> {
  if (count > 0) {
    await db.run(
      'UPDATE notification_requests SET notifications_count = ?, updated_at = ? WHERE account_id = ? AND from_account_id = ?',
      [count, now, accountId, fromAccountId],
    );
  } else {
    await db.run('DELETE FROM notification_requests WHERE account_id = ? AND from_account_id = ?', [
      accountId,
      fromAccountId,
    ]);
  }
}

/**
 * How many requests wait and how many notifications they hold, over at most `cap` requests
 * (Mastodon's NotificationPolicy#summarize!).
 */
export async function summarizeNotificationRequests(
  db: Queryable,
  accountId: string,
  cap: number,
): Promise<{ requests: number; notifications: number }> {
  const row = await db.get<{ requests: number | string; notifications: number | string | null }>(
    `SELECT COUNT(*) AS requests, COALESCE(SUM(notifications_count), 0) AS notifications FROM (
       SELECT notifications_count FROM notification_requests
       WHERE account_id = ? AND dismissed = FALSE LIMIT ${Math.trunc(cap)}
     ) capped`,
    [accountId],
  );
  return { requests: Number(row?.requests ?? 0), notifications: Number(row?.notifications ?? 0) };
}
