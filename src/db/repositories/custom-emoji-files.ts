/**
 * The files of custom emojis (`custom_emojis.image_key`, `static_key`, migration 0036): the
 * writes of `woolly emoji import` and the reads of `export` and `purge`.
 */
import type { Queryable } from '../database.ts';
import { customEmojiFromRow, type CustomEmojiRecord } from './custom-emojis.ts';

export interface EmojiWithFiles {
  emoji: CustomEmojiRecord;
  imageKey: string | null;
  staticKey: string | null;
}

const withFiles = (row: Record<string, unknown>): EmojiWithFiles => ({
  emoji: customEmojiFromRow(row),
  imageKey: row.image_key === null || row.image_key === undefined ? null : String(row.image_key),
  staticKey:
    row.static_key === null || row.static_key === undefined ? null : String(row.static_key),
});

export async function findLocalEmojiWithFiles(
  db: Queryable,
  shortcode: string,
): Promise<EmojiWithFiles | null> {
  const row = await db.get('SELECT * FROM custom_emojis WHERE shortcode = ? AND domain IS NULL', [
    shortcode,
  ]);
  return row ? withFiles(row) : null;
}

/** Inserts a local emoji with its files. */
export async function insertLocalEmojiFiles(
  db: Queryable,
  emoji: CustomEmojiRecord,
  keys: { imageKey: string; staticKey: string },
): Promise<void> {
  await db.run(
    `INSERT INTO custom_emojis (id, shortcode, domain, uri, image_url, static_url, category,
       visible_in_picker, disabled, created_at, updated_at, image_key, static_key)
     VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, FALSE, ?, ?, ?, ?)`,
    [
      emoji.id,
      emoji.shortcode,
      emoji.imageUrl,
      emoji.staticUrl,
      emoji.category,
      emoji.visibleInPicker,
      emoji.createdAt,
      emoji.updatedAt,
      keys.imageKey,
      keys.staticKey,
    ],
  );
}

/** Replaces the image (and category) of an existing emoji. */
export async function replaceEmojiFiles(
  db: Queryable,
  id: string,
  changes: {
    imageUrl: string;
    staticUrl: string;
    category: string | null;
    imageKey: string;
    staticKey: string;
  },
  now: number,
): Promise<void> {
  await db.run(
    `UPDATE custom_emojis SET image_url = ?, static_url = ?, category = ?, image_key = ?,
       static_key = ?, updated_at = ? WHERE id = ?`,
    [
      changes.imageUrl,
      changes.staticUrl,
      changes.category,
      changes.imageKey,
      changes.staticKey,
      now,
      id,
    ],
  );
}

/** Every local emoji with its files, by shortcode (a page after `afterShortcode`). */
export async function listLocalEmojisWithFiles(
  db: Queryable,
  afterShortcode: string,
  limit: number,
): Promise<EmojiWithFiles[]> {
  const rows = await db.all(
    `SELECT * FROM custom_emojis WHERE domain IS NULL AND shortcode > ?
     ORDER BY shortcode LIMIT ?`,
    [afterShortcode, limit],
  );
  return rows.map(withFiles);
}

/** A page of emojis to purge: every one, or the remote ones only. */
export async function findEmojisToPurge(
  db: Queryable,
  remoteOnly: boolean,
  limit: number,
): Promise<EmojiWithFiles[]> {
  const rows = await db.all(
    `SELECT * FROM custom_emojis ${remoteOnly ? 'WHERE domain IS NOT NULL' : ''}
     ORDER BY id LIMIT ?`,
    [limit],
  );
  return rows.map(withFiles);
}

export async function deleteCustomEmoji(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM custom_emojis WHERE id = ?', [id]);
}
