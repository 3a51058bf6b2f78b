/**
 * Caching of the image kinds (avatars, headers, emojis, what others register), fetched to a
 * temporary file that is removed when the image is stored or refused.
 */
import { readFile } from 'node:fs/promises';
import {
  deleteRemoteMediaFile,
  findRemoteMediaFile,
  saveRemoteMediaFile,
} from '../../db/repositories/remote-media-files.ts';
import type { Deps } from '../context.ts';
import { processingLimits } from '../media-attachments/limits.ts';
import { MediaRejected, type ProcessedFile } from '../media-attachments/ports.ts';
import { removeUnusedFiles, writeFiles } from '../media-attachments/write-files.ts';
import { withDownloadedFile } from './download.ts';
import { remoteImageKind } from './kinds.ts';

const stillImages = new Set(['image/png', 'image/gif', 'image/webp', 'image/jpeg', 'image/avif']);

export async function cacheRemoteImage(
  deps: Deps,
  kind: string,
  ownerId: string,
  force: boolean,
): Promise<'cached' | 'already-cached' | 'gone'> {
  const definition = remoteImageKind(kind);
  if (!definition) throw new Error(`unknown remote media kind: ${kind}`);
  const url = await definition.remoteUrl(deps, ownerId);
  const existing = await findRemoteMediaFile(deps.db, kind, ownerId);
  if (!url) {
    if (existing) await forget(deps, kind, ownerId, existing.fileKey);
    return 'gone';
  }
  if (
    !force &&
    existing?.remoteUrl === url &&
    (await deps.media.storage.exists(existing.fileKey))
  ) {
    return 'already-cached';
  }
  const file = await withDownloadedFile(
    deps,
    url,
    definition.maxBytes,
    async ({ file: fetched }): Promise<ProcessedFile> => {
      const sniffed = await deps.media.processor.sniff(fetched);
      if (!sniffed || sniffed.type !== 'image') throw new MediaRejected(`${url} is not an image`);
      // Images are decoded in memory; they are bounded by the kind's limit (2 MiB for avatars).
      const body = await readFile(fetched.path);
      if (definition.box) {
        const { file: fitted } = await deps.media.processor.thumbnail(
          body,
          definition.box,
          processingLimits(deps.config),
          { crop: definition.crop === true },
        );
        return fitted;
      }
      if (!stillImages.has(sniffed.mime)) throw new MediaRejected(`${url} is not a web image`);
      await deps.media.processor.inspect(body, sniffed, processingLimits(deps.config));
      return { body, contentType: sniffed.mime, ext: sniffed.ext };
    },
  );
  const { keys } = await writeFiles(deps.media.storage, [file]);
  const key = keys[0]!;
  await saveRemoteMediaFile(deps.db, {
    kind,
    ownerId,
    remoteUrl: url,
    fileKey: key,
    fileSize: file.body.length,
    cachedAt: deps.clock.now(),
  });
  if (existing && existing.fileKey !== key) {
    await removeUnusedFiles(deps.db, deps.media.storage, [existing.fileKey], '0');
  }
  return 'cached';
}

/** Drops the cached copy of one owner's image (its file too, unless shared). */
export async function forget(deps: Deps, kind: string, ownerId: string, key: string) {
  await deleteRemoteMediaFile(deps.db, kind, ownerId);
  await removeUnusedFiles(deps.db, deps.media.storage, [key], '0');
}
