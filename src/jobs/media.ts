/**
 * The media jobs: processing an upload of /api/v2/media (Mastodon's PostProcessMediaWorker),
 * the daily removal of uploads never attached to a post (MediaCleanupScheduler), fetching
 * remote media into the cache on the `pull` queue (RedownloadMediaWorker) and the daily
 * content and media cache retention and user archive retention (Vacuum::StatusesVacuum,
 * Vacuum::MediaAttachmentsVacuum, Vacuum::BackupsVacuum).
 * Returns a function that unsubscribes the event handlers.
 */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { removeOrphanedMedia } from '../domain/media-attachments/cleanup.ts';
import { processMediaAttachment, processMediaJob } from '../domain/media-attachments/process.ts';
import {
  applyContentRetention,
  applyMediaRetention,
} from '../domain/remote-media/apply-retention.ts';
import { expireArchives } from '../domain/archives/expire.ts';
import { cacheRemoteMedia } from '../domain/remote-media/cache.ts';
import {
  cacheRemoteMediaJob,
  type CacheRemoteMediaPayload,
} from '../domain/remote-media/enqueue.ts';
import { cacheProfileImagesOnEvents } from '../domain/remote-media/on-events.ts';

const cleanupJob = 'media.remove_orphaned';
const retentionJob = 'media.retention';
const day = 24 * 60 * 60 * 1000;

export function registerMediaJobs(deps: Deps, jobs: JobRuntime): () => void {
  jobs.register(processMediaJob, async (payload) => {
    await processMediaAttachment(
      deps,
      (payload as { mediaAttachmentId: string }).mediaAttachmentId,
    );
  });
  jobs.register(cleanupJob, async () => {
    const removed = await removeOrphanedMedia(deps);
    if (removed > 0) deps.log.info('removed uploads never attached to a post', { removed });
  });
  jobs.recurring(cleanupJob, { everyMs: day });
  jobs.register(cacheRemoteMediaJob, async (payload) => {
    const { kind, id, force } = payload as CacheRemoteMediaPayload;
    await cacheRemoteMedia(deps, kind, id, { force });
  });
  jobs.register(retentionJob, async () => {
    const posts = await applyContentRetention(deps);
    if (posts && posts.statuses > 0) {
      deps.log.info('content cache retention removed remote posts', { ...posts });
    }
    const removed = await applyMediaRetention(deps);
    if (removed && removed.attachments + removed.images > 0) {
      deps.log.info('media cache retention removed cached remote files', { ...removed });
    }
    const archives = await expireArchives(deps);
    if (archives) deps.log.info('backups retention removed user archives', { archives });
  });
  jobs.recurring(retentionJob, { everyMs: day });
  return cacheProfileImagesOnEvents(deps);
}
