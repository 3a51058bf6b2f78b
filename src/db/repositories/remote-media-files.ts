/**
 * Reads and writes of `remote_media_files`: the cached copies of remote images other than
 * attachments (avatars, headers, emojis, preview card images), one per owner and kind.
 */
import { placeholders, type Queryable, type Row } from '../database.ts';

export interface RemoteMediaFileRecord {
  kind: string;
  ownerId: string;
  remoteUrl: string;
  fileKey: string;
  fileSize: number;
  cachedAt: number;
}

function fromRow(row: Row): RemoteMediaFileRecord {
  return {
    kind: String(row.kind),
    ownerId: String(row.owner_id),
    remoteUrl: String(row.remote_url),
    fileKey: String(row.file_key),
    fileSize: Number(row.file_size),
    cachedAt: Number(row.cached_at),
  };
}

export async function saveRemoteMediaFile(
  db: Queryable,
  record: RemoteMediaFileRecord,
): Promise<void> {
  await db.run(
    `INSERT INTO remote_media_files (kind, owner_id, remote_url, file_key, file_size, cached_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, owner_id) DO UPDATE SET remote_url = excluded.remote_url,
       file_key = excluded.file_key, file_size = excluded.file_size, cached_at = excluded.cached_at`,
    [
      record.kind,
      record.ownerId,
      record.remoteUrl,
      record.fileKey,
      record.fileSize,
      record.cachedAt,
    ],
  );
}

export async function findRemoteMediaFile(
  db: Queryable,
  kind: string,
  ownerId: string,
): Promise<RemoteMediaFileRecord | null> {
  const row = await db.get('SELECT * FROM remote_media_files WHERE kind = ? AND owner_id = ?', [
    kind,
    ownerId,
  ]);
  return row ? fromRow(row) : null;
}

/** The cached files of `kinds` for these owners. */
export async function findRemoteMediaFiles(
  db: Queryable,
  kinds: readonly string[],
  ownerIds: readonly string[],
): Promise<RemoteMediaFileRecord[]> {
  if (ownerIds.length === 0 || kinds.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM remote_media_files WHERE kind IN (${placeholders(kinds.length)})
       AND owner_id IN (${placeholders(ownerIds.length)})`,
    [...kinds, ...ownerIds],
  );
  return rows.map(fromRow);
}

export async function deleteRemoteMediaFile(
  db: Queryable,
  kind: string,
  ownerId: string,
): Promise<void> {
  await db.run('DELETE FROM remote_media_files WHERE kind = ? AND owner_id = ?', [kind, ownerId]);
}

/** Where a walk through cached files stopped: the last row seen. */
export interface CacheCursor {
  cachedAt: number;
  ownerId: string;
}

const afterCursor = (cursor: CacheCursor | null): [string, (string | number)[]] =>
  cursor
    ? [
        'AND (r.cached_at > ? OR (r.cached_at = ? AND r.owner_id > ?))',
        [cursor.cachedAt, cursor.cachedAt, cursor.ownerId],
      ]
    : ['', []];

/**
 * Cached files of `kind` fetched before `before`, oldest first, after `cursor`. For avatars
 * and headers, unless `includeFollows`, not those of accounts a local account follows
 * (Mastodon's `media remove --prune-profiles` keeps what local users see most).
 */
export async function findCachedFilesBefore(
  db: Queryable,
  kind: string,
  before: number,
  options: { includeFollows: boolean; cursor: CacheCursor | null; limit: number },
): Promise<RemoteMediaFileRecord[]> {
  const followed =
    options.includeFollows || (kind !== 'avatar' && kind !== 'header')
      ? ''
      : `AND NOT EXISTS (SELECT 1 FROM follows f JOIN accounts l ON l.id = f.account_id
           WHERE f.target_account_id = r.owner_id AND l.domain IS NULL)`;
  const [after, values] = afterCursor(options.cursor);
  const rows = await db.all(
    `SELECT r.* FROM remote_media_files r WHERE r.kind = ? AND r.cached_at < ? ${after} ${followed}
     ORDER BY r.cached_at, r.owner_id LIMIT ?`,
    [kind, before, ...values, options.limit],
  );
  return rows.map(fromRow);
}

export interface CacheUsage {
  kind: string;
  files: number;
  bytes: number;
}

/** Per kind, how many cached remote images there are and what they weigh. */
export async function remoteMediaUsage(db: Queryable): Promise<CacheUsage[]> {
  const rows = await db.all<{ kind: string; files: unknown; bytes: unknown }>(
    `SELECT kind, COUNT(*) AS files, COALESCE(SUM(file_size), 0) AS bytes
     FROM remote_media_files GROUP BY kind ORDER BY kind`,
  );
  return rows.map((r) => ({ kind: r.kind, files: Number(r.files), bytes: Number(r.bytes) }));
}
