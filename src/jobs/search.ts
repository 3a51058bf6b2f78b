/**
 * Search, wired in one call from app.ts: the `search.index` job that keeps the post index
 * current and the event handlers that enqueue it. Returns a function that unsubscribes them.
 */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { indexOnEvents, runSearchIndexJob, searchIndexJob } from '../domain/search/index-jobs.ts';

export function registerSearch(deps: Deps, jobs: JobRuntime): () => void {
  jobs.register(searchIndexJob, (payload) => runSearchIndexJob(deps, payload));
  return indexOnEvents(deps);
}
