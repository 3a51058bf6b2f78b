/** Reads and writes of `status_reactions`: emoji reactions of accounts to statuses. */
import { placeholders, type Queryable, type Row } from '../database.ts';

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

function reactionFromRow(row: Row): StatusReactionRecord {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    statusId: String(row.status_id),
    name: String(row.name),
    emojiDomain: row.emoji_domain === null ? null : String(row.emoji_domain),
    uri: row.uri === null ? null : String(row.uri),
    createdAt: Number(row.created_at),
  };
}

/** The reaction `id` names, or null when it is gone. */
export async function findReactionById(
  db: Queryable,
  id: string,
): Promise<StatusReactionRecord | null> {
  const row = await db.get('SELECT * FROM status_reactions WHERE id = ?', [id]);
  return row ? reactionFromRow(row) : null;
}

/** Whether the account still has a reaction to the status (with any emoji). */
export async function hasReactionTo(
  db: Queryable,
  accountId: string,
  statusId: string,
): Promise<boolean> {
  const row = await db.get(
    'SELECT 1 AS found FROM status_reactions WHERE account_id = ? AND status_id = ?',
    [accountId, statusId],
  );
  return row !== undefined;
}

/** The account's latest reaction to each status (what its reaction notification shows). */
export async function findLatestReactions(
  db: Queryable,
  pairs: readonly { accountId: string; statusId: string }[],
): Promise<StatusReactionRecord[]> {
  if (pairs.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM status_reactions
      WHERE ${pairs.map(() => '(account_id = ? AND status_id = ?)').join(' OR ')}
      ORDER BY id DESC`,
    pairs.flatMap((p) => [p.accountId, p.statusId]),
  );
  const latest = new Map<string, StatusReactionRecord>();
  for (const reaction of rows.map(reactionFromRow)) {
    const key = `${reaction.accountId}:${reaction.statusId}`;
    if (!latest.has(key)) latest.set(key, reaction);
  }
  return [...latest.values()];
}

/** Deletes the reactions `where` names and returns them. */
async function deleteReturning(
  db: Queryable,
  where: string,
  params: string[],
): Promise<StatusReactionRecord[]> {
  const rows = await db.all(`DELETE FROM status_reactions WHERE ${where} RETURNING *`, params);
  return rows.map(reactionFromRow);
}

/** Deletes the account's reaction made by the activity `uri`; the deleted one, if any. */
export async function takeReactionByUri(
  db: Queryable,
  accountId: string,
  uri: string,
): Promise<StatusReactionRecord | null> {
  return (await deleteReturning(db, 'account_id = ? AND uri = ?', [accountId, uri]))[0] ?? null;
}

/** Deletes the account's reaction `name` to the status; the deleted one, if any. */
export async function takeReaction(
  db: Queryable,
  accountId: string,
  statusId: string,
  name: string,
): Promise<StatusReactionRecord | null> {
  const deleted = await deleteReturning(db, 'account_id = ? AND status_id = ? AND name = ?', [
    accountId,
    statusId,
    name,
  ]);
  return deleted[0] ?? null;
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
