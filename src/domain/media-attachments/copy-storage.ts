/**
 * CopyStorage (`woolly media migrate`): every file of one store copied into another (a
 * directory to an S3 bucket or back), page by page in key order, each copy read back and
 * its SHA-256 compared with the original's; a file already at the target with the same
 * checksum is skipped, so an interrupted run resumes where it stopped (or from `after`).
 * Nothing is switched: the instance keeps using its configured store until the admin
 * changes the configuration.
 */
import { createHash } from 'node:crypto';
import type { MediaStorage } from './ports.ts';

export interface CopyTally {
  copied: number;
  skipped: number;
  bytes: number;
  lastKey: string | null;
}

export class ChecksumMismatch extends Error {
  constructor(key: string) {
    super(`the copy of ${key} differs from the original`);
    this.name = 'ChecksumMismatch';
  }
}

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');
const pageSize = 500;
const concurrency = 4;

export async function copyStorage(
  from: MediaStorage,
  to: MediaStorage,
  options: { after?: string; onProgress?: (tally: CopyTally) => void } = {},
): Promise<CopyTally> {
  const tally: CopyTally = { copied: 0, skipped: 0, bytes: 0, lastKey: options.after ?? null };
  for (;;) {
    const page = await from.list('', { after: tally.lastKey ?? undefined, limit: pageSize });
    if (page.length === 0) break;
    for (let i = 0; i < page.length; i += concurrency) {
      await Promise.all(
        page.slice(i, i + concurrency).map(async ({ key }) => {
          const source = await from.get(key);
          if (!source) return; // removed since it was listed
          const checksum = sha256(source.body);
          const existing = await to.get(key);
          if (existing && sha256(existing.body) === checksum) {
            tally.skipped += 1;
            return;
          }
          await to.put(key, source.body, source.contentType, {
            private: key.startsWith('incoming/'),
          });
          const copy = await to.get(key);
          if (!copy || sha256(copy.body) !== checksum) throw new ChecksumMismatch(key);
          tally.copied += 1;
          tally.bytes += source.body.length;
        }),
      );
    }
    tally.lastKey = page.at(-1)!.key;
    options.onProgress?.({ ...tally });
    if (page.length < pageSize) break;
  }
  return tally;
}
