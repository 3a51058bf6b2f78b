/** Reads and writes of `media_attachments`: uploads and the files made from them. */
import { placeholders, type Queryable, type Row } from '../database.ts';

export type MediaProcessing = 'queued' | 'in_progress' | 'complete' | 'failed';

export interface MediaAttachmentRecord {
  id: string;
  accountId: string | null;
  statusId: string | null;
  scheduledStatusId: string | null;
  type: 'image' | 'gifv' | 'video' | 'audio' | 'unknown';
  processing: MediaProcessing;
  fileKey: string | null;
  fileContentType: string | null;
  fileSize: number | null;
  previewKey: string | null;
  /** A still the author uploaded (PUT thumbnail); shown instead of the generated preview. */
  thumbnailKey: string | null;
  /** The upload as received, kept only until the processing job has run. */
  incomingKey: string | null;
  incomingContentType: string | null;
  /** Mastodon's file_meta (JSON). */
  meta: Record<string, unknown>;
  description: string;
  blurhash: string | null;
  remoteUrl: string;
  /** Why processing failed, for the log and the 422; null otherwise. */
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function mediaAttachmentFromRow(row: Row): MediaAttachmentRecord {
  return {
    id: String(row.id),
    accountId: str(row.account_id),
    statusId: str(row.status_id),
    scheduledStatusId: str(row.scheduled_status_id),
    type: String(row.type) as MediaAttachmentRecord['type'],
    processing: String(row.processing) as MediaProcessing,
    fileKey: str(row.file_key),
    fileContentType: str(row.file_content_type),
    fileSize: row.file_size === null || row.file_size === undefined ? null : Number(row.file_size),
    previewKey: str(row.preview_key),
    thumbnailKey: str(row.thumbnail_key),
    incomingKey: str(row.incoming_key),
    incomingContentType: str(row.incoming_content_type),
    meta: JSON.parse(String(row.meta)) as Record<string, unknown>,
    description: String(row.description),
    blurhash: str(row.blurhash),
    remoteUrl: String(row.remote_url),
    error: str(row.error),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

const columns = [
  ['id', (r: MediaAttachmentRecord) => r.id],
  ['account_id', (r: MediaAttachmentRecord) => r.accountId],
  ['status_id', (r: MediaAttachmentRecord) => r.statusId],
  ['scheduled_status_id', (r: MediaAttachmentRecord) => r.scheduledStatusId],
  ['type', (r: MediaAttachmentRecord) => r.type],
  ['processing', (r: MediaAttachmentRecord) => r.processing],
  ['file_key', (r: MediaAttachmentRecord) => r.fileKey],
  ['file_content_type', (r: MediaAttachmentRecord) => r.fileContentType],
  ['file_size', (r: MediaAttachmentRecord) => r.fileSize],
  ['preview_key', (r: MediaAttachmentRecord) => r.previewKey],
  ['thumbnail_key', (r: MediaAttachmentRecord) => r.thumbnailKey],
  ['incoming_key', (r: MediaAttachmentRecord) => r.incomingKey],
  ['incoming_content_type', (r: MediaAttachmentRecord) => r.incomingContentType],
  ['meta', (r: MediaAttachmentRecord) => JSON.stringify(r.meta)],
  ['description', (r: MediaAttachmentRecord) => r.description],
  ['blurhash', (r: MediaAttachmentRecord) => r.blurhash],
  ['remote_url', (r: MediaAttachmentRecord) => r.remoteUrl],
  ['error', (r: MediaAttachmentRecord) => r.error],
  ['created_at', (r: MediaAttachmentRecord) => r.createdAt],
  ['updated_at', (r: MediaAttachmentRecord) => r.updatedAt],
] as const;

export async function insertMediaAttachment(
  db: Queryable,
  record: MediaAttachmentRecord,
): Promise<void> {
  await db.run(
    `INSERT INTO media_attachments (${columns.map(([c]) => c).join(', ')}) VALUES (${placeholders(columns.length)})`,
    columns.map(([, value]) => value(record)),
  );
}

/** Writes every column but the id and the owner from `record`. */
export async function saveMediaAttachment(
  db: Queryable,
  record: MediaAttachmentRecord,
): Promise<void> {
  const changed = columns.filter(([c]) => c !== 'id' && c !== 'account_id');
  await db.run(
    `UPDATE media_attachments SET ${changed.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`,
    [...changed.map(([, value]) => value(record)), record.id],
  );
}

export async function findMediaAttachment(
  db: Queryable,
  id: string,
): Promise<MediaAttachmentRecord | null> {
  if (!/^[0-9]{1,19}$/.test(id)) return null;
  const row = await db.get('SELECT * FROM media_attachments WHERE id = ?', [id]);
  return row ? mediaAttachmentFromRow(row) : null;
}

export async function findMediaAttachmentsByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<MediaAttachmentRecord[]> {
  const valid = ids.filter((id) => /^[0-9]{1,19}$/.test(id));
  if (valid.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM media_attachments WHERE id IN (${placeholders(valid.length)})`,
    valid,
  );
  return rows.map(mediaAttachmentFromRow);
}

/** The attachments of each status, in the order they were uploaded (Mastodon's order by id). */
export async function findMediaByStatusIds(
  db: Queryable,
  statusIds: readonly string[],
): Promise<MediaAttachmentRecord[]> {
  if (statusIds.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM media_attachments WHERE status_id IN (${placeholders(statusIds.length)}) ORDER BY id`,
    statusIds,
  );
  return rows.map(mediaAttachmentFromRow);
}

/** Points the attachments at `statusId` (and off any scheduled post). */
export async function attachMediaToStatus(
  db: Queryable,
  ids: readonly string[],
  statusId: string,
  now: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db.run(
    `UPDATE media_attachments SET status_id = ?, scheduled_status_id = NULL, updated_at = ? WHERE id IN (${placeholders(ids.length)})`,
    [statusId, now, ...ids],
  );
}

export async function attachMediaToScheduledStatus(
  db: Queryable,
  ids: readonly string[],
  scheduledStatusId: string,
  now: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db.run(
    `UPDATE media_attachments SET scheduled_status_id = ?, updated_at = ? WHERE id IN (${placeholders(ids.length)})`,
    [scheduledStatusId, now, ...ids],
  );
}

/** Detaches from `statusId` every attachment not in `keep` (an edit that removes media). */
export async function detachMediaFromStatus(
  db: Queryable,
  statusId: string,
  keep: readonly string[],
  now: number,
): Promise<void> {
  const except = keep.length > 0 ? ` AND id NOT IN (${placeholders(keep.length)})` : '';
  await db.run(
    `UPDATE media_attachments SET status_id = NULL, updated_at = ? WHERE status_id = ?${except}`,
    [now, statusId, ...keep],
  );
}

/** Whether any attachment other than `exceptId` still uses `key` (content-addressed files are shared). */
export async function isMediaKeyInUse(
  db: Queryable,
  key: string,
  exceptId: string,
): Promise<boolean> {
  const row = await db.get(
    `SELECT 1 AS used FROM media_attachments
     WHERE id <> ? AND (file_key = ? OR preview_key = ? OR thumbnail_key = ?)
     UNION ALL SELECT 1 AS used FROM accounts WHERE avatar_key = ? OR header_key = ?
     UNION ALL SELECT 1 AS used FROM remote_media_files WHERE file_key = ?
     UNION ALL SELECT 1 AS used FROM custom_emojis WHERE image_key = ? OR static_key = ?
     LIMIT 1`,
    [exceptId, key, key, key, key, key, key, key, key],
  );
  return row !== undefined;
}

export async function deleteMediaAttachment(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM media_attachments WHERE id = ?', [id]);
}

/** Uploads never attached to a post (nor a scheduled one), made before `before`, oldest first. */
export async function findOrphanedMedia(
  db: Queryable,
  before: number,
  limit: number,
): Promise<MediaAttachmentRecord[]> {
  const rows = await db.all(
    `SELECT * FROM media_attachments
     WHERE status_id IS NULL AND scheduled_status_id IS NULL AND created_at < ?
     ORDER BY id LIMIT ?`,
    [before, limit],
  );
  return rows.map(mediaAttachmentFromRow);
}

export interface MediaUsage {
  attachments: number;
  /** Bytes of the processed originals, counting a shared file once. */
  bytes: number;
}

/** How many uploads there are and how much their (deduplicated) originals weigh. */
export async function mediaUsage(db: Queryable): Promise<MediaUsage> {
  const row = await db.get<{ attachments: unknown }>(
    'SELECT COUNT(*) AS attachments FROM media_attachments',
  );
  const bytes = await db.get<{ bytes: unknown }>(
    `SELECT COALESCE(SUM(file_size), 0) AS bytes FROM (
       SELECT file_key, MAX(file_size) AS file_size FROM media_attachments
       WHERE file_key IS NOT NULL GROUP BY file_key) AS files`,
  );
  return { attachments: Number(row?.attachments ?? 0), bytes: Number(bytes?.bytes ?? 0) };
}

/**
 * Which of `keys` a row still names (an attachment's files, an avatar or header, a cached
 * remote image, a user archive): what the orphan sweep must keep.
 */
export async function findReferencedMediaKeys(
  db: Queryable,
  keys: readonly string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const list = placeholders(keys.length);
  const rows = await db.all<{ k: string }>(
    `SELECT file_key AS k FROM media_attachments WHERE file_key IN (${list})
     UNION SELECT preview_key AS k FROM media_attachments WHERE preview_key IN (${list})
     UNION SELECT thumbnail_key AS k FROM media_attachments WHERE thumbnail_key IN (${list})
     UNION SELECT incoming_key AS k FROM media_attachments WHERE incoming_key IN (${list})
     UNION SELECT avatar_key AS k FROM accounts WHERE avatar_key IN (${list})
     UNION SELECT header_key AS k FROM accounts WHERE header_key IN (${list})
     UNION SELECT file_key AS k FROM remote_media_files WHERE file_key IN (${list})
     UNION SELECT image_key AS k FROM custom_emojis WHERE image_key IN (${list})
     UNION SELECT static_key AS k FROM custom_emojis WHERE static_key IN (${list})
     UNION SELECT file_key AS k FROM user_archives WHERE file_key IN (${list})`,
    Array.from({ length: 10 }, () => keys).flat(),
  );
  return new Set(rows.map((r) => String(r.k)));
}

/**
 * Remote attachments whose files are cached, made before `before`, by id after `afterId`:
 * what the media cache retention evicts.
 */
export async function findCachedRemoteMedia(
  db: Queryable,
  before: number,
  afterId: string,
  limit: number,
): Promise<MediaAttachmentRecord[]> {
  const rows = await db.all(
    `SELECT * FROM media_attachments
     WHERE remote_url <> '' AND file_key IS NOT NULL AND created_at < ? AND id > ?
     ORDER BY id LIMIT ?`,
    [before, afterId, limit],
  );
  return rows.map(mediaAttachmentFromRow);
}

/** Cached remote attachments: how many, and what their (deduplicated) originals weigh. */
export async function remoteCacheUsage(db: Queryable): Promise<MediaUsage> {
  const row = await db.get<{ bytes: unknown }>(
    `SELECT COALESCE(SUM(file_size), 0) AS bytes FROM (
       SELECT file_key, MAX(file_size) AS file_size FROM media_attachments
       WHERE remote_url <> '' AND file_key IS NOT NULL GROUP BY file_key) AS files`,
  );
  const count = await db.get<{ n: unknown }>(
    "SELECT COUNT(*) AS n FROM media_attachments WHERE remote_url <> '' AND file_key IS NOT NULL",
  );
  return { attachments: Number(count?.n ?? 0), bytes: Number(row?.bytes ?? 0) };
}
