/**
 * Mastodon's ScheduledStatus entity: when the post will be published and the request it
 * will be made from. Ids inside `params` are strings (Mastodon writes them as JSON numbers,
 * which cannot carry 64-bit ids exactly).
 */
import type {
  ScheduledStatusParams,
  ScheduledStatusRecord,
} from '../../../db/repositories/scheduled-statuses.ts';
import type { MediaView } from '../../../domain/media-attachments/media-view.ts';
import { serializeMediaAttachment, type MediaAttachmentJson } from './media-attachment.ts';

export interface ScheduledStatusJson {
  id: string;
  scheduled_at: string;
  params: ScheduledStatusParams;
  media_attachments: MediaAttachmentJson[];
}

export function serializeScheduledStatus(
  record: ScheduledStatusRecord,
  media: readonly MediaView[] = [],
): ScheduledStatusJson {
  return {
    id: record.id,
    scheduled_at: new Date(record.scheduledAt).toISOString(),
    params: record.params,
    media_attachments: media.map(serializeMediaAttachment),
  };
}
