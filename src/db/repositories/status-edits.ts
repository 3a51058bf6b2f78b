/** Reads and writes of `status_edits`: one snapshot of a status per version, oldest first. */
import type { Queryable, Row } from '../database.ts';

export interface StatusEditRecord {
  id: string;
  statusId: string;
  /** Who made this version. */
  accountId: string;
  text: string;
  /** HTML, as rendered when the version was made. */
  content: string;
  spoilerText: string;
  sensitive: boolean;
  mediaAttachmentIds: string[];
  /** The poll's option titles in this version, or null when it had no poll. */
  pollOptions: string[] | null;
  quoteOfId: string | null;
  createdAt: number;
}

export function statusEditFromRow(row: Row): StatusEditRecord {
  return {
    id: String(row.id),
    statusId: String(row.status_id),
    accountId: String(row.account_id),
    text: String(row.text),
    content: String(row.content),
    spoilerText: String(row.spoiler_text),
    sensitive: Boolean(row.sensitive),
    mediaAttachmentIds: JSON.parse(String(row.media_attachment_ids)) as string[],
    pollOptions:
      row.poll_options === null ? null : (JSON.parse(String(row.poll_options)) as string[]),
    quoteOfId:
      row.quote_of_id === null || row.quote_of_id === undefined ? null : String(row.quote_of_id),
    createdAt: Number(row.created_at),
  };
}

export async function insertStatusEdit(db: Queryable, edit: StatusEditRecord): Promise<void> {
  await db.run(
    `INSERT INTO status_edits (id, status_id, account_id, text, content, spoiler_text, sensitive, media_attachment_ids, poll_options, quote_of_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      edit.id,
      edit.statusId,
      edit.accountId,
      edit.text,
      edit.content,
      edit.spoilerText,
      edit.sensitive,
      JSON.stringify(edit.mediaAttachmentIds),
      edit.pollOptions === null ? null : JSON.stringify(edit.pollOptions),
      edit.quoteOfId,
      edit.createdAt,
    ],
  );
}

/** Every version of the status, oldest first. */
export async function findStatusEdits(
  db: Queryable,
  statusId: string,
): Promise<StatusEditRecord[]> {
  const rows = await db.all('SELECT * FROM status_edits WHERE status_id = ? ORDER BY id', [
    statusId,
  ]);
  return rows.map(statusEditFromRow);
}

export async function countStatusEdits(db: Queryable, statusId: string): Promise<number> {
  const row = await db.get<{ n: number }>(
    'SELECT COUNT(*) AS n FROM status_edits WHERE status_id = ?',
    [statusId],
  );
  return Number(row?.n ?? 0);
}
