/** Reads and writes of `status_reactions`: emoji reactions of accounts to statuses. */
import { placeholders, type Queryable } from '../database.ts';

export interface StatusReactionRecord {
  id: string;
  accountId: string;
  statusId: string;
  /** The unicode emoji, or the custom emoji's shortcode. */
  name: string;
  /** The server whose custom emoji it is; null for unicode emojis and local custom ones. */
  emojiDomain: string | null;
  /** The ActivityPub id of the activity that made it (remote reactions). */
  uri: string | null;
  createdAt: number;
}

/** Inserts the reaction unless the account already reacted so; true when inserted. */
export async function insertReaction(db: Queryable, r: StatusReactionRecord): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO status_reactions (id, account_id, status_id, name, emoji_domain, uri, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    [r.id, r.accountId, r.statusId, r.name, r.emojiDomain, r.uri, r.createdAt],
  );
  return result.changes === 1;
}

/** Deletes the account's reaction named by its activity id; true when there was one. */
export async function deleteReactionByUri(
  db: Queryable,
  accountId: string,
  uri: string,
): Promise<boolean> {
  const result = await db.run('DELETE FROM status_reactions WHERE account_id = ? AND uri = ?', [
    accountId,
    uri,
  ]);
  return result.changes > 0;
}

/** Deletes the account's reaction with `name` to the status; true when there was one. */
export async function deleteReaction(
  db: Queryable,
  accountId: string,
  statusId: string,
  name: string,
): Promise<boolean> {
  const result = await db.run(
    'DELETE FROM status_reactions WHERE account_id = ? AND status_id = ? AND name = ?',
    [accountId, statusId, name],
  );
  return result.changes > 0;
}

/** One emoji's reactions to a status: how many, and which accounts (oldest first). */
export interface ReactionGroup {
  statusId: string;
  name: string;
  emojiDomain: string | null;
  accountIds: string[];
}

/** The reactions to each status, grouped by emoji, in the order each emoji was first used. */
export async function findReactionGroups(
  db: Queryable,
  statusIds: readonly string[],
): Promise<Map<string, ReactionGroup[]>> {
  const groups = new Map<string, ReactionGroup[]>();
  if (statusIds.length === 0) return groups;
  const rows = await db.all<{
    status_id: string | number;
    account_id: string | number;
    name: string;
    emoji_domain: string | null;
  }>(
    `SELECT status_id, account_id, name, emoji_domain FROM status_reactions
     WHERE status_id IN (${placeholders(statusIds.length)}) ORDER BY id`,
    [...statusIds],
  );
  for (const row of rows) {
    const statusId = String(row.status_id);
    const list = groups.get(statusId) ?? [];
    const key = `${row.name}@${row.emoji_domain ?? ''}`;
    let group = list.find((g) => `${g.name}@${g.emojiDomain ?? ''}` === key);
    if (!group) {
      group = { statusId, name: row.name, emojiDomain: row.emoji_domain, accountIds: [] };
      list.push(group);
      groups.set(statusId, list);
    }
    group.accountIds.push(String(row.account_id));
  }
  return groups;
}
