/**
 * Reads and writes of `preview_cards` (one per link, `url` unique) and
 * `preview_cards_statuses` (the card a post shows, with the link as the post had it).
 * `image_remote_url` is the image's address on its own server: the remote-media cache will
 * keep a local copy next to it.
 */
import { placeholders, type Queryable, type Row } from '../database.ts';

export type PreviewCardType = 'link' | 'photo' | 'video' | 'rich';

export interface PreviewCardRecord {
  id: string;
  url: string;
  title: string;
  description: string;
  type: PreviewCardType;
  language: string | null;
  authorName: string;
  authorUrl: string;
  providerName: string;
  providerUrl: string;
  html: string;
  width: number;
  height: number;
  imageRemoteUrl: string | null;
  imageDescription: string;
  embedUrl: string;
  blurhash: string | null;
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const optionalText = (v: unknown): string | null =>
  v === null || v === undefined ? null : String(v);

export function previewCardFromRow(row: Row): PreviewCardRecord {
  return {
    id: String(row.id),
    url: String(row.url),
    title: text(row.title),
    description: text(row.description),
    type: String(row.type) as PreviewCardType,
    language: optionalText(row.language),
    authorName: text(row.author_name),
    authorUrl: text(row.author_url),
    providerName: text(row.provider_name),
    providerUrl: text(row.provider_url),
    html: text(row.html),
    width: Number(row.width),
    height: Number(row.height),
    imageRemoteUrl: optionalText(row.image_remote_url),
    imageDescription: text(row.image_description),
    embedUrl: text(row.embed_url),
    blurhash: optionalText(row.blurhash),
    publishedAt:
      row.published_at === null || row.published_at === undefined ? null : Number(row.published_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function findCardByUrl(db: Queryable, url: string): Promise<PreviewCardRecord | null> {
  const row = await db.get('SELECT * FROM preview_cards WHERE url = ?', [url]);
  return row ? previewCardFromRow(row) : null;
}

/**
 * Stores the card of `card.url`, or refreshes the one already stored (keeping its id);
 * answers the stored card.
 */
export async function upsertCard(
  db: Queryable,
  card: PreviewCardRecord,
): Promise<PreviewCardRecord> {
  await db.run(
    `INSERT INTO preview_cards (id, url, title, description, type, language, author_name, author_url,
       provider_name, provider_url, html, width, height, image_remote_url, image_description,
       embed_url, blurhash, published_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (url) DO UPDATE SET title = excluded.title, description = excluded.description,
       type = excluded.type, language = excluded.language, author_name = excluded.author_name,
       author_url = excluded.author_url, provider_name = excluded.provider_name,
       provider_url = excluded.provider_url, html = excluded.html, width = excluded.width,
       height = excluded.height, image_remote_url = excluded.image_remote_url,
       image_description = excluded.image_description, embed_url = excluded.embed_url,
       published_at = excluded.published_at, updated_at = excluded.updated_at`,
    [
      card.id,
      card.url,
      card.title,
      card.description,
      card.type,
      card.language,
      card.authorName,
      card.authorUrl,
      card.providerName,
      card.providerUrl,
      card.html,
      card.width,
      card.height,
      card.imageRemoteUrl,
      card.imageDescription,
      card.embedUrl,
      card.blurhash,
      card.publishedAt,
      card.createdAt,
      card.updatedAt,
    ],
  );
  return (await findCardByUrl(db, card.url))!;
}

/** The post shows this card (replacing the one it showed). */
export async function linkCardToStatus(
  db: Queryable,
  statusId: string,
  cardId: string,
  url: string,
): Promise<void> {
  await db.run(
    `INSERT INTO preview_cards_statuses (status_id, preview_card_id, url) VALUES (?, ?, ?)
     ON CONFLICT (status_id) DO UPDATE SET preview_card_id = excluded.preview_card_id, url = excluded.url`,
    [statusId, cardId, url],
  );
}

export async function unlinkCardFromStatus(db: Queryable, statusId: string): Promise<void> {
  await db.run('DELETE FROM preview_cards_statuses WHERE status_id = ?', [statusId]);
}

/** The link a post's card was made for, if it has one. */
export async function cardLinkOfStatus(db: Queryable, statusId: string): Promise<string | null> {
  const row = await db.get<{ url: string }>(
    'SELECT url FROM preview_cards_statuses WHERE status_id = ?',
    [statusId],
  );
  return row?.url ?? null;
}

/** The cards of these posts, by status id. */
export async function findCardsByStatusIds(
  db: Queryable,
  statusIds: readonly string[],
): Promise<Map<string, PreviewCardRecord>> {
  if (statusIds.length === 0) return new Map();
  const rows = await db.all(
    `SELECT pcs.status_id AS card_status_id, pc.* FROM preview_cards_statuses pcs
       JOIN preview_cards pc ON pc.id = pcs.preview_card_id
      WHERE pcs.status_id IN (${placeholders(statusIds.length)})`,
    [...statusIds],
  );
  return new Map(rows.map((r) => [String(r.card_status_id), previewCardFromRow(r)]));
}

export async function findCardsByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<PreviewCardRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM preview_cards WHERE id IN (${placeholders(ids.length)})`,
    [...ids],
  );
  return rows.map(previewCardFromRow);
}
