/**
 * Web push, wired in one call from app.ts: the `web_push.deliver` job and the event handler
 * that enqueues it for each new notification. Returns a function that unsubscribes.
 */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import {
  deliverPush,
  webPushJob,
  type PushContext,
  type WebPushJobPayload,
} from '../domain/push/deliver.ts';
import { pushOnEvents } from '../domain/push/on-events.ts';

export function registerWebPush(deps: Deps, jobs: JobRuntime, context: PushContext): () => void {
  jobs.register(webPushJob, async (payload) => {
    await deliverPush(deps, context, payload as WebPushJobPayload);
  });
  return pushOnEvents(deps);
}
