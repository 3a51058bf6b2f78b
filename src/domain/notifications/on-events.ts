/**
 * Subscribes the notification jobs to the domain events: each event that may notify someone
 * is stored as a `notifications.process` job on the `default` queue, so the work survives a
 * crash and a failure is retried. Returns a function that unsubscribes.
 */
import type { Deps } from '../context.ts';
import {
  notificationEvents,
  notificationJob,
  notificationJobFor,
  type NotificationEvent,
} from './jobs.ts';

export function notifyOnEvents(deps: Pick<Deps, 'events' | 'queue' | 'clock'>): () => void {
  const subscribe = <K extends NotificationEvent>(name: K) =>
    deps.events.on(name, async (event) => {
      const job = notificationJobFor(name, event, deps.clock.now());
      if (!job) return;
      await deps.queue.enqueue('default', notificationJob, job.payload, {
        orderingKey: job.orderingKey,
      });
    });
  const off = notificationEvents.map((name) => subscribe(name));
  return () => off.forEach((unsubscribe) => unsubscribe());
}
