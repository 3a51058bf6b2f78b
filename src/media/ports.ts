/** Builds the media adapters the configuration asks for: a directory or an S3 bucket. */
import type { Config } from '../config/schema.ts';
import type { MediaPorts } from '../domain/media-attachments/ports.ts';
import { createMediaProcessor } from './processing/processor.ts';
import { fsStorage } from './storage/fs.ts';
import { s3Storage } from './storage/s3.ts';

export function createMediaPorts(config: Pick<Config, 'media'>): MediaPorts {
  const storage = config.media.storage;
  return {
    storage: storage.kind === 's3' ? s3Storage(storage) : fsStorage(storage.root),
    processor: createMediaProcessor(),
  };
}
