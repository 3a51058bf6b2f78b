/**
 * The durable job that processes an upload of /api/v2/media (Mastodon's
 * PostProcessMediaWorker), on the `default` queue. Input the processor refuses marks the
 * attachment failed for good (GET answers 422); anything else (storage down) is thrown, so
 * the job is retried with backoff. The incoming copy is removed once it is no longer needed.
 */
import {
  findMediaAttachment,
  saveMediaAttachment,
} from '../../db/repositories/media-attachments.ts';
import { join } from 'node:path';
import type { Deps } from '../context.ts';
import { applyProcessed, processNow } from './apply-processed.ts';
import { MediaRejected, type MediaMeta } from './ports.ts';
import { saveStream, withTempDir } from './temp-files.ts';

export const processMediaJob = 'media.process';

export async function enqueueMediaProcessing(deps: Pick<Deps, 'queue'>, id: string) {
  await deps.queue.enqueue(
    'default',
    processMediaJob,
    { mediaAttachmentId: id },
    { maxAttempts: 5 },
  );
}

export async function processMediaAttachment(deps: Deps, id: string): Promise<void> {
  const record = await findMediaAttachment(deps.db, id);
  if (!record || record.processing === 'complete' || record.processing === 'failed') return;
  const incomingKey = record.incomingKey;
  const incoming = incomingKey ? await deps.media.storage.read(incomingKey) : null;
  if (!incoming) {
    await fail(deps, { ...record }, 'the uploaded file is missing or unreadable');
    return;
  }
  // Processed from a local copy on disk: a large video is never held in memory.
  const done = await withTempDir(async (dir) => {
    const file = await saveStream(incoming.body, join(dir, 'incoming'));
    const sniffed = await deps.media.processor.sniff(file);
    if (!sniffed) {
      await fail(deps, { ...record }, 'the uploaded file is missing or unreadable');
      return null;
    }
    await saveMediaAttachment(deps.db, {
      ...record,
      processing: 'in_progress',
      updatedAt: deps.clock.now(),
    });
    try {
      return await applyProcessed(deps, record, await processNow(deps, file, sniffed));
    } catch (error) {
      if (!(error instanceof MediaRejected)) throw error;
      await fail(deps, record, error.message);
      return null;
    }
  });
  if (!done) return;
  // The author may have changed the description, focus or thumbnail meanwhile (PUT while
  // processing, as apps do): keep theirs.
  const current = (await findMediaAttachment(deps.db, id)) ?? record;
  const focus = (current.meta as MediaMeta).focus;
  await saveMediaAttachment(deps.db, {
    ...done,
    statusId: current.statusId,
    scheduledStatusId: current.scheduledStatusId,
    description: current.description,
    thumbnailKey: current.thumbnailKey,
    meta: { ...done.meta, ...(focus ? { focus } : {}) },
    incomingKey: null,
    incomingContentType: null,
  });
  if (incomingKey) await deps.media.storage.delete(incomingKey);
}

async function fail(deps: Deps, record: Parameters<typeof saveMediaAttachment>[1], why: string) {
  deps.log.warn('media processing failed', { mediaAttachmentId: record.id, error: why });
  await saveMediaAttachment(deps.db, {
    ...record,
    processing: 'failed',
    error: why,
    incomingKey: null,
    incomingContentType: null,
    updatedAt: deps.clock.now(),
  });
  if (record.incomingKey) await deps.media.storage.delete(record.incomingKey);
}
