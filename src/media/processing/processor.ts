/**
 * The MediaProcessor port over sharp (images) and ffmpeg (video, animated GIFs, audio). An
 * animated GIF is found at processing time, as Mastodon finds it, and becomes a `gifv` MP4.
 * Video and audio on disk are processed from their file; images (bounded by the smaller image
 * limit) are read into memory for sharp.
 */
import { readFile } from 'node:fs/promises';
import type { MediaProcessor, MediaSource } from '../../domain/media-attachments/ports.ts';
import { checkHeic } from './heic.ts';
import { inspectImage, processImage, thumbnailImage } from './image.ts';
import { sniff } from './sniff.ts';
import { inspectVideo, processAudio, processVideo } from './video.ts';

const inMemory = async (source: MediaSource): Promise<Buffer> =>
  Buffer.isBuffer(source) ? source : readFile(source.path);

export function createMediaProcessor(): MediaProcessor {
  return {
    sniff,
    async inspect(source, sniffed, limits) {
      await checkHeic(sniffed);
      if (sniffed.type === 'image') await inspectImage(await inMemory(source), limits);
      else await inspectVideo(source, sniffed, limits);
    },
    async process(source, sniffed, limits) {
      await checkHeic(sniffed);
      if (sniffed.type === 'image') {
        const bytes = await inMemory(source);
        const header = await inspectImage(bytes, limits);
        if (sniffed.mime === 'image/gif' && header.pages > 1) {
          return processVideo(source, sniffed, limits, 'gifv');
        }
        return processImage(bytes, sniffed, limits);
      }
      if (sniffed.type === 'audio') return processAudio(source, sniffed, limits);
      return processVideo(source, sniffed, limits, 'video');
    },
    thumbnail: thumbnailImage,
  };
}
