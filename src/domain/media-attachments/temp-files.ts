/**
 * Private temporary files for media on its way in (an upload being received, a stored upload
 * being processed), so that large files go through disk instead of memory. The directory is
 * removed with everything in it when the work ends, whether it succeeded or threw.
 *
 * @example
 * await withTempDir(async (dir) => {
 *   const file = await saveStream(stream, join(dir, 'upload'), limit);
 *   await deps.media.processor.process(file, sniffed, limits);
 * });
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileOnDisk } from './ports.ts';

export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'woolly-upload-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Thrown by saveStream when the stream is longer than its limit (nothing more is read). */
export class StreamTooLarge extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`more than ${limit} bytes`);
    this.name = 'StreamTooLarge';
    this.limit = limit;
  }
}

/** Writes `stream` to `path`, counting bytes as they arrive; throws past `maxBytes`. */
export async function saveStream(
  stream: Readable | ReadableStream<Uint8Array>,
  path: string,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<FileOnDisk> {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > maxBytes ? new StreamTooLarge(maxBytes) : null, chunk);
    },
  });
  const source = stream instanceof Readable ? stream : Readable.fromWeb(stream as never);
  await pipeline(source, counter, createWriteStream(path, { mode: 0o600 }));
  return { path, size };
}
