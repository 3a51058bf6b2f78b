/**
 * Reads and writes of `tags` and `statuses_tags`. A tag's name is unique without regard to
 * case; the first spelling used is the one kept (Mastodon's `Tag.find_or_create_by_names`).
 */
import { placeholders, type Queryable, type Row } from '../database.ts';

export interface TagRecord {
  id: string;
  name: string;
  displayName: string | null;
  /** false when moderators forbid posting with the tag; null means not reviewed. */
  usable: boolean | null;
  trendable: boolean | null;
  listable: boolean | null;
  lastStatusAt: number | null;
  createdAt: number;
  updatedAt: number;
}

const boolOrNull = (v: unknown): boolean | null =>
  v === null || v === undefined ? null : Boolean(v);

export function tagFromRow(row: Row): TagRecord {
  return {
    id: String(row.id),
    name: String(row.name),
    displayName: row.display_name === null ? null : String(row.display_name),
    usable: boolOrNull(row.usable),
    trendable: boolOrNull(row.trendable),
    listable: boolOrNull(row.listable),
    lastStatusAt: row.last_status_at === null ? null : Number(row.last_status_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The tags among `names`, compared without case. */
export async function findTagsByNames(
  db: Queryable,
  names: readonly string[],
): Promise<TagRecord[]> {
  if (names.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM tags WHERE lower(name) IN (${placeholders(names.length)})`,
    names.map((n) => n.toLowerCase()),
  );
  return rows.map(tagFromRow);
}

/** Creates the tags that do not exist yet; a name someone else just created is left as is. */
export async function insertMissingTags(
  db: Queryable,
  tags: readonly { id: string; name: string }[],
  now: number,
): Promise<void> {
  for (const tag of tags) {
    await db.run(
      'INSERT INTO tags (id, name, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [tag.id, tag.name, now, now],
    );
  }
}

/** Makes `tagIds` the tags of the status, replacing whatever it had. */
export async function replaceStatusTags(
  db: Queryable,
  statusId: string,
  tagIds: readonly string[],
): Promise<void> {
  await db.run('DELETE FROM statuses_tags WHERE status_id = ?', [statusId]);
  await insertStatusTags(db, statusId, tagIds);
}

/** Gives a status that has none the tags `tagIds`. */
export async function insertStatusTags(
  db: Queryable,
  statusId: string,
  tagIds: readonly string[],
): Promise<void> {
  if (tagIds.length === 0) return;
  await db.run(
    `INSERT INTO statuses_tags (status_id, tag_id) VALUES ${tagIds.map(() => '(?, ?)').join(', ')}`,
    tagIds.flatMap((id) => [statusId, id]),
  );
}

/** Records that the tags were just used (`last_status_at`, for trends and suggestions). */
export async function touchTags(
  db: Queryable,
  tagIds: readonly string[],
  at: number,
): Promise<void> {
  if (tagIds.length === 0) return;
  await db.run(
    `UPDATE tags SET last_status_at = ?, updated_at = ? WHERE id IN (${placeholders(tagIds.length)})`,
    [at, at, ...tagIds],
  );
}

/** The tags of each status, by status id. */
export async function findTagsByStatusIds(
  db: Queryable,
  statusIds: readonly string[],
): Promise<Map<string, TagRecord[]>> {
  const byStatus = new Map<string, TagRecord[]>();
  if (statusIds.length === 0) return byStatus;
  const rows = await db.all(
    `SELECT st.status_id AS status_id, t.* FROM statuses_tags st JOIN tags t ON t.id = st.tag_id
      WHERE st.status_id IN (${placeholders(statusIds.length)}) ORDER BY t.name`,
    statusIds,
  );
  for (const row of rows) {
    const key = String(row.status_id);
    const list = byStatus.get(key) ?? [];
    list.push(tagFromRow(row));
    byStatus.set(key, list);
  }
  return byStatus;
}
