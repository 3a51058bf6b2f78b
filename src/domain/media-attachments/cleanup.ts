/**
 * Mastodon's MediaCleanupScheduler: uploads that were never attached to a post within a day
 * are removed, with their files (unless another attachment or a profile shares them), so
 * abandoned drafts do not fill the storage. Run daily by the scheduler; each run works in
 * batches until none is left.
 */
import {
  deleteMediaAttachment,
  findOrphanedMedia,
} from '../../db/repositories/media-attachments.ts';
import type { Deps } from '../context.ts';
import { removeUnusedFiles } from './write-files.ts';

export const orphanedMediaAgeMs = 24 * 60 * 60 * 1000;
const batch = 100;

/** Removes the orphaned uploads; returns how many. */
export async function removeOrphanedMedia(deps: Deps): Promise<number> {
  const before = deps.clock.now() - orphanedMediaAgeMs;
  let removed = 0;
  for (;;) {
    const orphans = await findOrphanedMedia(deps.db, before, batch);
    for (const media of orphans) {
      await deleteMediaAttachment(deps.db, media.id);
      await removeUnusedFiles(
        deps.db,
        deps.media.storage,
        [media.fileKey, media.previewKey, media.thumbnailKey, media.incomingKey],
        media.id,
      );
      removed += 1;
    }
    if (orphans.length < batch) return removed;
  }
}
