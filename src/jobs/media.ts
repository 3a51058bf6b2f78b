/**
 * The media jobs: processing an upload of /api/v2/media (Mastodon's PostProcessMediaWorker)
 * and the daily removal of uploads never attached to a post (MediaCleanupScheduler).
 */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { removeOrphanedMedia } from '../domain/media-attachments/cleanup.ts';
import { processMediaAttachment, processMediaJob } from '../domain/media-attachments/process.ts';

const cleanupJob = 'media.remove_orphaned';

export function registerMediaJobs(deps: Deps, jobs: JobRuntime): void {
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
  jobs.recurring(cleanupJob, { everyMs: 24 * 60 * 60 * 1000 });
}
