/**
 * `GET /media_proxy/:id/original|small` (Mastodon's MediaProxyController): the address the
 * API gives for a remote attachment whose file is not cached, never fetched (lazy cache
 * mode) or evicted by the retention. It fetches the file into the cache now (through the
 * same guarded fetcher as the `pull` job) and redirects to the stored copy; when the file
 * cannot be fetched, it redirects to the sender's own address. Only attachments of public
 * and unlisted posts are served; anything else is a 404.
 *
 * `GET /media_proxy/accounts/:id/avatar|header` does the same for a remote account's avatar
 * or header (public, as profiles are), which lazy mode shows until it is cached.
 */
import { Hono } from 'hono';
import { findAccountById } from '../db/repositories/accounts.ts';
import { findMediaAttachment } from '../db/repositories/media-attachments.ts';
import { findRemoteMediaFile } from '../db/repositories/remote-media-files.ts';
import { findStatusById } from '../db/repositories/statuses.ts';
import { mediaProxyPrefix } from '../domain/media-attachments/media-view.ts';
import { publicMediaUrl } from '../domain/media-attachments/urls.ts';
import { cacheRemoteMedia } from '../domain/remote-media/cache.ts';
import type { AppEnv } from './mastodon/env.ts';

const publicVisibilities = new Set(['public', 'unlisted']);

export function mediaProxyRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get(`${mediaProxyPrefix}accounts/:id/:kind`, async (c) => {
      const deps = c.var.deps;
      const kind = c.req.param('kind');
      if (kind !== 'avatar' && kind !== 'header') return c.notFound();
      const id = c.req.param('id');
      const account = /^[0-9]{1,19}$/.test(id) ? await findAccountById(deps.db, id) : null;
      const remoteUrl = kind === 'avatar' ? account?.avatarRemoteUrl : account?.headerRemoteUrl;
      if (!account || account.domain === null || !remoteUrl) return c.notFound();
      await cacheRemoteMedia(deps, kind, id).catch((error: unknown) => {
        deps.log.info('media proxy could not fetch', { kind, accountId: id, error });
      });
      const cached = await findRemoteMediaFile(deps.db, kind, id);
      const location =
        cached && cached.remoteUrl === remoteUrl
          ? publicMediaUrl(deps.config, cached.fileKey)
          : remoteUrl;
      c.header('Cache-Control', 'no-store');
      return c.redirect(location, 302);
    })
    .get(`${mediaProxyPrefix}:id/:variant`, async (c) => {
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
