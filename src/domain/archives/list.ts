/**
 * A user's archives as the export page lists them, and the download of one: only its owner
 * gets it; anyone else, or an archive not built yet or expired, is a 404.
 */
import { AppError } from '../../core/errors.ts';
import {
  findArchive,
  findArchivesOfUser,
  type ArchiveRecord,
} from '../../db/repositories/archives.ts';
import type { Deps } from '../context.ts';
import type { FileStream } from '../media-attachments/ports.ts';

export function listArchives(deps: Pick<Deps, 'db'>, userId: string): Promise<ArchiveRecord[]> {
  return findArchivesOfUser(deps.db, userId);
}

export async function openArchive(
  deps: Pick<Deps, 'db' | 'media'>,
  userId: string,
  archiveId: string,
): Promise<{ archive: ArchiveRecord; file: FileStream }> {
  const archive = /^\d{1,20}$/.test(archiveId) ? await findArchive(deps.db, archiveId) : null;
  const file =
    archive && archive.userId === userId && archive.fileKey
      ? await deps.media.storage.read(archive.fileKey)
      : null;
  if (!archive || !file) throw new AppError(404, 'Record not found');
  return { archive, file };
}
