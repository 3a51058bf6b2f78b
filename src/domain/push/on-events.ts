/**
 * A new notification is pushed to each of its recipient's subscriptions that wants it: one
 * `web_push.deliver` job per subscription on the `push` queue, retried 5 times like
 * Mastodon's worker. Whether the subscription wants it is decided again when the job runs, so
 * a subscription changed meanwhile is honoured.
 *
 * A post that notifies many followers at once emits their notifications together: the
 * subscriptions of all the recipients heard within one turn of the event loop are read in one
 * query, not one each.
 */
import type { Queryable } from '../../db/database.ts';
import {
  findWebPushSubscriptionsOfAccounts,
  type WebPushSubscriptionRecord,
} from '../../db/repositories/web-push-subscriptions.ts';
import type { Deps } from '../context.ts';
import { webPushJob, type WebPushJobPayload } from './deliver.ts';

export const webPushAttempts = 5;

type Waiting = {
  resolve: (subscriptions: WebPushSubscriptionRecord[]) => void;
  reject: (error: unknown) => void;
};

/** Reads the subscriptions of the accounts asked for in the same turn together. */
function subscriptionsReader(db: Queryable) {
  let asked: Map<string, Waiting[]> | null = null;
  const read = async (batch: Map<string, Waiting[]>) => {
    try {
      const found = await findWebPushSubscriptionsOfAccounts(db, [...batch.keys()]);
      for (const [accountId, waiting] of batch) {
        const own = found.filter((s) => s.accountId === accountId);
        for (const w of waiting) w.resolve(own);
      }
    } catch (error) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
    }
  };
  return (accountId: string) =>
    new Promise<WebPushSubscriptionRecord[]>((resolve, reject) => {
      if (!asked) {
        const batch = new Map<string, Waiting[]>();
        asked = batch;
        setImmediate(() => {
          asked = null;
          void read(batch);
        });
      }
      const waiting = asked.get(accountId) ?? [];
      waiting.push({ resolve, reject });
      asked.set(accountId, waiting);
    });
}

export function pushOnEvents(deps: Pick<Deps, 'db' | 'events' | 'queue'>): () => void {
  const subscriptionsOf = subscriptionsReader(deps.db);
  return deps.events.on('notification.created', async (event) => {
    const subscriptions = await subscriptionsOf(event.accountId);
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
