/** Writes of remote custom emojis (rows of `custom_emojis` with a domain; visible in the picker, as Mastodon stores them, though the picker lists only local ones). */
import type { Queryable } from '../database.ts';

/** Inserts the emoji, or points a known one at its new image; true when a row changed. */
export async function upsertRemoteEmoji(
  db: Queryable,
  emoji: { id: string; shortcode: string; domain: string; uri: string | null; imageUrl: string },
  now: number,
): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO custom_emojis (id, shortcode, domain, uri, image_url, static_url, category,
       visible_in_picker, disabled, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, TRUE, FALSE, ?, ?)
     ON CONFLICT (shortcode, COALESCE(domain, '')) DO UPDATE
       SET uri = excluded.uri, image_url = excluded.image_url, static_url = excluded.static_url,
           updated_at = excluded.updated_at
       WHERE custom_emojis.image_url <> excluded.image_url`,
    [emoji.id, emoji.shortcode, emoji.domain, emoji.uri, emoji.imageUrl, emoji.imageUrl, now, now],
  );
  return result.changes > 0;
}
