/**
 * CacheRemoteMedia: fetches one remote file into the media storage, processed as uploads
 * are (attachments: converted, a preview, a blurhash and sizes; avatars and headers:
 * cropped; emojis: checked and kept), stored under the hash of its content so the same file
 * fetched for many owners is stored once. The one entry point for every kind:
 *
 * @example
 * await cacheRemoteMedia(deps, 'attachment', mediaAttachmentId);
 * await cacheRemoteMedia(deps, 'avatar', accountId, { force: true });
 *
 * Returns what happened. A file that cannot be had for good (gone, refused address, not
 * media, too large) is `failed` and logged; a failure that may pass (timeout, 5xx) throws a
 * RemoteFetchFailed so that the job running it retries. Media of a server under a domain
 * block that rejects media is never fetched (`failed`, logged as rejected).
 */
import { findAccountById } from '../../db/repositories/accounts.ts';
import { findMediaAttachment } from '../../db/repositories/media-attachments.ts';
import type { Deps } from '../context.ts';
import { rejectsMediaFrom } from '../domain-blocks/rules.ts';
import { MediaRejected, RemoteFetchFailed } from '../media-attachments/ports.ts';
import { cacheRemoteAttachment } from './cache-attachment.ts';
import { cacheRemoteImage } from './cache-image.ts';
import { remoteImageKind } from './kinds.ts';
import './profile-kinds.ts';

export type CacheOutcome = 'cached' | 'already-cached' | 'gone' | 'failed';

/** The server the owner of a remote file belongs to (null: unknown or local). */
async function ownerDomain(deps: Deps, kind: string, id: string): Promise<string | null> {
  if (kind !== 'attachment') return (await remoteImageKind(kind)?.domain?.(deps, id)) ?? null;
  const accountId = (await findMediaAttachment(deps.db, id))?.accountId;
  return accountId ? ((await findAccountById(deps.db, accountId))?.domain ?? null) : null;
}

export async function cacheRemoteMedia(
  deps: Deps,
  kind: string,
  id: string,
  options: { force?: boolean } = {},
): Promise<CacheOutcome> {
  if (await rejectsMediaFrom(deps, await ownerDomain(deps, kind, id))) {
    deps.log.info('remote media not cached: its server is blocked with reject_media', { kind, id });
    return 'failed';
  }
  try {
    return kind === 'attachment'
      ? await cacheRemoteAttachment(deps, id, options.force === true)
      : await cacheRemoteImage(deps, kind, id, options.force === true);
  } catch (error) {
    const permanent =
      error instanceof MediaRejected || (error instanceof RemoteFetchFailed && error.permanent);
    if (!permanent) throw error;
    deps.log.info('remote media not cached', { kind, id, error: (error as Error).message });
    return 'failed';
  }
}
