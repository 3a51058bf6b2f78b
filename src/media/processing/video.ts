/**
 * Video, animated GIFs and audio through ffmpeg, as Mastodon's Paperclip::Transcoder makes
 * them: video and GIFs become H.264 MP4 (yuv420p, even dimensions, `faststart` so browsers
 * play before the end arrives; GIFs lose audio and are `gifv`), audio becomes MP3. A video's
 * preview is its first frame, shrunk like an image preview, with a blurhash. Dimensions,
 * frame rate and duration are checked with ffprobe before transcoding.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MediaRejected,
  type MediaMeta,
  type MediaSource,
  type ProcessedMedia,
  type ProcessingLimits,
  type SniffedType,
} from '../../domain/media-attachments/ports.ts';
import { blurhashOf } from './blurhash.ts';
import { frameRate, probe, run, type Probe } from './ffmpeg.ts';
import { fitPixels, smallPixels } from './image.ts';
import { loadSharp } from './sharp.ts';

/**
 * Runs `work` with a private temporary directory for its output, removed afterwards, and the
 * input as a file: the source's own file when it is on disk, else a copy of the bytes there.
 */
async function withTempFile<T>(
  source: MediaSource,
  ext: string,
  work: (dir: string, input: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'woolly-media-'));
  try {
    if (!Buffer.isBuffer(source)) return await work(dir, source.path);
    const input = join(dir, `in-${randomBytes(4).toString('hex')}.${ext}`);
    await writeFile(input, source);
    return await work(dir, input);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function checkProbe(probed: Probe, type: 'video' | 'audio', limits: ProcessingLimits): void {
  const video = probed.streams.find((s) => s.codec_type === 'video');
  const audio = probed.streams.find((s) => s.codec_type === 'audio');
  if (type === 'video' && !video) {
    throw new MediaRejected('File type of uploaded media could not be verified');
  }
  if (type === 'audio' && !audio) {
    throw new MediaRejected('File type of uploaded media could not be verified');
  }
  if (video && type === 'video') {
    const width = video.width ?? 0;
    const height = video.height ?? 0;
    if (width * height > limits.videoMatrix) {
      throw new MediaRejected(`${width}x${height} videos are not supported`);
    }
    const fps = frameRate(video.avg_frame_rate) || frameRate(video.r_frame_rate);
    if (fps > limits.videoFrameRate) {
      throw new MediaRejected(`${Math.floor(fps)}fps videos are not supported`);
    }
  }
  const duration = Number(probed.format.duration ?? 0);
  if (duration > limits.videoDuration) {
    throw new MediaRejected(`Videos longer than ${limits.videoDuration} seconds are not supported`);
  }
}

export async function inspectVideo(
  bytes: MediaSource,
  sniffed: SniffedType,
  limits: ProcessingLimits,
): Promise<void> {
  await withTempFile(bytes, sniffed.ext, async (_dir, input) => {
    checkProbe(await probe(input), sniffed.type === 'audio' ? 'audio' : 'video', limits);
  });
}

function originalMeta(probed: Probe, withPicture: boolean): NonNullable<MediaMeta['original']> {
  const video = probed.streams.find((s) => s.codec_type === 'video');
  const duration = Number(probed.format.duration ?? 0);
  const bitrate = Number(probed.format.bit_rate ?? 0);
  if (!withPicture || !video) return { duration, bitrate } as NonNullable<MediaMeta['original']>;
  return {
    width: video.width ?? 0,
    height: video.height ?? 0,
    frame_rate: video.avg_frame_rate ?? video.r_frame_rate ?? '0/0',
    duration,
    bitrate,
  };
}

/** Transcodes video or an animated GIF to MP4 (`gifv` drops sound) and takes a preview frame. */
export async function processVideo(
  bytes: MediaSource,
  sniffed: SniffedType,
  limits: ProcessingLimits,
  kind: 'video' | 'gifv',
): Promise<ProcessedMedia> {
  return withTempFile(bytes, sniffed.ext, async (dir, input) => {
    if (kind === 'video') checkProbe(await probe(input), 'video', limits);
    const output = join(dir, 'out.mp4');
    const frame = join(dir, 'frame.png');
    await run('ffmpeg', [
      '-nostdin',
      '-v',
      'error',
      '-y',
      '-i',
      input,
      '-map_metadata',
      '-1',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '23',
      '-pix_fmt',
      'yuv420p',
      '-vf',
      'scale=trunc(iw/2)*2:trunc(ih/2)*2',
      '-movflags',
      '+faststart',
      ...(kind === 'gifv' ? ['-an'] : ['-c:a', 'aac', '-b:a', '128k']),
      output,
    ]);
    const probed = await probe(output);
    await run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', output, '-frames:v', '1', frame]);
    const sharp = await loadSharp();
    const still = sharp(await readFile(frame));
    const stillMeta = await still.metadata();
    const smallSize = fitPixels(
      { width: stillMeta.width ?? 1, height: stillMeta.height ?? 1 },
      smallPixels,
    );
    const [preview, blurhash] = await Promise.all([
      still.clone().resize(smallSize.width, smallSize.height, { fit: 'fill' }).png().toBuffer(),
      blurhashOf(still),
    ]);
    return {
      type: kind,
      file: { body: await readFile(output), contentType: 'video/mp4', ext: 'mp4' },
      preview: { body: preview, contentType: 'image/png', ext: 'png' },
      meta: { original: originalMeta(probed, true), small: smallSize },
      blurhash,
    };
  });
}

/** Transcodes audio to MP3, as Mastodon does, dropping any cover art and tags. */
export async function processAudio(
  bytes: MediaSource,
  sniffed: SniffedType,
  limits: ProcessingLimits,
): Promise<ProcessedMedia> {
  return withTempFile(bytes, sniffed.ext, async (dir, input) => {
    checkProbe(await probe(input), 'audio', limits);
    const output = join(dir, 'out.mp3');
    await run('ffmpeg', [
      '-nostdin',
      '-v',
      'error',
      '-y',
      '-i',
      input,
      '-map_metadata',
      '-1',
      '-vn',
      '-c:a',
      'libmp3lame',
      '-q:a',
      '2',
      output,
    ]);
    const probed = await probe(output);
    return {
      type: 'audio',
      file: { body: await readFile(output), contentType: 'audio/mpeg', ext: 'mp3' },
      preview: null,
      meta: { original: originalMeta(probed, false) },
      blurhash: null,
    };
  });
}
