/** Reads and writes of `custom_emojis`: local emojis (domain null) and remote ones. */
import type { Queryable, Row } from '../database.ts';

export interface CustomEmojiRecord {
  id: string;
  shortcode: string;
  /** null for a local emoji. */
  domain: string | null;
  uri: string | null;
  imageUrl: string;
  staticUrl: string;
  category: string | null;
  visibleInPicker: boolean;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export function customEmojiFromRow(row: Row): CustomEmojiRecord {
  return {
    id: String(row.id),
    shortcode: String(row.shortcode),
    domain: row.domain === null || row.domain === undefined ? null : String(row.domain),
    uri: row.uri === null || row.uri === undefined ? null : String(row.uri),
    imageUrl: String(row.image_url),
    staticUrl: String(row.static_url),
    category: row.category === null || row.category === undefined ? null : String(row.category),
    visibleInPicker: Boolean(row.visible_in_picker),
    disabled: Boolean(row.disabled),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertCustomEmoji(db: Queryable, emoji: CustomEmojiRecord): Promise<void> {
  await db.run(
    `INSERT INTO custom_emojis (id, shortcode, domain, uri, image_url, static_url, category, visible_in_picker, disabled, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      emoji.id,
      emoji.shortcode,
      emoji.domain,
      emoji.uri,
      emoji.imageUrl,
      emoji.staticUrl,
      emoji.category,
      emoji.visibleInPicker,
      emoji.disabled,
      emoji.createdAt,
      emoji.updatedAt,
    ],
  );
}

/** Local emojis people can pick (Mastodon's `CustomEmoji.listed`), by shortcode. */
export async function listPickableLocalEmojis(db: Queryable): Promise<CustomEmojiRecord[]> {
  const rows = await db.all(
    `SELECT * FROM custom_emojis
      WHERE domain IS NULL AND disabled = FALSE AND visible_in_picker = TRUE
      ORDER BY lower(shortcode), id`,
  );
  return rows.map(customEmojiFromRow);
}

/** The enabled emojis of one server (`domain` null: this one) with these shortcodes. */
export async function findEnabledEmojis(
  db: Queryable,
  domain: string | null,
  shortcodes: readonly string[],
): Promise<CustomEmojiRecord[]> {
  if (shortcodes.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM custom_emojis
      WHERE COALESCE(lower(domain), '') = COALESCE(lower(?), '') AND disabled = FALSE
        AND shortcode IN (${shortcodes.map(() => '?').join(', ')})`,
    [domain, ...shortcodes],
  );
  return rows.map(customEmojiFromRow);
}

export async function findCustomEmojiByShortcode(
  db: Queryable,
  shortcode: string,
  domain: string | null,
): Promise<CustomEmojiRecord | null> {
  const row = await db.get(
    "SELECT * FROM custom_emojis WHERE shortcode = ? AND COALESCE(domain, '') = COALESCE(?, '')",
    [shortcode, domain],
  );
  return row ? customEmojiFromRow(row) : null;
}

/** A local emoji by id, unless it is disabled (what `/emojis/:id` serves). */
export async function findEnabledLocalEmojiById(
  db: Queryable,
  id: string,
): Promise<CustomEmojiRecord | null> {
  const row = await db.get(
    'SELECT * FROM custom_emojis WHERE id = ? AND domain IS NULL AND disabled = FALSE',
    [id],
  );
  return row ? customEmojiFromRow(row) : null;
}
