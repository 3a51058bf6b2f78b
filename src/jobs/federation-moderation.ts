/**
 * The jobs of instance moderation: purging the accounts of a suspended domain, round by
 * round (domain/domain-blocks/purge-domain.ts).
 */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { purgeDomainJob, purgeSuspendedDomain } from '../domain/domain-blocks/purge-domain.ts';

export function registerModerationJobs(deps: Deps, jobs: JobRuntime): void {
  jobs.register(purgeDomainJob, async (payload) => {
    await purgeSuspendedDomain(deps, payload);
  });
}
