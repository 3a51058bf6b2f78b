/**
 * Notifications, wired in one call from app.ts: the `notifications.process` job that makes
 * and withdraws notifications, and the event handlers that enqueue it. Returns a function
 * that unsubscribes the handlers.
 */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { notificationJob, runNotificationJob } from '../domain/notifications/jobs.ts';
import { notifyOnEvents } from '../domain/notifications/on-events.ts';

/** Registers the job alone (tests run it on runtimes of their own). */
export function registerNotificationJobs(deps: Deps, jobs: JobRuntime): void {
  jobs.register(notificationJob, (payload) => runNotificationJob(deps, payload));
}

export function registerNotifications(deps: Deps, jobs: JobRuntime): () => void {
  registerNotificationJobs(deps, jobs);
  return notifyOnEvents(deps);
}
