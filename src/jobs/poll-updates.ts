/** The delayed announcement of a local poll's counts (domain/statuses/polls/tally-updates.ts). */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import {
  announceTallies,
  pollTalliesJob,
  scheduleTallyUpdates,
} from '../domain/statuses/polls/tally-updates.ts';

/** Returns a function that stops scheduling. */
export function registerPollUpdates(deps: Deps, jobs: JobRuntime): () => void {
  jobs.register(pollTalliesJob, async (payload) => {
    await announceTallies(deps, payload);
  });
  return scheduleTallyUpdates(deps);
}
