/**
 * Writes a zip file (yazl) to disk entry by entry, so that an archive with many media files
 * never sits whole in memory.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

export interface ZipEntry {
  path: string;
  body: Buffer;
  mtime: Date;
}

export async function writeZip(path: string, entries: AsyncIterable<ZipEntry>): Promise<void> {
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(path));
  try {
    for await (const entry of entries) {
      // Media is compressed already: stored as it is, which costs no CPU.
      const compress = entry.path.endsWith('.json');
      zip.addBuffer(entry.body, entry.path, { mtime: entry.mtime, compress });
    }
  } finally {
    zip.end();
  }
  await written;
}
