/**
 * Timelines, wired in one call from app.ts: the `feeds.process` job that fans posts out into
 * the precomputed home and list feeds and keeps conversations, made by the events that change
 * them (stored as jobs/event-jobs.ts stores an event's jobs). Returns a function that stops it.
 */
import type { DomainEvents } from '../domain/events.ts';
import type { Deps } from '../domain/context.ts';
import {
  feedEvents,
  feedJob,
  feedJobFor,
  runFeedJob,
  type FeedEvent,
} from '../domain/timelines/feed-jobs.ts';
import type { EventJobs } from './event-jobs.ts';

export function registerTimelines(deps: Deps, eventJobs: EventJobs): () => void {
  const unregister = eventJobs.register(feedJob, (payload) => runFeedJob(deps, payload));
  const on = <K extends FeedEvent>(name: K) =>
    eventJobs.on(name, (event: DomainEvents[K]) => ({
      queue: 'default',
      name: feedJob,
      ...feedJobFor(name, event),
    }));
  const stops = feedEvents.map((name) => on(name));
  return () => {
    for (const stop of stops) stop();
    unregister();
  };
}
