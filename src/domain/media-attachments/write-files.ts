/**
 * Stores the files made from one upload all or nothing: when one write fails, the files this
 * call added are removed again (unless another attachment shares them), so a failed upload
 * leaves no file behind.
 */
import type { Queryable } from '../../db/database.ts';
import { isMediaKeyInUse } from '../../db/repositories/media-attachments.ts';
import type { MediaStorage, ProcessedFile } from './ports.ts';
import { contentKey } from './content-key.ts';

export async function writeFiles(
  storage: MediaStorage,
  files: readonly (ProcessedFile | null)[],
): Promise<{ keys: (string | null)[]; added: string[] }> {
  const keys: (string | null)[] = [];
  const added: string[] = [];
  try {
    for (const file of files) {
      if (!file) {
        keys.push(null);
        continue;
      }
      const key = contentKey(file.body, file.ext);
      if (!(await storage.exists(key))) {
        await storage.put(key, file.body, file.contentType);
        added.push(key);
      }
      keys.push(key);
    }
    return { keys, added };
  } catch (error) {
    await Promise.allSettled(added.map((key) => storage.delete(key)));
    throw error;
  }
}

/** Removes `keys` unless a row other than `exceptId` still names them. */
export async function removeUnusedFiles(
  db: Queryable,
  storage: MediaStorage,
  keys: readonly (string | null)[],
  exceptId: string,
): Promise<void> {
  for (const key of new Set(keys)) {
    if (key && !(await isMediaKeyInUse(db, key, exceptId))) await storage.delete(key);
  }
}
