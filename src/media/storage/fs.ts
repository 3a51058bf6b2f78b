/**
 * Media kept in a local directory (DATA_DIR/media by default), served by Woolly itself.
 * A file is written to a temporary name and renamed into place, so a crash or a failed
 * write never leaves a partial file under a real key. Reads stream from disk: a large video
 * is never held in memory to be served.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { MediaStorage, StoredFile } from '../../domain/media-attachments/ports.ts';
import { contentTypeOfKey } from './content-types.ts';
import { checkKey } from './keys.ts';
import { listDirectory } from './fs-list.ts';

const isMissing = (error: unknown) =>
  (error as NodeJS.ErrnoException).code === 'ENOENT' ||
  (error as NodeJS.ErrnoException).code === 'ENOTDIR';

export function fsStorage(root: string): MediaStorage {
  const pathOf = (key: string) => join(root, checkKey(key));
  return {
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        if (Buffer.isBuffer(body)) await writeFile(temporary, body);
        else await copyFile(body.path, temporary);
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async get(key): Promise<StoredFile | null> {
      try {
        return { body: await readFile(pathOf(key)), contentType: contentTypeOfKey(key) };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch {
        return false;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async read(key, range) {
      const path = pathOf(key);
      let size: number;
      try {
        const found = await stat(path);
        if (!found.isFile()) return null;
        size = found.size;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      const stream = createReadStream(path, range ? { start: range.start, end: range.end } : {});
      return {
        body: Readable.toWeb(stream) as ReadableStream<Uint8Array>,
        size,
        contentType: contentTypeOfKey(key),
      };
    },
    list(prefix, options) {
      return listDirectory(root, prefix, options);
    },
  };
}
