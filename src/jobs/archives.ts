/**
 * The `archives.build` job (Mastodon's BackupWorker, default queue): builds a requested user
 * archive; a deleted account's archives are removed with their files. What the archive holds in ActivityPub form comes from federation/, handed in by
 * app.ts (this layer may not import it), and loads Fedify only when an archive is built.
 */
import type { JobRuntime } from '../core/queue.ts';
import { buildArchive } from '../domain/archives/build.ts';
import { removeArchivesOfAccount } from '../domain/archives/expire.ts';
import type { ArchiveContentsOf } from '../domain/archives/ports.ts';
import { buildArchiveJob } from '../domain/archives/request.ts';
import type { Deps } from '../domain/context.ts';

export function registerArchiveJobs(
  deps: Deps,
  jobs: JobRuntime,
  contentsOf: ArchiveContentsOf,
): void {
  jobs.register(buildArchiveJob, async (payload) => {
    await buildArchive(deps, (payload as { archiveId: string }).archiveId, contentsOf);
  });
  // The user row goes with the account (the archive rows with it): their files go first.
  deps.events.on('account.deleting', async ({ accountId }) => {
    await removeArchivesOfAccount(deps, accountId);
  });
}
