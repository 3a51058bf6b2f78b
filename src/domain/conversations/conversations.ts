/**
 * A viewer's direct-message conversations (GET /api/v1/conversations), newest latest post
 * first and paged by that post's id, as Mastodon pages them; marking one read, and removing
 * one from the list (it comes back with the next post).
 */
import { notFound } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import {
  accountConversationFromRow,
  deleteAccountConversation,
  findAccountConversation,
  setConversationUnread,
  type AccountConversationRecord,
} from '../../db/repositories/account-conversations.ts';
import type { Deps } from '../context.ts';
import { newestFirst, pageQuery, type Page } from '../pagination.ts';

export async function conversationsPage(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  page: Page,
): Promise<AccountConversationRecord[]> {
  const q = pageQuery(page, 'last_status_id');
  const rows = await deps.db.all(
    `SELECT * FROM account_conversations WHERE ${['account_id = ?', ...q.where].join(' AND ')} ${q.orderLimit}`,
    [accountId, ...q.params],
  );
  return newestFirst(rows.map(accountConversationFromRow), q.ascending);
}

async function findOwn(deps: Pick<Deps, 'db'>, accountId: string, id: string) {
  const row = isId(id) ? await findAccountConversation(deps.db, accountId, id) : null;
  if (!row) throw notFound();
  return row;
}

export async function markConversationRead(
  deps: Pick<Deps, 'db' | 'clock'>,
  accountId: string,
  id: string,
): Promise<AccountConversationRecord> {
  const row = await findOwn(deps, accountId, id);
  await setConversationUnread(deps.db, row.id, false, deps.clock.now());
  return { ...row, unread: false };
}

export async function removeConversation(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  id: string,
): Promise<void> {
  const row = await findOwn(deps, accountId, id);
  await deleteAccountConversation(deps.db, row.id);
}
