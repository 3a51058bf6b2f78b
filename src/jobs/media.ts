/** The media job: processing an upload of /api/v2/media (Mastodon's PostProcessMediaWorker). */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { processMediaAttachment, processMediaJob } from '../domain/media-attachments/process.ts';

export function registerMediaJobs(deps: Deps, jobs: JobRuntime): void {
  jobs.register(processMediaJob, async (payload) => {
    await processMediaAttachment(
      deps,
      (payload as { mediaAttachmentId: string }).mediaAttachmentId,
    );
  });
}
