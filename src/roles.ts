/**
 * What one Woolly process does. `woolly start` does everything (the embedded shape); the
 * scaled-out shape splits the same program into `web`, `streaming`, `worker` and `scheduler`
 * processes (docs/scaling.md).
 */
import type { QueueName } from './core/queue.ts';

export interface WoollyRoles {
  /** The Mastodon API, OAuth, the web pages and the federation inbox. */
  http?: boolean;
  /** The streaming API (WebSocket and SSE), on the same port as `http` when both run. */
  streaming?: boolean;
  /** Job workers: which queues (all by default) and how many jobs at once. */
  workers?: false | { queues?: readonly QueueName[]; concurrency?: number };
  /** Enqueues the recurring jobs (once per period across every scheduler). */
  scheduler?: boolean;
}

export const allRoles: Required<WoollyRoles> = {
  http: true,
  streaming: true,
  workers: {},
  scheduler: true,
};

/** What the job runtime's `start` is given, or null when this process runs no jobs at all. */
export function jobStartOptions(roles: Required<WoollyRoles>) {
  const { workers, scheduler } = roles;
  if (!workers && !scheduler) return null;
  return workers
    ? { queues: workers.queues, concurrency: workers.concurrency, scheduler }
    : { queues: [], scheduler };
}

/** Whether this process listens on a port at all. */
export function servesHttp(roles: Required<WoollyRoles>): boolean {
  return roles.http || roles.streaming;
}
