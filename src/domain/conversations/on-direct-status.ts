/**
 * Keeps each local participant's view of a direct-message conversation up to date
 * (Mastodon's AccountConversation.add_status / remove_status): a new direct post becomes the
 * latest post for its author and everyone it mentions, unread for all but its author; when
 * the latest post is deleted, the one before it (that the participant took part in) takes its
 * place, and a conversation left with none disappears.
 */
import { placeholders } from '../../db/database.ts';
import {
  deleteAccountConversation,
  findConversationsEndingWith,
  setConversationLastStatus,
  upsertAccountConversation,
} from '../../db/repositories/account-conversations.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';

/** `status` is the new post as just read (the feed job has it). */
export async function addToConversations(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  status: StatusRecord,
): Promise<{ accountId: string; accountConversationId: string }[]> {
  if (status.visibility !== 'direct' || status.conversationId === null) return [];
  const mentioned = await deps.db.all<{ account_id: string | number }>(
    'SELECT account_id FROM mentions WHERE status_id = ? AND silent = FALSE',
    [status.id],
  );
  const participants = [
    ...new Set([status.accountId, ...mentioned.map((m) => String(m.account_id))]),
  ];
  const local = await deps.db.all<{ id: string | number }>(
    `SELECT id FROM accounts WHERE id IN (${placeholders(participants.length)}) AND domain IS NULL`,
    participants,
  );
  const now = deps.clock.now();
  const updated: { accountId: string; accountConversationId: string }[] = [];
  for (const row of local) {
    const accountId = String(row.id);
    const accountConversationId = await upsertAccountConversation(deps.db, {
      id: deps.ids.next(),
      accountId,
      conversationId: status.conversationId,
      participantAccountIds: participants.filter((id) => id !== accountId).sort(),
      lastStatusId: status.id,
      unread: accountId !== status.accountId,
      updatedAt: now,
    });
    updated.push({ accountId, accountConversationId });
  }
  return updated;
}

export async function removeFromConversations(
  deps: Pick<Deps, 'db'>,
  statusId: string,
): Promise<void> {
  for (const row of await findConversationsEndingWith(deps.db, statusId)) {
    const previous = await deps.db.get<{ id: string | number }>(
      `SELECT s.id FROM statuses s
        WHERE s.conversation_id = ? AND s.visibility = 'direct' AND s.deleted_at IS NULL
          AND (s.account_id = ? OR EXISTS (
            SELECT 1 FROM mentions m WHERE m.status_id = s.id AND m.account_id = ?))
        ORDER BY s.id DESC LIMIT 1`,
      [row.conversationId, row.accountId, row.accountId],
    );
    if (previous) await setConversationLastStatus(deps.db, row.id, String(previous.id));
    else await deleteAccountConversation(deps.db, row.id);
  }
}
