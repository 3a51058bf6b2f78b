/** The `trends.refresh` job, every five minutes on the scheduler queue (domain/trends). */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { refreshEveryMs, refreshTrends, refreshTrendsJob } from '../domain/trends/refresh.ts';

export function registerTrends(deps: Deps, jobs: JobRuntime): void {
  jobs.register(refreshTrendsJob, async () => {
    deps.log.debug('trends refreshed', { ...(await refreshTrends(deps)) });
  });
  jobs.recurring(refreshTrendsJob, { everyMs: refreshEveryMs });
}
