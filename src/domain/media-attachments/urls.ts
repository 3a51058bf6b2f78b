/**
 * The public URL of a stored file. Rows keep storage keys, never URLs, so the address follows
 * the configuration: Woolly's own `/system/` (or CDN_HOST in front of it) for local storage,
 * the S3 alias host or the bucket's public host for S3.
 */
import type { Config } from '../../config/schema.ts';

/** Where Woolly serves files of local storage (Mastodon's `/system`). */
export const localMediaPrefix = '/system/';

export function publicMediaUrl(config: Pick<Config, 'baseUrl' | 'media'>, key: string): string {
  const storage = config.media.storage;
  if (storage.kind === 'fs') {
    return `${config.media.cdnHost ?? config.baseUrl}${localMediaPrefix}${key}`;
  }
  return `${storage.publicOrigin}${storage.bucketInPath ? `/${storage.bucket}` : ''}/${key}`;
}
