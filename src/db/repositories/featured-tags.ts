/** Reads and writes of `featured_tags`: the hashtags a person features on their profile. */
import type { Queryable, Row } from '../database.ts';

export interface FeaturedTagRecord {
  id: string;
  accountId: string;
  tagId: string;
  /** The spelling the person typed; null when featured from the tag itself. */
  name: string | null;
  createdAt: number;
}

function featuredTagFromRow(row: Row): FeaturedTagRecord {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    tagId: String(row.tag_id),
    name: row.name === null || row.name === undefined ? null : String(row.name),
    createdAt: Number(row.created_at),
  };
}

/** Features the tag unless already featured; true when this call inserted it. */
export async function insertFeaturedTag(db: Queryable, tag: FeaturedTagRecord): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO featured_tags (id, account_id, tag_id, name, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id, tag_id) DO NOTHING`,
    [tag.id, tag.accountId, tag.tagId, tag.name, tag.createdAt],
  );
  return result.changes === 1;
}

export async function findFeaturedTag(
  db: Queryable,
  accountId: string,
  tagId: string,
): Promise<FeaturedTagRecord | null> {
  const row = await db.get('SELECT * FROM featured_tags WHERE account_id = ? AND tag_id = ?', [
    accountId,
    tagId,
  ]);
  return row ? featuredTagFromRow(row) : null;
}

export async function findFeaturedTagById(
  db: Queryable,
  id: string,
): Promise<FeaturedTagRecord | null> {
  const row = await db.get('SELECT * FROM featured_tags WHERE id = ?', [id]);
  return row ? featuredTagFromRow(row) : null;
}

/** Every tag `accountId` features, oldest first. */
export async function listFeaturedTags(
  db: Queryable,
  accountId: string,
): Promise<FeaturedTagRecord[]> {
  const rows = await db.all('SELECT * FROM featured_tags WHERE account_id = ? ORDER BY id', [
    accountId,
  ]);
  return rows.map(featuredTagFromRow);
}

export async function countFeaturedTags(db: Queryable, accountId: string): Promise<number> {
  const row = await db.get<{ n: number }>(
    'SELECT COUNT(*) AS n FROM featured_tags WHERE account_id = ?',
    [accountId],
  );
  return Number(row?.n ?? 0);
}

export async function deleteFeaturedTag(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM featured_tags WHERE id = ?', [id]);
}

/** Changes the spelling a featured tag shows (a remote account's, as its server lists it). */
export async function updateFeaturedTagName(
  db: Queryable,
  id: string,
  name: string | null,
): Promise<void> {
  await db.run('UPDATE featured_tags SET name = ? WHERE id = ?', [name, id]);
}
