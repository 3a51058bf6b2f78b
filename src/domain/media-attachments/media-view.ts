/**
 * An attachment with the public URLs of its files, as the API shows it. Mastodon's rules:
 * no `url` while processing; the custom thumbnail, if any, is the preview; a remote
 * attachment whose file is not in the cache (not fetched yet, or evicted) points at the
 * media proxy, which fetches it on demand (Mastodon's `media_proxy_url`).
 */
import type { Config } from '../../config/schema.ts';
import type { MediaAttachmentRecord } from '../../db/repositories/media-attachments.ts';
import { publicMediaUrl } from './urls.ts';

export interface MediaView {
  attachment: MediaAttachmentRecord;
  url: string | null;
  previewUrl: string | null;
}

/** Where Woolly answers for remote media it has not cached (Mastodon's path). */
export const mediaProxyPrefix = '/media_proxy/';

export function mediaView(
  config: Pick<Config, 'baseUrl' | 'media'>,
  attachment: MediaAttachmentRecord,
): MediaView {
  const processing = attachment.processing === 'queued' || attachment.processing === 'in_progress';
  const url = (key: string | null) => (key ? publicMediaUrl(config, key) : null);
  if (attachment.remoteUrl !== '' && attachment.fileKey === null) {
    const proxy = `${config.baseUrl}${mediaProxyPrefix}${attachment.id}`;
    return { attachment, url: `${proxy}/original`, previewUrl: `${proxy}/small` };
  }
  return {
    attachment,
    url: processing ? null : url(attachment.fileKey),
    previewUrl: url(attachment.thumbnailKey) ?? url(attachment.previewKey),
  };
}
