/**
 * Search, wired in one call from app.ts: the `search.index` job that keeps the post index
 * current, made by the post events (stored as jobs/event-jobs.ts stores an event's jobs).
 * Returns a function that stops it.
 */
import type { Deps } from '../domain/context.ts';
import {
  runSearchIndexJob,
  searchIndexEvents,
  searchIndexJob,
  searchIndexJobFor,
} from '../domain/search/index-jobs.ts';
import type { EventJobs } from './event-jobs.ts';

export function registerSearch(deps: Deps, eventJobs: EventJobs): () => void {
  const unregister = eventJobs.register(searchIndexJob, (payload) =>
    runSearchIndexJob(deps, payload),
  );
  const stops = searchIndexEvents.map((name) =>
    eventJobs.on(name, (event) => ({
      queue: 'default',
      name: searchIndexJob,
      ...searchIndexJobFor(event),
    })),
  );
  return () => {
    for (const stop of stops) stop();
    unregister();
  };
}
