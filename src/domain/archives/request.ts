/**
 * "Request your archive" (Mastodon's BackupsController#create): at most one archive every
 * 7 days per user; the archive is built by the `archives.build` job on the default queue.
 *
 * @example const archive = await requestArchive(deps, user.id);
 */
import { AppError } from '../../core/errors.ts';
import {
  findArchivesOfUserForUpdate,
  insertArchive,
  type ArchiveRecord,
} from '../../db/repositories/archives.ts';
import type { Deps } from '../context.ts';

export const buildArchiveJob = 'archives.build';
export const archiveIntervalDays = 7;
const dayMs = 24 * 60 * 60 * 1000;

/** When the user may ask again, or null when they may now; a failed build does not count. */
export function nextArchiveAllowedAt(archives: readonly ArchiveRecord[]): number | null {
  const latest = archives.find((archive) => archive.failedAt === null);
  return latest ? latest.createdAt + archiveIntervalDays * dayMs : null;
}

export async function requestArchive(
  deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'queue'>,
  userId: string,
): Promise<ArchiveRecord> {
  const now = deps.clock.now();
  // In one transaction with the user locked, so two requests at once make one archive.
  const archive = await deps.db.transaction(async (tx) => {
    const archives = await findArchivesOfUserForUpdate(tx, deps.db.dialect, userId);
    const allowedAt = nextArchiveAllowedAt(archives);
    if (allowedAt !== null && now < allowedAt) {
      throw new AppError(
        429,
        `You can request an archive at most once every ${archiveIntervalDays} days`,
      );
    }
    const created: ArchiveRecord = {
      id: deps.ids.next(),
      userId,
      fileKey: null,
      fileSize: null,
      readyAt: null,
      failedAt: null,
      createdAt: now,
    };
    await insertArchive(tx, created);
    return created;
  });
  await deps.queue.enqueue(
    'default',
    buildArchiveJob,
    { archiveId: archive.id },
    { maxAttempts: 3 },
  );
  return archive;
}
