/**
 * Timelines, wired in one call from app.ts: the `feeds.process` job that fans posts out into
 * the precomputed home and list feeds and keeps conversations, and the event handlers that
 * enqueue it. Returns a function that unsubscribes the handlers.
 */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { feedJob, runFeedJob, updateFeedsOnEvents } from '../domain/timelines/feed-jobs.ts';

export function registerTimelines(deps: Deps, jobs: JobRuntime): () => void {
  jobs.register(feedJob, (payload) => runFeedJob(deps, payload));
  return updateFeedsOnEvents(deps);
}
