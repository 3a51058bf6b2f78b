/**
 * An attachment with the public URLs of its files, as the API shows it. Mastodon's rules:
 * no `url` while processing; the custom thumbnail, if any, is the preview.
 */
import type { Config } from '../../config/schema.ts';
import type { MediaAttachmentRecord } from '../../db/repositories/media-attachments.ts';
import { publicMediaUrl } from './urls.ts';

export interface MediaView {
  attachment: MediaAttachmentRecord;
  url: string | null;
  previewUrl: string | null;
}

export function mediaView(
  config: Pick<Config, 'baseUrl' | 'media'>,
  attachment: MediaAttachmentRecord,
): MediaView {
  const processing = attachment.processing === 'queued' || attachment.processing === 'in_progress';
  const url = (key: string | null) => (key ? publicMediaUrl(config, key) : null);
  return {
    attachment,
    url: processing ? null : url(attachment.fileKey),
    previewUrl: url(attachment.thumbnailKey) ?? url(attachment.previewKey),
  };
}
