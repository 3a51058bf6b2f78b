/**
 * Reads and writes of `mentions`: who a status mentions. A silent mention (one the author
 * edited out) still lets the account see the status but is no longer shown or notified.
 */
import { placeholders, type Queryable } from '../database.ts';

export interface MentionRecord {
  id: string;
  statusId: string;
  accountId: string;
  silent: boolean;
  createdAt: number;
}

export async function insertMentions(
  db: Queryable,
  mentions: readonly MentionRecord[],
): Promise<void> {
  if (mentions.length === 0) return;
  await db.run(
    `INSERT INTO mentions (id, status_id, account_id, silent, created_at) VALUES ${mentions.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
    mentions.flatMap((m) => [m.id, m.statusId, m.accountId, m.silent, m.createdAt]),
  );
}

/** Every mention of the given statuses, silent ones included, oldest first. */
export async function findMentionsByStatusIds(
  db: Queryable,
  statusIds: readonly string[],
): Promise<MentionRecord[]> {
  if (statusIds.length === 0) return [];
  const rows = await db.all<Record<string, unknown>>(
    `SELECT id, status_id, account_id, silent, created_at FROM mentions WHERE status_id IN (${placeholders(statusIds.length)}) ORDER BY id`,
    statusIds,
  );
  return rows.map((r) => ({
    id: String(r.id),
    statusId: String(r.status_id),
    accountId: String(r.account_id),
    silent: Boolean(r.silent),
    createdAt: Number(r.created_at),
  }));
}

/** Sets whether the mentions of `accountIds` in one status are silent. */
export async function setMentionsSilent(
  db: Queryable,
  statusId: string,
  accountIds: readonly string[],
  silent: boolean,
): Promise<void> {
  if (accountIds.length === 0) return;
  await db.run(
    `UPDATE mentions SET silent = ? WHERE status_id = ? AND account_id IN (${placeholders(accountIds.length)})`,
    [silent, statusId, ...accountIds],
  );
}
