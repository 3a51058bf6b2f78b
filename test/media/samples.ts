/**
 * Sample media made in the test itself: images drawn with sharp, video and audio made with
 * ffmpeg's test sources, and broken files (a truncated JPEG, a PNG that claims to be huge).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';

/** A JPEG of `width`x`height` with a gradient (so the blurhash is not flat). */
export async function jpeg(width = 640, height = 480, orientation?: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = Math.floor((x / width) * 255);
      pixels[i + 1] = Math.floor((y / height) * 255);
      pixels[i + 2] = 128;
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  const withMeta = orientation
    ? image.withMetadata({ orientation, exif: { IFD0: { Copyright: 'secret camera' } } })
    : image;
  return withMeta.jpeg({ quality: 85 }).toBuffer();
}

export async function png(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: '#3366ccff' } })
    .png()
    .toBuffer();
}

/** Random pixels: a PNG that does not compress, for size limits. */
export async function noisyPng(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a valid PNG whose header declares `size`x`size` pixels, with a small
 * compressed body of zeros. Decoding it whole would need gigabytes.
 */
export function pngBomb(size = 100_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1024 * 1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

/** Runs ffmpeg with `args` writing `name` in a temporary directory; returns the bytes. */
export function ffmpegMake(name: string, args: string[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'woolly-sample-'));
  try {
    const out = join(dir, name);
    execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', ...args, out]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One second of a 160x120 test pattern at 25 fps with a tone, as H.264 in a QuickTime file. */
export const video = () =>
  ffmpegMake('clip.mov', [
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=160x120:rate=25:duration=1',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=1',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
  ]);

/** An animated GIF of 10 frames. */
export const animatedGif = () =>
  ffmpegMake('anim.gif', ['-f', 'lavfi', '-i', 'testsrc=size=120x80:rate=10:duration=1']);

/** One second of a tone as WAV. */
export const wav = () =>
  ffmpegMake('tone.wav', ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1']);
