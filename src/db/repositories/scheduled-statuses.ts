/**
 * Reads and writes of `scheduled_statuses`: posts waiting for their time. `params` keeps what
 * the post will be made from, in the shape Mastodon's ScheduledStatus entity shows.
 */
import { placeholders, type Queryable, type Row } from '../database.ts';
import type { Visibility } from './statuses.ts';

export interface ScheduledPollParams {
  options: string[];
  expires_in: number;
  multiple: boolean;
  hide_totals: boolean;
}

/** The stored parameters; ids are strings (64-bit ids do not survive JSON numbers). */
export interface ScheduledStatusParams {
  text: string;
  poll: ScheduledPollParams | null;
  media_ids: string[] | null;
  sensitive: boolean | null;
  spoiler_text: string | null;
  visibility: Visibility | null;
  language: string | null;
  in_reply_to_id: string | null;
  quoted_status_id: string | null;
  quote_approval_policy: string | null;
  content_type: string | null;
  local_only: boolean | null;
  allowed_mentions: string[] | null;
  application_id: string | null;
  scheduled_at: null;
  idempotency: null;
  with_rate_limit: false;
}

export interface ScheduledStatusRecord {
  id: string;
  accountId: string;
  scheduledAt: number;
  params: ScheduledStatusParams;
  mediaAttachmentIds: string[];
  createdAt: number;
}

export function scheduledStatusFromRow(row: Row): ScheduledStatusRecord {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    scheduledAt: Number(row.scheduled_at),
    params: JSON.parse(String(row.params)) as ScheduledStatusParams,
    mediaAttachmentIds: JSON.parse(String(row.media_attachment_ids)) as string[],
    createdAt: Number(row.created_at),
  };
}

export async function insertScheduledStatus(
  db: Queryable,
  record: ScheduledStatusRecord,
): Promise<void> {
  await db.run(
    'INSERT INTO scheduled_statuses (id, account_id, scheduled_at, params, media_attachment_ids, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [
      record.id,
      record.accountId,
      record.scheduledAt,
      JSON.stringify(record.params),
      JSON.stringify(record.mediaAttachmentIds),
      record.createdAt,
    ],
  );
}

/** The account's scheduled post, or null (someone else's is as good as missing). */
export async function findScheduledStatus(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<ScheduledStatusRecord | null> {
  const row = await db.get('SELECT * FROM scheduled_statuses WHERE id = ? AND account_id = ?', [
    id,
    accountId,
  ]);
  return row ? scheduledStatusFromRow(row) : null;
}

export async function findScheduledStatusById(
  db: Queryable,
  id: string,
): Promise<ScheduledStatusRecord | null> {
  const row = await db.get('SELECT * FROM scheduled_statuses WHERE id = ?', [id]);
  return row ? scheduledStatusFromRow(row) : null;
}

/** A page of the account's scheduled posts; `where` and `orderLimit` come from pageQuery. */
export async function listScheduledStatuses(
  db: Queryable,
  accountId: string,
  page: { where: string[]; params: string[]; orderLimit: string },
): Promise<ScheduledStatusRecord[]> {
  const rows = await db.all(
    `SELECT * FROM scheduled_statuses WHERE account_id = ?${page.where.map((w) => ` AND ${w}`).join('')} ${page.orderLimit}`,
    [accountId, ...page.params],
  );
  return rows.map(scheduledStatusFromRow);
}

export async function updateScheduledAt(
  db: Queryable,
  id: string,
  scheduledAt: number,
): Promise<void> {
  await db.run('UPDATE scheduled_statuses SET scheduled_at = ? WHERE id = ?', [scheduledAt, id]);
}

/**
 * Deletes the scheduled post; with `dueBy`, only when it is due by then. True when this call
 * removed it, which is how exactly one publisher wins it.
 */
export async function deleteScheduledStatus(
  db: Queryable,
  id: string,
  dueBy?: number,
): Promise<boolean> {
  const result =
    dueBy === undefined
      ? await db.run('DELETE FROM scheduled_statuses WHERE id = ?', [id])
      : await db.run('DELETE FROM scheduled_statuses WHERE id = ? AND scheduled_at <= ?', [
          id,
          dueBy,
        ]);
  return result.changes > 0;
}

/** How many posts the account has scheduled, in all and (with a day) within [from, to). */
export async function countScheduledStatuses(
  db: Queryable,
  accountId: string,
  range?: { from: number; to: number; exceptId?: string },
): Promise<number> {
  const row = range
    ? await db.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM scheduled_statuses WHERE account_id = ? AND scheduled_at >= ? AND scheduled_at < ? AND id <> ?',
        [accountId, range.from, range.to, range.exceptId ?? '0'],
      )
    : await db.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM scheduled_statuses WHERE account_id = ?',
        [accountId],
      );
  return Number(row?.n ?? 0);
}

/** Ids of the posts due by `now`, oldest first. */
export async function findDueScheduledStatusIds(
  db: Queryable,
  now: number,
  limit: number,
): Promise<string[]> {
  const rows = await db.all<{ id: string | number }>(
    `SELECT id FROM scheduled_statuses WHERE scheduled_at <= ? ORDER BY scheduled_at LIMIT ${Math.trunc(limit)}`,
    [now],
  );
  return rows.map((r) => String(r.id));
}

export async function findScheduledStatusesByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<ScheduledStatusRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM scheduled_statuses WHERE id IN (${placeholders(ids.length)})`,
    ids,
  );
  return rows.map(scheduledStatusFromRow);
}
