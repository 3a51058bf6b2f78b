/**
 * The step shared by both upload paths: process the bytes, store what came out (deduplicated
 * by content), and fill in the record. The record is not saved here; the caller saves it.
 */
import type { MediaAttachmentRecord } from '../../db/repositories/media-attachments.ts';
import type { Deps } from '../context.ts';
import { processingLimits } from './limits.ts';
import type { MediaMeta, MediaSource, ProcessedMedia, SniffedType } from './ports.ts';
import { writeFiles } from './write-files.ts';

export function processNow(
  deps: Pick<Deps, 'config' | 'media'>,
  bytes: MediaSource,
  sniffed: SniffedType,
): Promise<ProcessedMedia> {
  return deps.media.processor.process(bytes, sniffed, processingLimits(deps.config));
}

export async function applyProcessed(
  deps: Pick<Deps, 'media' | 'clock'>,
  record: MediaAttachmentRecord,
  processed: ProcessedMedia,
): Promise<MediaAttachmentRecord> {
  const { keys } = await writeFiles(deps.media.storage, [processed.file, processed.preview]);
  const focus = (record.meta as MediaMeta).focus;
  return {
    ...record,
    type: processed.type,
    processing: 'complete',
    fileKey: keys[0] ?? null,
    fileContentType: processed.file.contentType,
    fileSize: processed.file.body.length,
    previewKey: keys[1] ?? null,
    meta: { ...processed.meta, ...(focus ? { focus } : {}) } as Record<string, unknown>,
    blurhash: processed.blurhash,
    error: null,
    updatedAt: deps.clock.now(),
  };
}
