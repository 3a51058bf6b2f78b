/**
 * UpdateMedia: PUT /api/v1/media/:id changes the description, the focal point or the custom
 * thumbnail of one's own unattached upload. The replaced thumbnail file goes unless another
 * upload shares it.
 */
import {
  saveMediaAttachment,
  type MediaAttachmentRecord,
} from '../../db/repositories/media-attachments.ts';
import type { Deps } from '../context.ts';
import { checkDescription, parseFocus } from './attributes.ts';
import { findOwnMedia } from './own-media.ts';
import { makeThumbnail } from './thumbnail.ts';
import { removeUnusedFiles } from './write-files.ts';

export interface MediaChanges {
  description?: string;
  focus?: string;
  thumbnail?: Buffer | null;
}

export async function updateMedia(
  deps: Deps,
  accountId: string,
  id: string,
  changes: MediaChanges,
): Promise<MediaAttachmentRecord> {
  const record = await findOwnMedia(deps, accountId, id);
  const description = checkDescription(changes.description);
  const focus = parseFocus(changes.focus);
  const thumbnailKey =
    changes.thumbnail && changes.thumbnail.length > 0
      ? await makeThumbnail(deps, changes.thumbnail)
      : record.thumbnailKey;
  const updated: MediaAttachmentRecord = {
    ...record,
    description: description ?? record.description,
    meta: focus ? { ...record.meta, focus } : record.meta,
    thumbnailKey,
    updatedAt: deps.clock.now(),
  };
  await saveMediaAttachment(deps.db, updated);
  if (record.thumbnailKey !== thumbnailKey) {
    await removeUnusedFiles(deps.db, deps.media.storage, [record.thumbnailKey], record.id);
  }
  return updated;
}
