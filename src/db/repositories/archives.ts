/** Reads and writes of `user_archives`: the archives users asked for and their zip files. */
import type { Queryable, Row } from '../database.ts';

export interface ArchiveRecord {
  id: string;
  userId: string;
  /** The zip's media storage key, once built. */
  fileKey: string | null;
  fileSize: number | null;
  readyAt: number | null;
  /** Set when the build failed its last attempt: no file, and not counted against the limit. */
  failedAt: number | null;
  createdAt: number;
}

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function archiveFromRow(row: Row): ArchiveRecord {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    fileKey: typeof row.file_key === 'string' ? row.file_key : null,
    fileSize: num(row.file_size),
    readyAt: num(row.ready_at),
    failedAt: num(row.failed_at),
    createdAt: Number(row.created_at),
  };
}

export async function insertArchive(
  db: Queryable,
  archive: Pick<ArchiveRecord, 'id' | 'userId' | 'createdAt'>,
): Promise<void> {
  await db.run('INSERT INTO user_archives (id, user_id, created_at) VALUES (?, ?, ?)', [
    archive.id,
    archive.userId,
    archive.createdAt,
  ]);
}

export async function findArchive(db: Queryable, id: string): Promise<ArchiveRecord | null> {
  const row = await db.get('SELECT * FROM user_archives WHERE id = ?', [id]);
  return row ? archiveFromRow(row) : null;
}

/** The archives of a user, newest first. */
export async function findArchivesOfUser(db: Queryable, userId: string): Promise<ArchiveRecord[]> {
  const rows = await db.all('SELECT * FROM user_archives WHERE user_id = ? ORDER BY id DESC', [
    userId,
  ]);
  return rows.map(archiveFromRow);
}

export async function markArchiveReady(
  db: Queryable,
  id: string,
  file: { fileKey: string; fileSize: number; readyAt: number },
): Promise<void> {
  await db.run('UPDATE user_archives SET file_key = ?, file_size = ?, ready_at = ? WHERE id = ?', [
    file.fileKey,
    file.fileSize,
    file.readyAt,
    id,
  ]);
}

/** Marks a build that failed for good; an archive built meanwhile stays ready. */
export async function markArchiveFailed(
  db: Queryable,
  id: string,
  failedAt: number,
): Promise<void> {
  await db.run('UPDATE user_archives SET failed_at = ? WHERE id = ? AND file_key IS NULL', [
    failedAt,
    id,
  ]);
}

/** Up to `limit` archives asked for before `before` (ms), oldest first. */
export async function findArchivesCreatedBefore(
  db: Queryable,
  before: number,
  limit: number,
): Promise<ArchiveRecord[]> {
  const rows = await db.all(
    'SELECT * FROM user_archives WHERE created_at < ? ORDER BY created_at, id LIMIT ?',
    [before, limit],
  );
  return rows.map(archiveFromRow);
}

export async function deleteArchive(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM user_archives WHERE id = ?', [id]);
}

/** Files and bytes of the built archives (`woolly media usage`). */
export async function archiveUsage(db: Queryable): Promise<{ files: number; bytes: number }> {
  const row = await db.get<{ n: unknown; bytes: unknown }>(
    'SELECT COUNT(*) AS n, COALESCE(SUM(file_size), 0) AS bytes FROM user_archives WHERE file_key IS NOT NULL',
  );
  return { files: Number(row?.n ?? 0), bytes: Number(row?.bytes ?? 0) };
}

/**
 * The archives of a user, newest first, with the user locked against a concurrent request
 * until the transaction ends (PostgreSQL's `FOR UPDATE`; SQLite's write transactions already
 * run one at a time).
 */
export async function findArchivesOfUserForUpdate(
  db: Queryable,
  dialect: 'sqlite' | 'postgres',
  userId: string,
): Promise<ArchiveRecord[]> {
  if (dialect === 'postgres')
    await db.get('SELECT id FROM users WHERE id = ? FOR UPDATE', [userId]);
  return findArchivesOfUser(db, userId);
}
