/**
 * The `archives.build` job (Mastodon's BackupWorker, default queue): builds a requested user
 * archive (marked failed when its last attempt fails); a deleted account's archives are
 * removed with their files. What the archive holds in ActivityPub form comes from federation/,
 * handed in by app.ts (this layer may not import it), and loads Fedify only when an archive is built.
 */
import type { JobRuntime } from '../core/queue.ts';
import { buildArchive, failArchiveBuild } from '../domain/archives/build.ts';
import { removeArchivesOfAccount } from '../domain/archives/expire.ts';
import type { ArchiveContentsOf } from '../domain/archives/ports.ts';
import { buildArchiveJob } from '../domain/archives/request.ts';
import type { Deps } from '../domain/context.ts';

export function registerArchiveJobs(
  deps: Deps,
  jobs: JobRuntime,
  contentsOf: ArchiveContentsOf,
): void {
  jobs.register(buildArchiveJob, async (payload, job) => {
    const { archiveId } = payload as { archiveId: string };
    try {
      await buildArchive(deps, archiveId, contentsOf);
    } catch (error) {
      // The last attempt: the page says so instead of "Being prepared…" forever.
      if (job.attempts >= job.maxAttempts) await failArchiveBuild(deps, archiveId);
      throw error;
    }
  });
  // The user row goes with the account (the archive rows with it): their files go first.
  deps.events.on('account.deleting', async ({ accountId }) => {
    await removeArchivesOfAccount(deps, accountId);
  });
}
