/**
 * Builds a requested archive (Mastodon's BackupService): a zip with the documents the
 * federation layer gives (outbox, actor, likes, bookmarks) and the media they point to,
 * written to media storage under `backups/` as a private file, then marks it ready and
 * emits `archive.ready` (the mail with the download link). Running it again for an archive
 * already built does nothing. A failed attempt removes what it wrote; after the last one the
 * job calls `failArchiveBuild`, and the page shows the archive as failed.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { findAccountById } from '../../db/repositories/accounts.ts';
import {
  findArchive,
  markArchiveFailed,
  markArchiveReady,
} from '../../db/repositories/archives.ts';
import { findUserById } from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';
import { withTempDir } from '../media-attachments/temp-files.ts';
import type { ArchiveContentsOf } from './ports.ts';
import { writeZip, type ZipEntry } from './zip.ts';

export const archiveKeyPrefix = 'backups/';

/** `backups/<id>/archive-20261101120000-<id>.zip`, as Mastodon names the file. */
export function archiveFileName(archiveId: string, createdAt: number): string {
  const stamp = new Date(createdAt)
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14);
  return `archive-${stamp}-${archiveId}.zip`;
}

export async function buildArchive(
  deps: Deps,
  archiveId: string,
  contentsOf: ArchiveContentsOf,
): Promise<void> {
  const archive = await findArchive(deps.db, archiveId);
  if (!archive || archive.fileKey) return; // expired meanwhile, or built by an earlier try
  const user = await findUserById(deps.db, archive.userId);
  const account = user ? await findAccountById(deps.db, user.accountId) : null;
  if (!account) return;
  const contents = await contentsOf(account);
  const mtime = new Date(deps.clock.now());
  const storage = deps.media.storage;
  async function* entries(): AsyncIterable<ZipEntry> {
    for (const [path, document] of Object.entries(contents.documents)) {
      yield { path, body: Buffer.from(JSON.stringify(document)), mtime };
    }
    for (const key of new Set(contents.files)) {
      const file = await storage.get(key);
      // A file gone from storage (evicted, removed by hand) is left out, not fatal.
      if (file) yield { path: key, body: file.body, mtime };
    }
  }
  const fileKey = `${archiveKeyPrefix}${archive.id}/${archiveFileName(archive.id, archive.createdAt)}`;
  try {
    const fileSize = await withTempDir(async (dir) => {
      const path = join(dir, 'archive.zip');
      await writeZip(path, entries());
      const { size } = await stat(path);
      await storage.put(fileKey, { path, size }, 'application/zip', { private: true });
      return size;
    });
    await markArchiveReady(deps.db, archive.id, { fileKey, fileSize, readyAt: deps.clock.now() });
  } catch (error) {
    // Whatever reached storage before the failure (a write that failed on its answer) goes:
    // the next attempt writes it again, and a build that fails for good leaves no file.
    await storage.delete(fileKey);
    throw error;
  }
  await deps.events.emit('archive.ready', { userId: archive.userId, archiveId: archive.id });
}

/** The build failed its last attempt: shown as failed, no longer counted against the limit. */
export async function failArchiveBuild(
  deps: Pick<Deps, 'db' | 'clock'>,
  archiveId: string,
): Promise<void> {
  await markArchiveFailed(deps.db, archiveId, deps.clock.now());
}
