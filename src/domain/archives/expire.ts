/**
 * The daily removal of archives older than `backups_retention_period` days (Mastodon's
 * Vacuum::BackupsVacuum), with their files; unset keeps them forever. The file goes first,
 * so a crash between the two leaves a row whose removal is simply tried again. A deleted
 * account's archives go with it (`removeArchivesOfAccount`, on `account.deleting`).
 */
import {
  deleteArchive,
  findArchivesCreatedBefore,
  findArchivesOfUser,
} from '../../db/repositories/archives.ts';
import { findUserByAccountId } from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';
import { getRetentionSettings } from '../remote-media/retention-settings.ts';

const batch = 100;
const dayMs = 24 * 60 * 60 * 1000;

/** Removes the expired archives; returns how many, or null when archives are kept forever. */
export async function expireArchives(
  deps: Pick<Deps, 'db' | 'clock' | 'media'>,
): Promise<number | null> {
  const days = (await getRetentionSettings(deps)).backups_retention_period;
  if (days === null) return null;
  const before = deps.clock.now() - days * dayMs;
  let removed = 0;
  for (;;) {
    const page = await findArchivesCreatedBefore(deps.db, before, batch);
    for (const archive of page) {
      if (archive.fileKey) await deps.media.storage.delete(archive.fileKey);
      await deleteArchive(deps.db, archive.id);
      removed += 1;
    }
    if (page.length < batch) return removed;
  }
}

/** Removes every archive of the user of `accountId` with its file (the account is deleted). */
export async function removeArchivesOfAccount(
  deps: Pick<Deps, 'db' | 'media'>,
  accountId: string,
): Promise<number> {
  const user = await findUserByAccountId(deps.db, accountId);
  if (!user) return 0;
  const archives = await findArchivesOfUser(deps.db, user.id);
  for (const archive of archives) {
    if (archive.fileKey) await deps.media.storage.delete(archive.fileKey);
    await deleteArchive(deps.db, archive.id);
  }
  return archives.length;
}
