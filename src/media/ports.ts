/**
 * Builds the media adapters the configuration asks for: a directory or an S3 bucket, the
 * processor, and the fetcher of remote media.
 */
import type { Config } from '../config/schema.ts';
import type { MediaPorts } from '../domain/media-attachments/ports.ts';
import { createMediaProcessor } from './processing/processor.ts';
import { createRemoteFetcher } from './remote/fetch.ts';
import { fsStorage } from './storage/fs.ts';
import { s3Storage } from './storage/s3.ts';

export interface MediaPortOptions {
  /** Test-only: fetch remote media from loopback (refused in production by the caller). */
  allowPrivateAddress?: boolean;
}

export function createMediaPorts(
  config: Pick<Config, 'media' | 'baseUrl'>,
  options: MediaPortOptions = {},
): MediaPorts {
  const storage = config.media.storage;
  return {
    storage: storage.kind === 's3' ? s3Storage(storage) : fsStorage(storage.root),
    processor: createMediaProcessor(),
    fetcher: createRemoteFetcher({
      userAgent: `Woolly (+${config.baseUrl}/)`,
      allowPrivateAddress: options.allowPrivateAddress,
    }),
  };
}
