/**
 * The upload GET and PUT /api/v1/media/:id act on: the viewer's own, not yet attached to a
 * post (Mastodon's `current_account.media_attachments.where(status_id: nil).find`). Anything
 * else is a 404; a failed upload is Mastodon's 422 processing error.
 */
import { notFound } from '../../core/errors.ts';
import {
  findMediaAttachment,
  type MediaAttachmentRecord,
} from '../../db/repositories/media-attachments.ts';
import type { Deps } from '../context.ts';
import { processingError } from './errors.ts';

export async function findOwnMedia(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  id: string,
): Promise<MediaAttachmentRecord> {
  const record = await findMediaAttachment(deps.db, id);
  if (!record || record.accountId !== accountId || record.statusId !== null) throw notFound();
  if (record.processing === 'failed') throw processingError(422);
  return record;
}

/** Mastodon's `not_processed?`: queued or in progress. */
export const isProcessing = (record: MediaAttachmentRecord): boolean =>
  record.processing === 'queued' || record.processing === 'in_progress';
