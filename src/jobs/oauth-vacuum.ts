/** The daily `oauth.vacuum` job on the scheduler queue (domain/oauth/vacuum.ts). */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { vacuumJob, vacuumSignIns } from '../domain/oauth/vacuum.ts';

export function registerOAuthVacuum(deps: Deps, jobs: JobRuntime): void {
  jobs.register(vacuumJob, async () => {
    const removed = await vacuumSignIns(deps);
    deps.log.info('removed dead sign-ins', removed);
  });
  jobs.recurring(vacuumJob, { everyMs: 24 * 60 * 60 * 1000 });
}
