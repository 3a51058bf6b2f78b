/** Reads and writes of `tag_follows`: the hashtags whose posts reach a person's home feed. */
import type { Queryable } from '../database.ts';

export async function insertTagFollow(
  db: Queryable,
  follow: { id: string; accountId: string; tagId: string; createdAt: number },
): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO tag_follows (id, account_id, tag_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, tag_id) DO NOTHING`,
    [follow.id, follow.accountId, follow.tagId, follow.createdAt],
  );
  return result.changes === 1;
}

export async function deleteTagFollow(
  db: Queryable,
  accountId: string,
  tagId: string,
): Promise<boolean> {
  const result = await db.run('DELETE FROM tag_follows WHERE account_id = ? AND tag_id = ?', [
    accountId,
    tagId,
  ]);
  return result.changes > 0;
}
