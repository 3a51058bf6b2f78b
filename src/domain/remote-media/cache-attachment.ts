/**
 * Caching of a remote attachment: fetched from its `remote_url` to a temporary file, processed
 * from it like an upload
 * (the same processor and limits), its files stored by content on the attachment's row. The
 * description, the focal point and the post it belongs to stay the sender's.
 */
import {
  findMediaAttachment,
  saveMediaAttachment,
} from '../../db/repositories/media-attachments.ts';
import type { Deps } from '../context.ts';
import { applyProcessed, processNow } from '../media-attachments/apply-processed.ts';
import { sizeLimit } from '../media-attachments/limits.ts';
import { MediaRejected } from '../media-attachments/ports.ts';
import { removeUnusedFiles } from '../media-attachments/write-files.ts';
import { withDownloadedFile } from './download.ts';

export async function cacheRemoteAttachment(
  deps: Deps,
  id: string,
  force: boolean,
): Promise<'cached' | 'already-cached' | 'gone'> {
  const record = await findMediaAttachment(deps.db, id);
  if (!record || record.remoteUrl === '') return 'gone';
  if (!force && record.fileKey && (await deps.media.storage.exists(record.fileKey))) {
    return 'already-cached';
  }
  const url = record.remoteUrl;
  const processed = await withDownloadedFile(
    deps,
    url,
    deps.config.media.limits.videoSize,
    async ({ file }) => {
      const sniffed = await deps.media.processor.sniff(file);
      if (!sniffed) throw new MediaRejected(`${url} is no media Woolly reads`);
      if (file.size > sizeLimit(deps.config, sniffed.type)) {
        throw new MediaRejected(`${url} is over the size limit`);
      }
      return processNow(deps, file, sniffed);
    },
  );
  const done = await applyProcessed(deps, record, processed);
  // The row may have changed while fetching (the post edited): keep the sender's fields.
  const current = await findMediaAttachment(deps.db, id);
  if (!current) {
    await removeUnusedFiles(deps.db, deps.media.storage, [done.fileKey, done.previewKey], id);
    return 'gone';
  }
  await saveMediaAttachment(deps.db, {
    ...done,
    statusId: current.statusId,
    description: current.description,
    meta: { ...done.meta, ...(current.meta.focus ? { focus: current.meta.focus } : {}) },
  });
  const replaced = [current.fileKey, current.previewKey].filter(
    (k) => k !== done.fileKey && k !== done.previewKey,
  );
  await removeUnusedFiles(deps.db, deps.media.storage, replaced, id);
  return 'cached';
}
