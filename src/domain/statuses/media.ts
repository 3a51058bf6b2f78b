/**
 * Media attachments named by a post (Mastodon's validate_media!). Uploads arrive with the
 * media API in a later issue; until then no id names an upload of the author's, and every id
 * is answered as Mastodon answers an unknown one.
 */
import { AppError } from '../../core/errors.ts';
import { statusLimits } from '../instance/limits.ts';

/** Throws Mastodon's 422 for too many or unknown attachments; nothing to check for none. */
export function checkMediaIds(ids: readonly string[] | null): void {
  if (!ids || ids.length === 0) return;
  if (ids.length > statusLimits.maxMediaAttachments) {
    throw new AppError(422, `Cannot attach more than ${statusLimits.maxMediaAttachments} files`);
  }
  // Mastodon reads the ids with `to_i`, and names them so in the message.
  const unknown = ids.map((id) => String(Number.parseInt(id, 10) || 0));
  throw new AppError(
    422,
    `Media ${unknown.join(', ')} not found or already attached to another post`,
  );
}
