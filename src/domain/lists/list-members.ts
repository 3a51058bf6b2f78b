/**
 * The members of a list (GET/POST/DELETE /api/v1/lists/:id/accounts). As Mastodon's
 * ListAccount: only accounts the owner follows, or has asked to follow, or the owner itself,
 * may be added (another is Mastodon's 404); adding a member twice is a 422. Added members'
 * recent posts join the list's feed; removed members' posts leave it.
 */
import { notFound, unprocessable } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import { placeholders } from '../../db/database.ts';
import { findAccountsByIds, type AccountRecord } from '../../db/repositories/accounts.ts';
import {
  deleteListAccount,
  insertListAccount,
  type ListRecord,
} from '../../db/repositories/lists.ts';
import type { Deps } from '../context.ts';
import { newestFirst, pageQuery, type Page } from '../pagination.ts';
import { findOwnList } from './find-list.ts';
import { mergeIntoList, unmergeFromList } from './list-feed.ts';

async function followedOrRequested(
  deps: Pick<Deps, 'db'>,
  ownerId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const marks = placeholders(ids.length);
  const rows = await deps.db.all<{ id: string | number }>(
    `SELECT target_account_id AS id FROM follows WHERE account_id = ? AND target_account_id IN (${marks})
     UNION SELECT target_account_id AS id FROM follow_requests WHERE account_id = ? AND target_account_id IN (${marks})`,
    [ownerId, ...ids, ownerId, ...ids],
  );
  return new Set(rows.map((r) => String(r.id)));
}

export async function addListMembers(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  ownerId: string,
  listId: string,
  accountIds: readonly string[],
): Promise<void> {
  const list = await findOwnList(deps, ownerId, listId);
  const ids = [...new Set(accountIds)];
  if (ids.length === 0 || !ids.every(isId)) throw notFound();
  const found = await findAccountsByIds(deps.db, ids);
  if (found.length !== ids.length) throw notFound();
  const allowed = await followedOrRequested(deps, ownerId, ids);
  if (!ids.every((id) => id === ownerId || allowed.has(id))) throw notFound();
  await deps.db.transaction(async (tx) => {
    for (const accountId of ids) {
      const added = await insertListAccount(tx, {
        id: deps.ids.next(),
        listId: list.id,
        accountId,
        createdAt: deps.clock.now(),
      });
      if (!added) throw unprocessable('Validation failed: Account has already been taken');
    }
  });
  await mergeIntoList(deps, list, ids);
}

export async function removeListMembers(
  deps: Pick<Deps, 'db'>,
  ownerId: string,
  listId: string,
  accountIds: readonly string[],
): Promise<void> {
  const list = await findOwnList(deps, ownerId, listId);
  for (const accountId of new Set(accountIds.filter(isId))) {
    if (await deleteListAccount(deps.db, list.id, accountId)) {
      await unmergeFromList(deps, [list.id], accountId);
    }
  }
}

export interface ListMemberRow {
  /** The membership's id, which the member list is paged by. */
  pageId: string;
  account: AccountRecord;
}

/** The members, newest membership first; `page.limit` 0 lists them all, as Mastodon. */
export async function listMembersPage(
  deps: Pick<Deps, 'db'>,
  list: ListRecord,
  page: Page,
): Promise<ListMemberRow[]> {
  const q = pageQuery(page, 'la.id');
  const all = page.limit === 0;
  const rows = await deps.db.all<{ id: string | number; account_id: string | number }>(
    `SELECT la.id, la.account_id FROM list_accounts la JOIN accounts a ON a.id = la.account_id
      WHERE ${['la.list_id = ?', 'a.suspended_at IS NULL', ...(all ? [] : q.where)].join(' AND ')}
      ${all ? 'ORDER BY la.id DESC' : q.orderLimit}`,
    [list.id, ...(all ? [] : q.params)],
  );
  const ordered = all ? rows : newestFirst(rows, q.ascending);
  const accounts = new Map(
    (
      await findAccountsByIds(
        deps.db,
        ordered.map((r) => String(r.account_id)),
      )
    ).map((a) => [a.id, a]),
  );
  return ordered
    .map((r) => ({ pageId: String(r.id), account: accounts.get(String(r.account_id)) }))
    .filter((r): r is ListMemberRow => r.account !== undefined);
}
