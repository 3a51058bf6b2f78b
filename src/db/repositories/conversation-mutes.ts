/** Reads and writes of `conversation_mutes`: the threads an account no longer hears about. */
import type { Queryable } from '../database.ts';

/** Mutes the conversation for the account; muting it again changes nothing. */
export async function insertConversationMute(
  db: Queryable,
  accountId: string,
  conversationId: string,
): Promise<void> {
  await db.run(
    `INSERT INTO conversation_mutes (account_id, conversation_id) VALUES (?, ?)
     ON CONFLICT (account_id, conversation_id) DO NOTHING`,
    [accountId, conversationId],
  );
}

export async function deleteConversationMute(
  db: Queryable,
  accountId: string,
  conversationId: string,
): Promise<void> {
  await db.run('DELETE FROM conversation_mutes WHERE account_id = ? AND conversation_id = ?', [
    accountId,
    conversationId,
  ]);
}
