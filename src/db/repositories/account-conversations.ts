/**
 * Reads and writes of `account_conversations`: each participant's view of a direct-message
 * conversation (Mastodon's AccountConversation): who else takes part, the latest post, and
 * whether the participant has read it.
 */
import type { Queryable, Row } from '../database.ts';

export interface AccountConversationRecord {
  id: string;
  accountId: string;
  conversationId: string;
  /** The other participants, sorted. */
  participantAccountIds: string[];
  lastStatusId: string;
  unread: boolean;
  updatedAt: number;
}

export function accountConversationFromRow(row: Row): AccountConversationRecord {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    conversationId: String(row.conversation_id),
    participantAccountIds: JSON.parse(String(row.participant_account_ids)) as string[],
    lastStatusId: String(row.last_status_id),
    unread: Boolean(row.unread),
    updatedAt: Number(row.updated_at),
  };
}

/**
 * Records `lastStatusId` as the latest post of the conversation for one participant, creating
 * the row on the first post; a post older than the latest one does not move it back.
 */
export async function upsertAccountConversation(
  db: Queryable,
  row: Omit<AccountConversationRecord, 'id'> & { id: string },
): Promise<string> {
  const kept = await db.get<{ id: string | number }>(
    `INSERT INTO account_conversations (id, account_id, conversation_id, participant_account_ids, last_status_id, unread, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, conversation_id, participant_account_ids) DO UPDATE SET
       last_status_id = CASE WHEN excluded.last_status_id > account_conversations.last_status_id
                             THEN excluded.last_status_id ELSE account_conversations.last_status_id END,
       unread = excluded.unread, updated_at = excluded.updated_at
     RETURNING id`,
    [
      row.id,
      row.accountId,
      row.conversationId,
      JSON.stringify(row.participantAccountIds),
      row.lastStatusId,
      row.unread,
      row.updatedAt,
    ],
  );
  // The id of the row kept: the new one, or the one that was there.
  return String(kept!.id);
}

export async function findAccountConversation(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<AccountConversationRecord | null> {
  const row = await db.get('SELECT * FROM account_conversations WHERE id = ? AND account_id = ?', [
    id,
    accountId,
  ]);
  return row ? accountConversationFromRow(row) : null;
}

/** The rows whose latest post is `statusId`. */
export async function findConversationsEndingWith(
  db: Queryable,
  statusId: string,
): Promise<AccountConversationRecord[]> {
  const rows = await db.all('SELECT * FROM account_conversations WHERE last_status_id = ?', [
    statusId,
  ]);
  return rows.map(accountConversationFromRow);
}

export async function setConversationUnread(
  db: Queryable,
  id: string,
  unread: boolean,
  now: number,
): Promise<void> {
  await db.run('UPDATE account_conversations SET unread = ?, updated_at = ? WHERE id = ?', [
    unread,
    now,
    id,
  ]);
}

export async function setConversationLastStatus(
  db: Queryable,
  id: string,
  lastStatusId: string,
): Promise<void> {
  await db.run('UPDATE account_conversations SET last_status_id = ? WHERE id = ?', [
    lastStatusId,
    id,
  ]);
}

export async function deleteAccountConversation(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM account_conversations WHERE id = ?', [id]);
}
