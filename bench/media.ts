/**
 * Media processing: images processed per second (decode, orient, resize to the original and
 * the preview, encode both, blurhash) for a 12-megapixel photo and a 1080p screenshot-sized
 * image, one at a time and two at a time (the machine's cores), and the peak resident memory
 * of the process while doing it. Prints figures; nothing passes or fails.
 *
 * Usage: node bench/media.ts [images per case=20]
 */
import { loadavg } from 'node:os';
import sharp from 'sharp';
import { processingLimits } from '../src/domain/media-attachments/limits.ts';
import { createMediaProcessor } from '../src/media/processing/processor.ts';
import { buildConfig, parseEnvVars } from '../src/config/load.ts';
import { fixed } from './stats.ts';

const count = Number(process.argv[2] ?? 20);
const config = buildConfig(parseEnvVars({ SECRET_KEY_BASE: 'a'.repeat(64) }), process.cwd());
const limits = processingLimits(config);
const processor = createMediaProcessor();
const mib = (bytes: number) => bytes / 1024 / 1024;

/** A photo-like image: smooth gradients with noise, so encoders do real work. */
async function sample(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 1;
  for (let i = 0; i < pixels.length; i += 3) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const x = (i / 3) % width;
    const y = Math.floor(i / 3 / width);
    pixels[i] = (x * 255) / width + (seed & 15);
    pixels[i + 1] = (y * 255) / height + ((seed >> 4) & 15);
    pixels[i + 2] = 128 + ((seed >> 8) & 31);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 88 })
    .toBuffer();
}

async function run(name: string, bytes: Buffer, parallel: number): Promise<void> {
  const sniffed = (await processor.sniff(bytes))!;
  await processor.process(bytes, sniffed, limits); // warm up
  const cpu = process.cpuUsage();
  const started = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (done < count) {
        done += 1;
        await processor.process(bytes, sniffed, limits);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / done;
  console.log(
    `${name.padEnd(30)} ${String(parallel).padStart(2)} at once  ${fixed(done / seconds, 2).padStart(7)} images/s  ${fixed(cpuMs, 0).padStart(5)} ms CPU/image  peak RSS ${fixed(mib(process.resourceUsage().maxRSS * 1024), 0)} MiB  (load ${fixed(loadavg()[0]!, 1)})`,
  );
}

console.log(
  `Image processing, ${count} images per case (RSS before: ${fixed(mib(process.memoryUsage().rss), 0)} MiB)`,
);
const photo = await sample(4000, 3000);
const screen = await sample(1920, 1080);
await run(`JPEG 4000x3000 (${fixed(mib(photo.length), 1)} MiB)`, photo, 1);
await run(`JPEG 4000x3000 (${fixed(mib(photo.length), 1)} MiB)`, photo, 2);
await run(`JPEG 1920x1080 (${fixed(mib(screen.length), 1)} MiB)`, screen, 1);
await run(`JPEG 1920x1080 (${fixed(mib(screen.length), 1)} MiB)`, screen, 2);
