/** Reads and writes of `lists` and their members, `list_accounts`. */
import type { Queryable, Row } from '../database.ts';

export const repliesPolicies = ['followed', 'list', 'none'] as const;
export type RepliesPolicy = (typeof repliesPolicies)[number];

export interface ListRecord {
  id: string;
  accountId: string;
  title: string;
  /** Which replies the list shows: to anyone followed, to list members, or none. */
  repliesPolicy: RepliesPolicy;
  /** Members' posts show in the list and not in the home feed. */
  exclusive: boolean;
  /** When the list's feed was last built; null when it must be built on its next read. */
  feedBuiltAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export function listFromRow(row: Row): ListRecord {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    title: String(row.title),
    repliesPolicy: String(row.replies_policy) as RepliesPolicy,
    exclusive: Boolean(row.exclusive),
    feedBuiltAt: row.feed_built_at === null ? null : Number(row.feed_built_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertList(db: Queryable, list: ListRecord): Promise<void> {
  await db.run(
    `INSERT INTO lists (id, account_id, title, replies_policy, exclusive, feed_built_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      list.id,
      list.accountId,
      list.title,
      list.repliesPolicy,
      list.exclusive,
      list.feedBuiltAt,
      list.createdAt,
      list.updatedAt,
    ],
  );
}

export async function updateList(
  db: Queryable,
  id: string,
  changes: Pick<ListRecord, 'title' | 'repliesPolicy' | 'exclusive' | 'updatedAt'>,
): Promise<void> {
  await db.run(
    'UPDATE lists SET title = ?, replies_policy = ?, exclusive = ?, updated_at = ? WHERE id = ?',
    [changes.title, changes.repliesPolicy, changes.exclusive, changes.updatedAt, id],
  );
}

export async function deleteList(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM lists WHERE id = ?', [id]);
}

export async function findList(db: Queryable, id: string): Promise<ListRecord | null> {
  const row = await db.get('SELECT * FROM lists WHERE id = ?', [id]);
  return row ? listFromRow(row) : null;
}

/** An account's lists, oldest first, as Mastodon lists them. */
export async function findListsOf(db: Queryable, accountId: string): Promise<ListRecord[]> {
  const rows = await db.all('SELECT * FROM lists WHERE account_id = ? ORDER BY id', [accountId]);
  return rows.map(listFromRow);
}

/** The lists of `ownerId` that hold `memberId`. */
export async function findListsHolding(
  db: Queryable,
  ownerId: string,
  memberId: string,
): Promise<ListRecord[]> {
  const rows = await db.all(
    `SELECT l.* FROM lists l JOIN list_accounts la ON la.list_id = l.id
      WHERE l.account_id = ? AND la.account_id = ? ORDER BY l.id`,
    [ownerId, memberId],
  );
  return rows.map(listFromRow);
}

export async function setListFeedBuilt(
  db: Queryable,
  id: string,
  at: number | null,
): Promise<void> {
  await db.run('UPDATE lists SET feed_built_at = ? WHERE id = ?', [at, id]);
}

/** Marks every list feed to be built again on its next read. */
export async function forgetBuiltListFeeds(db: Queryable): Promise<void> {
  await db.run('UPDATE lists SET feed_built_at = NULL WHERE feed_built_at IS NOT NULL');
}

/** Adds a member; false when the list already holds the account. */
export async function insertListAccount(
  db: Queryable,
  row: { id: string; listId: string; accountId: string; createdAt: number },
): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO list_accounts (id, list_id, account_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (list_id, account_id) DO NOTHING`,
    [row.id, row.listId, row.accountId, row.createdAt],
  );
  return result.changes > 0;
}

export async function deleteListAccount(
  db: Queryable,
  listId: string,
  accountId: string,
): Promise<boolean> {
  const result = await db.run('DELETE FROM list_accounts WHERE list_id = ? AND account_id = ?', [
    listId,
    accountId,
  ]);
  return result.changes > 0;
}

/** The members of a list, with the row id the member list is paged by. */
export async function findListMemberIds(db: Queryable, listId: string): Promise<string[]> {
  const rows = await db.all<{ account_id: string | number }>(
    'SELECT account_id FROM list_accounts WHERE list_id = ?',
    [listId],
  );
  return rows.map((r) => String(r.account_id));
}
