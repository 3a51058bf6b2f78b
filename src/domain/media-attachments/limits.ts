/** The upload limits in force, from the configuration (MAX_IMAGE_SIZE and friends). */
import type { Config } from '../../config/schema.ts';
import type { MediaType, ProcessingLimits } from './ports.ts';

import { mediaLimits } from '../instance/limits.ts';

export const descriptionLimit = mediaLimits.descriptionLength;

/** Mastodon's IMAGE_LIMIT for images, VIDEO_LIMIT for the larger formats. */
export function sizeLimit(config: Pick<Config, 'media'>, type: MediaType): number {
  return type === 'image' ? config.media.limits.imageSize : config.media.limits.videoSize;
}

export function processingLimits(config: Pick<Config, 'media'>): ProcessingLimits {
  const l = config.media.limits;
  return {
    imageMatrix: l.imageMatrix,
    videoMatrix: l.videoMatrix,
    videoFrameRate: l.videoFrameRate,
    videoDuration: l.videoDuration,
  };
}
