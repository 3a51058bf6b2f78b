/**
 * The reads behind the notification lists: one recipient's notifications in id order, with
 * Mastodon's `browserable` conditions (types, sender, filtered ones) and its `without_suspended`
 * (nothing from suspended accounts). Every read walks the `(account_id, id)` index, so a page
 * costs the same however many notifications the account has.
 */
import { placeholders, type Queryable, type Row } from '../database.ts';
import { notificationFromRow, type NotificationRecord } from '../repositories/notifications.ts';
import { reportFromRow, type ReportRecord } from '../repositories/reports.ts';

export interface NotificationFilter {
  /** Only these types; null for every type. An empty list matches nothing. */
  types: readonly string[] | null;
  /** Only from this account; filtered notifications are then included, as Mastodon does. */
  fromAccountId: string | null;
  /** Include the notifications the recipient's policy filtered. */
  includeFiltered: boolean;
}

export const everyNotification: NotificationFilter = {
  types: null,
  fromAccountId: null,
  includeFiltered: false,
};

/** Id bounds and order, as the domain's pageQuery makes them for the column `n.id`. */
export interface PageSql {
  where: string[];
  params: string[];
  orderLimit: string;
}

function conditions(accountId: string, filter: NotificationFilter) {
  const where = ['n.account_id = ?', 'a.suspended_at IS NULL'];
  const params: string[] = [accountId];
  if (!filter.includeFiltered && filter.fromAccountId === null) where.push('n.filtered = FALSE');
  if (filter.fromAccountId !== null) {
    where.push('n.from_account_id = ?');
    params.push(filter.fromAccountId);
  }
  if (filter.types !== null) {
    where.push(`n.type IN (${placeholders(filter.types.length)})`);
    params.push(...filter.types);
  }
  return { where, params };
}

/** The notifications of `accountId` matching `filter` in the page `page`. */
export async function listNotifications(
  db: Queryable,
  accountId: string,
  filter: NotificationFilter,
  page: PageSql,
): Promise<NotificationRecord[]> {
  if (filter.types !== null && filter.types.length === 0) return [];
  const c = conditions(accountId, filter);
  const rows = await db.all<Row>(
    `SELECT n.* FROM notifications n JOIN accounts a ON a.id = n.from_account_id
     WHERE ${[...c.where, ...page.where].join(' AND ')} ${page.orderLimit}`,
    [...c.params, ...page.params],
  );
  return rows.map(notificationFromRow);
}

/** How many notifications matching `filter` are newer than `afterId`, counting up to `cap`. */
export async function countNotificationsAfter(
  db: Queryable,
  accountId: string,
  filter: NotificationFilter,
  afterId: string | null,
  cap: number,
): Promise<number> {
  if (filter.types !== null && filter.types.length === 0) return 0;
  const c = conditions(accountId, filter);
  if (afterId !== null) {
    c.where.push('n.id > ?');
    c.params.push(afterId);
  }
  const row = await db.get<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM (
       SELECT 1 FROM notifications n JOIN accounts a ON a.id = n.from_account_id
       WHERE ${c.where.join(' AND ')} ORDER BY n.id LIMIT ${Math.trunc(cap)}
     ) capped`,
    c.params,
  );
  return Number(row?.n ?? 0);
}

/**
 * The most recent notification of a group of `accountId` from an account that is not
 * suspended (`ungrouped-<id>` names one notification without a group key).
 */
export async function findNotificationOfGroup(
  db: Queryable,
  accountId: string,
  groupKey: string,
): Promise<NotificationRecord | null> {
  const single = /^ungrouped-(\d+)$/.exec(groupKey);
  const row = await db.get<Row>(
    `SELECT n.* FROM notifications n JOIN accounts a ON a.id = n.from_account_id
     WHERE n.account_id = ? AND a.suspended_at IS NULL AND ${single ? 'n.id = ?' : 'n.group_key = ?'}
     ORDER BY n.id DESC LIMIT 1`,
    [accountId, single ? single[1]! : groupKey],
  );
  return row ? notificationFromRow(row) : null;
}

/** Senders of the notifications of a group, with the notification ids to page by. */
export async function listGroupSenders(
  db: Queryable,
  accountId: string,
  groupKey: string,
  page: PageSql,
): Promise<{ id: string; fromAccountId: string }[]> {
  const single = /^ungrouped-(\d+)$/.exec(groupKey);
  const rows = await db.all<{ id: string | number; from_account_id: string | number }>(
    `SELECT n.id, n.from_account_id FROM notifications n JOIN accounts a ON a.id = n.from_account_id
     WHERE n.account_id = ? AND a.suspended_at IS NULL AND ${single ? 'n.id = ?' : 'n.group_key = ?'}
     ${page.where.map((w) => ` AND ${w}`).join('')} ${page.orderLimit}`,
    [accountId, single ? single[1]! : groupKey, ...page.params],
  );
  return rows.map((r) => ({ id: String(r.id), fromAccountId: String(r.from_account_id) }));
}

/** The reports admin notifications are about, by id. */
export async function findReportsByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<ReportRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<Row>(
    `SELECT * FROM reports WHERE id IN (${placeholders(ids.length)})`,
    ids,
  );
  return rows.map(reportFromRow);
}
