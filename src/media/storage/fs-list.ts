/**
 * Lists a media directory page by page in key order, as S3's ListObjectsV2 does with
 * `StartAfter`: directories are read one at a time, sorted, and those wholly before `after`
 * are skipped, so a page costs a few directory reads however large the store. Temporary
 * files of writes in progress are not listed.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ListedFile } from '../../domain/media-attachments/ports.ts';

export async function listDirectory(
  root: string,
  prefix: string,
  options: { after?: string; limit: number },
): Promise<ListedFile[]> {
  const found: ListedFile[] = [];
  const after = options.after ?? '';
  async function walk(dir: string): Promise<boolean> {
    let entries;
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true });
    } catch {
      return true;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const key = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        // Skip a directory only when every key in it sorts before `after`.
        if (after && `${key}/\uffff` <= after) continue;
        if (!prefix.startsWith(`${key}/`) && !`${key}/`.startsWith(prefix)) continue;
        if (!(await walk(key))) return false;
      } else if (entry.isFile() && !entry.name.endsWith('.tmp')) {
        if (!key.startsWith(prefix) || key <= after) continue;
        const info = await stat(join(root, key));
        found.push({ key, size: info.size, modifiedAt: info.mtimeMs });
        if (found.length >= options.limit) return false;
      }
    }
    return true;
  }
  await walk('');
  return found;
}
