/**
 * A new notification is pushed to each of its recipient's subscriptions that wants it: one
 * `web_push.deliver` job per subscription on the `push` queue, retried 5 times like
 * Mastodon's worker. Whether the subscription wants it is decided again when the job runs, so
 * a subscription changed meanwhile is honoured.
 */
import { findWebPushSubscriptionsOfAccount } from '../../db/repositories/web-push-subscriptions.ts';
import type { Deps } from '../context.ts';
import { webPushJob, type WebPushJobPayload } from './deliver.ts';

export const webPushAttempts = 5;

export function pushOnEvents(deps: Pick<Deps, 'db' | 'events' | 'queue'>): () => void {
  return deps.events.on('notification.created', async (event) => {
    const subscriptions = await findWebPushSubscriptionsOfAccount(deps.db, event.accountId);
    const wanted = subscriptions.filter((s) => s.alerts[event.type] === true);
    if (wanted.length === 0) return;
    const payloads: WebPushJobPayload[] = wanted.map((s) => ({
      subscriptionId: s.id,
      notificationId: event.notificationId,
      accountId: event.accountId,
    }));
    await deps.queue.enqueueMany('push', webPushJob, payloads, { maxAttempts: webPushAttempts });
  });
}
