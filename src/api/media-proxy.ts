/**
 * `GET /media_proxy/:id/original|small` (Mastodon's MediaProxyController): the address the
 * API gives for a remote attachment whose file is not cached, never fetched (lazy cache
 * mode) or evicted by the retention. It fetches the file into the cache now (through the
 * same guarded fetcher as the `pull` job) and redirects to the stored copy; when the file
 * cannot be fetched, it redirects to the sender's own address. Only attachments of public
 * and unlisted posts are served; anything else is a 404.
 */
import { Hono } from 'hono';
import { findMediaAttachment } from '../db/repositories/media-attachments.ts';
import { findStatusById } from '../db/repositories/statuses.ts';
import { mediaProxyPrefix } from '../domain/media-attachments/media-view.ts';
import { publicMediaUrl } from '../domain/media-attachments/urls.ts';
import { cacheRemoteMedia } from '../domain/remote-media/cache.ts';
import type { AppEnv } from './mastodon/env.ts';

const publicVisibilities = new Set(['public', 'unlisted']);

export function mediaProxyRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(`${mediaProxyPrefix}:id/:variant`, async (c) => {
    const deps = c.var.deps;
    const variant = c.req.param('variant');
    if (variant !== 'original' && variant !== 'small') return c.notFound();
    const id = c.req.param('id');
    let record = await findMediaAttachment(deps.db, id);
    if (!record || record.remoteUrl === '' || record.statusId === null) return c.notFound();
    // Mastodon authorizes the post for the viewer; an image request carries no token, so
    // only the media of public and unlisted posts (not deleted) are fetched through here.
    const status = await findStatusById(deps.db, record.statusId);
    if (!status || status.deletedAt !== null || !publicVisibilities.has(status.visibility)) {
      return c.notFound();
    }
    if (record.fileKey === null || !(await deps.media.storage.exists(record.fileKey))) {
      const outcome = await cacheRemoteMedia(deps, 'attachment', id).catch((error: unknown) => {
        deps.log.info('media proxy could not fetch', { mediaAttachmentId: id, error });
        return 'failed' as const;
      });
      if (outcome === 'cached') record = (await findMediaAttachment(deps.db, id)) ?? record;
    }
    const key = variant === 'small' ? (record.previewKey ?? record.fileKey) : record.fileKey;
    const location = key ? publicMediaUrl(deps.config, key) : record.remoteUrl;
    c.header('Cache-Control', 'no-store');
    return c.redirect(location, 302);
  });
}
