/**
 * Reads and writes of `announcements`, who dismissed them (`announcement_dismissals`) and who
 * reacted with what (`announcement_reactions`).
 */
import { placeholders, type Queryable, type Row } from '../database.ts';
import { customEmojiFromRow, type CustomEmojiRecord } from './custom-emojis.ts';

export interface AnnouncementRecord {
  id: string;
  text: string;
  published: boolean;
  allDay: boolean;
  startsAt: number | null;
  endsAt: number | null;
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface ReactionCount {
  announcementId: string;
  name: string;
  count: number;
  /** The custom emoji reacted with; null for a Unicode emoji. */
  customEmojiId: string | null;
}

const optionalNumber = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

function announcementFromRow(row: Row): AnnouncementRecord {
  return {
    id: String(row.id),
    text: String(row.text),
    published: Boolean(row.published),
    allDay: Boolean(row.all_day),
    startsAt: optionalNumber(row.starts_at),
    endsAt: optionalNumber(row.ends_at),
    publishedAt: optionalNumber(row.published_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertAnnouncement(db: Queryable, a: AnnouncementRecord): Promise<void> {
  await db.run(
    `INSERT INTO announcements (id, text, published, all_day, starts_at, ends_at, published_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      a.id,
      a.text,
      a.published,
      a.allDay,
      a.startsAt,
      a.endsAt,
      a.publishedAt,
      a.createdAt,
      a.updatedAt,
    ],
  );
}

export async function updateAnnouncementRow(db: Queryable, a: AnnouncementRecord): Promise<void> {
  await db.run(
    `UPDATE announcements SET text = ?, published = ?, all_day = ?, starts_at = ?, ends_at = ?,
       published_at = ?, updated_at = ? WHERE id = ?`,
    [a.text, a.published, a.allDay, a.startsAt, a.endsAt, a.publishedAt, a.updatedAt, a.id],
  );
}

export async function deleteAnnouncementRow(db: Queryable, id: string): Promise<boolean> {
  return (await db.run('DELETE FROM announcements WHERE id = ?', [id])).changes > 0;
}

export async function findAnnouncement(
  db: Queryable,
  id: string,
): Promise<AnnouncementRecord | null> {
  const row = await db.get('SELECT * FROM announcements WHERE id = ?', [id]);
  return row ? announcementFromRow(row) : null;
}

/**
 * Announcements in Mastodon's `chronological` order: by when they start, else when they were
 * published, else created; only the published ones unless `all`.
 */
export async function listAnnouncements(
  db: Queryable,
  options: { publishedOnly: boolean },
): Promise<AnnouncementRecord[]> {
  const rows = await db.all(
    `SELECT * FROM announcements ${options.publishedOnly ? 'WHERE published = TRUE' : ''}
      ORDER BY COALESCE(starts_at, published_at, created_at), id`,
  );
  return rows.map(announcementFromRow);
}

/** Which of `ids` the account dismissed. */
export async function findDismissed(
  db: Queryable,
  accountId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.all<{ announcement_id: unknown }>(
    `SELECT announcement_id FROM announcement_dismissals
      WHERE account_id = ? AND announcement_id IN (${placeholders(ids.length)})`,
    [accountId, ...ids],
  );
  return new Set(rows.map((r) => String(r.announcement_id)));
}

export async function insertDismissal(
  db: Queryable,
  announcementId: string,
  accountId: string,
  now: number,
): Promise<void> {
  await db.run(
    `INSERT INTO announcement_dismissals (announcement_id, account_id, created_at) VALUES (?, ?, ?)
     ON CONFLICT (announcement_id, account_id) DO NOTHING`,
    [announcementId, accountId, now],
  );
}

/** Whether a new reaction was stored (false: the account had already reacted so). */
export async function insertReaction(
  db: Queryable,
  r: { announcementId: string; accountId: string; name: string; customEmojiId: string | null },
  now: number,
): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO announcement_reactions (announcement_id, account_id, name, custom_emoji_id, created_at)
     VALUES (?, ?, ?, ?, ?) ON CONFLICT (announcement_id, account_id, name) DO NOTHING`,
    [r.announcementId, r.accountId, r.name, r.customEmojiId, now],
  );
  return result.changes > 0;
}

export async function deleteReaction(
  db: Queryable,
  announcementId: string,
  accountId: string,
  name: string,
): Promise<boolean> {
  const result = await db.run(
    'DELETE FROM announcement_reactions WHERE announcement_id = ? AND account_id = ? AND name = ?',
    [announcementId, accountId, name],
  );
  return result.changes > 0;
}

/** The distinct reaction names of an announcement (Mastodon allows a few per announcement). */
export async function reactionNames(db: Queryable, announcementId: string): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    'SELECT DISTINCT name FROM announcement_reactions WHERE announcement_id = ?',
    [announcementId],
  );
  return rows.map((r) => r.name);
}

/** Reaction counts per announcement and name, in the order each name was first used. */
export async function countReactions(
  db: Queryable,
  ids: readonly string[],
): Promise<ReactionCount[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<Row>(
    `SELECT announcement_id, name, MAX(custom_emoji_id) AS custom_emoji_id, COUNT(*) AS n,
            MIN(created_at) AS first
       FROM announcement_reactions WHERE announcement_id IN (${placeholders(ids.length)})
      GROUP BY announcement_id, name ORDER BY first, name`,
    [...ids],
  );
  return rows.map((r) => ({
    announcementId: String(r.announcement_id),
    name: String(r.name),
    count: Number(r.n),
    customEmojiId:
      r.custom_emoji_id === null || r.custom_emoji_id === undefined
        ? null
        : String(r.custom_emoji_id),
  }));
}

/** The names the account reacted with, per announcement. */
export async function ownReactions(
  db: Queryable,
  accountId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.all<{ announcement_id: unknown; name: string }>(
    `SELECT announcement_id, name FROM announcement_reactions
      WHERE account_id = ? AND announcement_id IN (${placeholders(ids.length)})`,
    [accountId, ...ids],
  );
  return new Set(rows.map((r) => `${String(r.announcement_id)} ${r.name}`));
}

/** The custom emojis with these ids (those reacted with). */
export async function findEmojisByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<CustomEmojiRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM custom_emojis WHERE id IN (${placeholders(ids.length)})`,
    [...ids],
  );
  return rows.map(customEmojiFromRow);
}
