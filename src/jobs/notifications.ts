/**
 * Notifications, wired in one call from app.ts: the `notifications.process` job that makes
 * and withdraws notifications, made by each event that may notify someone (stored as
 * jobs/event-jobs.ts stores an event's jobs, so the work survives a crash and a failure is
 * retried). Returns a function that stops it.
 */
import type { DomainEvents } from '../domain/events.ts';
import type { Deps } from '../domain/context.ts';
import {
  notificationEvents,
  notificationJob,
  notificationJobFor,
  runNotificationJob,
  type NotificationEvent,
} from '../domain/notifications/jobs.ts';
import type { EventJobs } from './event-jobs.ts';

export function registerNotifications(deps: Deps, eventJobs: EventJobs): () => void {
  const unregister = eventJobs.register(notificationJob, (payload) =>
    runNotificationJob(deps, payload),
  );
  const on = <K extends NotificationEvent>(name: K) =>
    eventJobs.on(name, (event: DomainEvents[K], at) => {
      const job = notificationJobFor(name, event, at);
      return job && { queue: 'default', name: notificationJob, ...job };
    });
  const stops = notificationEvents.map((name) => on(name));
  return () => {
    for (const stop of stops) stop();
    unregister();
  };
}
