/** Reads and writes of `favourites`: which account liked which status. */
import type { Queryable } from '../database.ts';

export interface FavouriteRecord {
  id: string;
  accountId: string;
  statusId: string;
  /** The ActivityPub `Like` id of a remote favourite; null for local ones. */
  uri: string | null;
  createdAt: number;
}

/** Inserts the favourite unless the account already favourited the status; true when inserted. */
export async function insertFavourite(db: Queryable, favourite: FavouriteRecord): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO favourites (id, account_id, status_id, uri, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id, status_id) DO NOTHING`,
    [favourite.id, favourite.accountId, favourite.statusId, favourite.uri, favourite.createdAt],
  );
  return result.changes === 1;
}

/** Deletes the account's favourite of the status; true when there was one. */
export async function deleteFavourite(
  db: Queryable,
  accountId: string,
  statusId: string,
): Promise<boolean> {
  const result = await db.run('DELETE FROM favourites WHERE account_id = ? AND status_id = ?', [
    accountId,
    statusId,
  ]);
  return result.changes > 0;
}
