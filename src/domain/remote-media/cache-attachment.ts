/**
 * Caching of a remote attachment: fetched from its `remote_url`, processed like an upload
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
  const fetched = await deps.media.fetcher.fetch(record.remoteUrl, {
    maxBytes: deps.config.media.limits.videoSize,
  });
  const sniffed = await deps.media.processor.sniff(fetched.body);
  if (!sniffed) throw new MediaRejected(`${record.remoteUrl} is no media Woolly reads`);
  if (fetched.body.length > sizeLimit(deps.config, sniffed.type)) {
    throw new MediaRejected(`${record.remoteUrl} is over the size limit`);
  }
  const processed = await processNow(deps, fetched.body, sniffed);
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
