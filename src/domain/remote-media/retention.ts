/**
 * RemoveRemoteMedia: the remote media cache cleared of what is older than a number of days
 * (Mastodon's `tootctl media remove` and its daily media cache retention). Remote
 * attachments lose their cached files (the row and its `remote_url` stay: the media proxy
 * fetches it again if someone looks); with `pruneProfiles`, cached avatars and headers of
 * remote accounts go too, `removeHeaders` only headers, and unless `includeFollows` not
 * those of accounts local users follow. Files shared with anything still in use stay.
 * Works in batches; `dryRun` counts without removing.
 */
import {
  findCachedRemoteMedia,
  saveMediaAttachment,
} from '../../db/repositories/media-attachments.ts';
import {
  findCachedFilesBefore,
  type CacheCursor,
} from '../../db/repositories/remote-media-files.ts';
import type { Deps } from '../context.ts';
import { removeUnusedFiles } from '../media-attachments/write-files.ts';
import { forget } from './cache-image.ts';

export interface RemoveRemoteMediaOptions {
  days: number;
  pruneProfiles?: boolean;
  removeHeaders?: boolean;
  includeFollows?: boolean;
  /** Other cached image kinds to clear too (emojis, preview cards). */
  kinds?: string[];
  dryRun?: boolean;
  onProgress?: (done: RemovalTally) => void;
}

export interface RemovalTally {
  attachments: number;
  images: number;
  /** Bytes of the cached files let go (a file shared by several owners counted for each). */
  bytes: number;
}

const batch = 200;
const dayMs = 24 * 60 * 60 * 1000;

export async function removeRemoteMedia(
  deps: Deps,
  options: RemoveRemoteMediaOptions,
): Promise<RemovalTally> {
  const before = deps.clock.now() - options.days * dayMs;
  const tally: RemovalTally = { attachments: 0, images: 0, bytes: 0 };
  let afterId = '0';
  for (;;) {
    const page = await findCachedRemoteMedia(deps.db, before, afterId, batch);
    for (const media of page) {
      if (!options.dryRun) {
        await saveMediaAttachment(deps.db, {
          ...media,
          fileKey: null,
          previewKey: null,
          updatedAt: deps.clock.now(),
        });
        await removeUnusedFiles(
          deps.db,
          deps.media.storage,
          [media.fileKey, media.previewKey],
          media.id,
        );
      }
      tally.attachments += 1;
      tally.bytes += media.fileSize ?? 0;
    }
    if (page.length > 0) {
      afterId = page.at(-1)!.id;
      options.onProgress?.({ ...tally });
    }
    if (page.length < batch) break;
  }
  const kinds = [...(options.kinds ?? [])];
  if (options.pruneProfiles) kinds.push('avatar', 'header');
  else if (options.removeHeaders) kinds.push('header');
  for (const kind of kinds) {
    let cursor: CacheCursor | null = null;
    for (;;) {
      const page = await findCachedFilesBefore(deps.db, kind, before, {
        includeFollows: options.includeFollows === true,
        cursor: options.dryRun ? cursor : null,
        limit: batch,
      });
      for (const file of page) {
        if (!options.dryRun) await forget(deps, kind, file.ownerId, file.fileKey);
        tally.images += 1;
        tally.bytes += file.fileSize;
      }
      if (page.length > 0) {
        const last = page.at(-1)!;
        cursor = { cachedAt: last.cachedAt, ownerId: last.ownerId };
        options.onProgress?.({ ...tally });
      }
      if (page.length < batch) break;
    }
  }
  return tally;
}
