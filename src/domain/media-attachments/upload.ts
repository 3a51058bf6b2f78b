/**
 * UploadMedia: POST /api/v1/media (processed before answering) and /api/v2/media (answered at
 * once, processed by a durable job). Everything that can be refused without decoding is
 * checked first, before anything is stored: the type read from the bytes (never the name or
 * the declared type), the size limit of that type, the description, and the dimensions the
 * file declares (a decompression bomb is refused before it is decoded).
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  deleteMediaAttachment,
  insertMediaAttachment,
  type MediaAttachmentRecord,
} from '../../db/repositories/media-attachments.ts';
import type { Deps } from '../context.ts';
import { checkDescription, parseFocus } from './attributes.ts';
import { AppError } from '../../core/errors.ts';
import { missingFile, processingError, tooLarge, unsupportedType } from './errors.ts';
import { processingLimits, sizeLimit } from './limits.ts';
import { sizeOf, type MediaMeta, type MediaSource, type SniffedType } from './ports.ts';
import { rejectedAs422 } from './rejected.ts';
import { removeUnusedFiles } from './write-files.ts';
import { enqueueMediaProcessing } from './process.ts';
import { applyProcessed, processNow } from './apply-processed.ts';
import { makeThumbnail } from './thumbnail.ts';

export interface MediaUpload {
  /** In memory, or on disk (the API streams uploads to a temporary file). */
  file: MediaSource | null;
  thumbnail?: Buffer | null;
  description?: string;
  /** Mastodon's `focus`: `"x,y"`, each from -1 to 1. */
  focus?: string;
}

async function checkUpload(deps: Deps, upload: MediaUpload): Promise<SniffedType> {
  if (!upload.file || sizeOf(upload.file) === 0) throw missingFile();
  const sniffed = await deps.media.processor.sniff(upload.file);
  if (!sniffed) throw unsupportedType();
  const limit = sizeLimit(deps.config, sniffed.type);
  if (sizeOf(upload.file) > limit) throw tooLarge(limit);
  checkDescription(upload.description);
  await rejectedAs422(() =>
    deps.media.processor.inspect(upload.file!, sniffed, processingLimits(deps.config)),
  );
  return sniffed;
}

export async function uploadMedia(
  deps: Deps,
  account: AccountRecord,
  upload: MediaUpload,
  mode: 'now' | 'later',
): Promise<MediaAttachmentRecord> {
  const sniffed = await checkUpload(deps, upload);
  const now = deps.clock.now();
  const focus = parseFocus(upload.focus);
  const meta: MediaMeta = focus ? { focus } : {};
  const record: MediaAttachmentRecord = {
    id: deps.ids.next(),
    accountId: account.id,
    statusId: null,
    scheduledStatusId: null,
    type: sniffed.type,
    processing: 'queued',
    fileKey: null,
    fileContentType: null,
    fileSize: null,
    previewKey: null,
    thumbnailKey: null,
    incomingKey: null,
    incomingContentType: null,
    meta: meta as Record<string, unknown>,
    description: upload.description ?? '',
    blurhash: null,
    remoteUrl: '',
    error: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    return await store(deps, record, upload, sniffed, mode);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Storage or the database failed (S3 down, credentials refused): Mastodon's 500
    // processing error for the client, the cause for the operator.
    deps.log.error('media upload could not be stored', { error });
    throw processingError(500, error);
  }
}

/**
 * Stores the upload's files and its row, or nothing: on any failure the files written so far
 * are removed again (unless another attachment shares them).
 */
async function store(
  deps: Deps,
  record: MediaAttachmentRecord,
  upload: MediaUpload,
  sniffed: SniffedType,
  mode: 'now' | 'later',
): Promise<MediaAttachmentRecord> {
  const written: (string | null)[] = [];
  try {
    if (upload.thumbnail && upload.thumbnail.length > 0) {
      record.thumbnailKey = await makeThumbnail(deps, upload.thumbnail);
      written.push(record.thumbnailKey);
    }
    if (mode === 'now') {
      const processed = await rejectedAs422(() => processNow(deps, upload.file!, sniffed));
      const done = await applyProcessed(deps, record, processed);
      written.push(done.fileKey, done.previewKey);
      await insertMediaAttachment(deps.db, done);
      return done;
    }
    // Kept whole until the job has made the real files from it.
    const incomingKey = `incoming/${record.id}`;
    await deps.media.storage.put(incomingKey, upload.file!, sniffed.mime, { private: true });
    written.push(incomingKey);
    record.incomingKey = incomingKey;
    record.incomingContentType = sniffed.mime;
    await insertMediaAttachment(deps.db, record);
    await enqueueMediaProcessing(deps, record.id);
    return record;
  } catch (error) {
    await deleteMediaAttachment(deps.db, record.id).catch(() => {});
    await removeUnusedFiles(deps.db, deps.media.storage, written, record.id).catch(() => {});
    throw error;
  }
}
