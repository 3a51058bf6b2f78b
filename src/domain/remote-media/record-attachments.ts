/**
 * RecordRemoteAttachments: the attachments of a post from another server, as the sender
 * described them (address, type, description, blurhash, size, focal point), stored without
 * their files. With MEDIA_CACHE_MODE=eager (the default) the files are fetched at once on
 * the `pull` queue; with `lazy`, when someone first asks for them (/media_proxy).
 */
import {
  findMediaByStatusIds,
  insertMediaAttachment,
  type MediaAttachmentRecord,
} from '../../db/repositories/media-attachments.ts';
import type { Deps } from '../context.ts';
import { enqueueRemoteMediaCache } from './enqueue.ts';

export interface RemoteAttachmentInput {
  url: string;
  /** The sender's media type (`image/png`), if it gave one. */
  mediaType: string | null;
  description: string | null;
  blurhash: string | null;
  width: number | null;
  height: number | null;
  focus: { x: number; y: number } | null;
}

/** Mastodon's remote attachment limit per post. */
const perStatus = 4;

function typeOf(mediaType: string | null): MediaAttachmentRecord['type'] {
  const major = mediaType?.split('/')[0];
  if (major === 'image') return 'image';
  if (major === 'video') return 'video';
  if (major === 'audio') return 'audio';
  return 'unknown';
}

/**
 * The rows for a post's remote attachments, not yet written: for a caller that inserts them
 * in its own transaction (with the post, before `status.created`), then calls
 * `cacheRemoteAttachments` once committed. With `rejectMedia` (a domain block rejecting the
 * sender's media) they are kept as Mastodon keeps them: type `unknown`, only the address.
 */
export function remoteAttachmentRecords(
  deps: Pick<Deps, 'ids' | 'clock'>,
  status: { id: string; accountId: string },
  attachments: readonly RemoteAttachmentInput[],
  options: { rejectMedia?: boolean } = {},
): MediaAttachmentRecord[] {
  const now = deps.clock.now();
  const records: MediaAttachmentRecord[] = [];
  for (const input of attachments.slice(0, perStatus)) {
    if (!URL.canParse(input.url) || !/^https?:$/.test(new URL(input.url).protocol)) continue;
    const original =
      input.width && input.height ? { original: { width: input.width, height: input.height } } : {};
    records.push({
      id: deps.ids.next(),
      accountId: status.accountId,
      statusId: status.id,
      scheduledStatusId: null,
      type: options.rejectMedia ? 'unknown' : typeOf(input.mediaType),
      processing: 'complete',
      fileKey: null,
      fileContentType: input.mediaType,
      fileSize: null,
      previewKey: null,
      thumbnailKey: null,
      incomingKey: null,
      incomingContentType: null,
      meta: { ...original, ...(input.focus ? { focus: input.focus } : {}) },
      description: (input.description ?? '').slice(0, 1500),
      blurhash: input.blurhash,
      remoteUrl: input.url,
      error: null,
      createdAt: now,
      updatedAt: now,
    });
  }
  return records;
}

/** With MEDIA_CACHE_MODE=eager, enqueues the fetch of each attachment's file. */
export async function cacheRemoteAttachments(
  deps: Pick<Deps, 'config' | 'queue'>,
  records: readonly MediaAttachmentRecord[],
): Promise<void> {
  if (deps.config.media.cacheMode !== 'eager') return;
  for (const record of records) await enqueueRemoteMediaCache(deps, 'attachment', record.id);
}

/**
 * Records the attachments of a post already stored, once: a post that has attachments
 * already (the same Create delivered twice) gets none added.
 */
export async function recordRemoteAttachments(
  deps: Deps,
  status: { id: string; accountId: string },
  attachments: readonly RemoteAttachmentInput[],
): Promise<MediaAttachmentRecord[]> {
  if ((await findMediaByStatusIds(deps.db, [status.id])).length > 0) return [];
  const records = remoteAttachmentRecords(deps, status, attachments);
  for (const record of records) await insertMediaAttachment(deps.db, record);
  await cacheRemoteAttachments(deps, records);
  return records;
}
