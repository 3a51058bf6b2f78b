/**
 * RemoveOrphanFiles (Mastodon's `tootctl media remove-orphans`): every stored file that no
 * row names any more (left by a crash, a failed write, an older version) is removed. The
 * store is walked page by page in key order (1,000 keys a request on S3), each page checked
 * against the database in one query, and deletions run a few at a time, so a large bucket
 * is neither listed at once nor hammered. Files written in the last hour are left alone (an
 * upload may be between writing its file and saving its row). `after` resumes a walk where
 * an interrupted one stopped (the last key it reported).
 */
import { findReferencedMediaKeys } from '../../db/repositories/media-attachments.ts';
import type { Deps } from '../context.ts';

export interface OrphanTally {
  scanned: number;
  removed: number;
  bytes: number;
  /** The last key looked at: pass it as `after` to resume. */
  lastKey: string | null;
}

const pageSize = 1000;
const concurrency = 4;
const graceMs = 60 * 60 * 1000;

export async function removeOrphanFiles(
  deps: Deps,
  options: { dryRun?: boolean; after?: string; onProgress?: (tally: OrphanTally) => void } = {},
): Promise<OrphanTally> {
  const tally: OrphanTally = { scanned: 0, removed: 0, bytes: 0, lastKey: options.after ?? null };
  const youngest = deps.clock.now() - graceMs;
  for (;;) {
    const page = await deps.media.storage.list('', {
      after: tally.lastKey ?? undefined,
      limit: pageSize,
    });
    if (page.length === 0) break;
    const referenced = await findReferencedMediaKeys(
      deps.db,
      page.map((f) => f.key),
    );
    const orphans = page.filter((f) => !referenced.has(f.key) && f.modifiedAt < youngest);
    if (!options.dryRun) {
      for (let i = 0; i < orphans.length; i += concurrency) {
        await Promise.all(
          orphans.slice(i, i + concurrency).map((f) => deps.media.storage.delete(f.key)),
        );
      }
    }
    tally.scanned += page.length;
    tally.removed += orphans.length;
    tally.bytes += orphans.reduce((sum, f) => sum + f.size, 0);
    tally.lastKey = page.at(-1)!.key;
    options.onProgress?.({ ...tally });
    if (page.length < pageSize) break;
  }
  return tally;
}
