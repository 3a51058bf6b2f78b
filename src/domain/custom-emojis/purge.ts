/**
 * PurgeCustomEmojis (`woolly emoji purge`): removes every custom emoji, or only the copies
 * of other servers' ones, with their files (unless something else uses them), in batches.
 */
import { findRemoteMediaFile } from '../../db/repositories/remote-media-files.ts';
import { deleteCustomEmoji, findEmojisToPurge } from '../../db/repositories/custom-emoji-files.ts';
import type { Deps } from '../context.ts';
import { removeUnusedFiles } from '../media-attachments/write-files.ts';
import { forget } from '../remote-media/cache-image.ts';

export async function purgeCustomEmojis(
  deps: Deps,
  options: { remoteOnly: boolean; onProgress?: (removed: number) => void },
): Promise<number> {
  let removed = 0;
  for (;;) {
    const page = await findEmojisToPurge(deps.db, options.remoteOnly, 200);
    for (const { emoji, imageKey, staticKey } of page) {
      await deleteCustomEmoji(deps.db, emoji.id);
      await removeUnusedFiles(deps.db, deps.media.storage, [imageKey, staticKey], '0');
      const cached = await findRemoteMediaFile(deps.db, 'emoji', emoji.id);
      if (cached) await forget(deps, 'emoji', emoji.id, cached.fileKey);
      removed += 1;
    }
    if (page.length > 0) options.onProgress?.(removed);
    if (page.length < 200) return removed;
  }
}
