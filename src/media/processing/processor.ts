/**
 * The MediaProcessor port over sharp (images) and ffmpeg (video, animated GIFs, audio). An
 * animated GIF is found at processing time, as Mastodon finds it, and becomes a `gifv` MP4.
 */
import type { MediaProcessor } from '../../domain/media-attachments/ports.ts';
import { checkHeic } from './heic.ts';
import { inspectImage, processImage, thumbnailImage } from './image.ts';
import { sniff } from './sniff.ts';
import { inspectVideo, processAudio, processVideo } from './video.ts';

export function createMediaProcessor(): MediaProcessor {
  return {
    sniff,
    async inspect(bytes, sniffed, limits) {
      await checkHeic(sniffed);
      if (sniffed.type === 'image') await inspectImage(bytes, limits);
      else await inspectVideo(bytes, sniffed, limits);
    },
    async process(bytes, sniffed, limits) {
      await checkHeic(sniffed);
      if (sniffed.type === 'image') {
        const header = await inspectImage(bytes, limits);
        if (sniffed.mime === 'image/gif' && header.pages > 1) {
          return processVideo(bytes, sniffed, limits, 'gifv');
        }
        return processImage(bytes, sniffed, limits);
      }
      if (sniffed.type === 'audio') return processAudio(bytes, sniffed, limits);
      return processVideo(bytes, sniffed, limits, 'video');
    },
    thumbnail: thumbnailImage,
  };
}
