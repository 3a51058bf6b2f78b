/**
 * Media attachments named by a post (Mastodon's validate_media!): at most four, each an upload
 * of the author's not attached to another post (an edit may keep the post's own), no video or
 * audio beside anything else, and all finished processing. Mastodon's 422 texts, in its order.
 */
import { AppError } from '../../core/errors.ts';
import {
  findMediaAttachmentsByIds,
  type MediaAttachmentRecord,
} from '../../db/repositories/media-attachments.ts';
import type { Deps } from '../context.ts';
import { statusLimits } from '../instance/limits.ts';

/**
 * Mastodon reads the ids with `to_i` (the leading digits, else 0), and names them so in the
 * message. Done on the text: a 64-bit id does not survive a JavaScript number.
 */
const toI = (id: string): string => {
  const digits = /^\s*(\d+)/.exec(String(id))?.[1]?.replace(/^0+(?=\d)/, '');
  return digits ?? '0';
};

/**
 * The attachments `ids` name, in the order given; an empty list for none. `statusId` is the
 * post being edited, whose own attachments may stay.
 */
export async function findMediaForPost(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  ids: readonly string[] | null,
  statusId: string | null = null,
): Promise<MediaAttachmentRecord[]> {
  if (!ids || ids.length === 0) return [];
  if (ids.length > statusLimits.maxMediaAttachments) {
    throw new AppError(422, `Cannot attach more than ${statusLimits.maxMediaAttachments} files`);
  }
  const wanted = [...new Set(ids.map(toI))];
  const found = new Map(
    (await findMediaAttachmentsByIds(deps.db, wanted))
      .filter((m) => m.accountId === accountId && (m.statusId === null || m.statusId === statusId))
      .map((m) => [m.id, m]),
  );
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError(
      422,
      `Media ${missing.join(', ')} not found or already attached to another post`,
    );
  }
  const media = wanted.map((id) => found.get(id)!);
  if (media.length > 1 && media.some((m) => m.type === 'video' || m.type === 'audio')) {
    throw new AppError(422, 'Cannot attach a video to a post that already contains images');
  }
  if (media.some((m) => m.processing !== 'complete')) {
    throw new AppError(
      422,
      'Cannot attach files that have not finished processing. Try again in a moment!',
    );
  }
  return media;
}
