/**
 * Where Fedify keeps its state: the KvStore on the `kv` table and its three queues on the job
 * queue, with Mastodon's retry policies. None of it loads Fedify, so app.ts builds it at
 * start-up (the job handlers must exist before the workers run) while Fedify itself is
 * loaded on demand (federation/on-demand.ts).
 */
import { deliveryRetryDelayMs } from '../core/backoff.ts';
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { DatabaseKvStore } from './kv-store.ts';
import { JobMessageQueue } from './message-queue.ts';
import { deliveryHost, HostSlots } from './outbox/host-slots.ts';
import { SharedPayloads } from './outbox/shared-payloads.ts';

export interface FederationStorage {
  kv: DatabaseKvStore;
  queues: { inbox: JobMessageQueue; outbox: JobMessageQueue; fanout: JobMessageQueue };
}

const hour = 3_600_000;

/**
 * `summon`: called when a Fedify job is due while Fedify is not loaded yet; it must load
 * Fedify and start its queues.
 */
export function federationStorage(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  jobs: JobRuntime,
  summon?: () => Promise<unknown>,
): FederationStorage {
  const kv = new DatabaseKvStore(deps.db, deps.clock);
  const shared = new SharedPayloads(deps.db, deps.clock);
  jobs.register('fedify.kv.delete-expired', async () => {
    await kv.deleteExpired();
    await shared.sweep();
  });
  jobs.recurring('fedify.kv.delete-expired', { everyMs: hour });
  return {
    kv,
    queues: {
      // Mastodon: ActivityPub::ProcessingWorker, 8 retries.
      inbox: new JobMessageQueue(jobs, {
        name: 'fedify.inbox',
        queue: 'ingress',
        maxAttempts: 9,
        summon,
      }),
      // Mastodon: ActivityPub::DeliveryWorker, 16 retries on its own backoff, no dead set.
      outbox: new JobMessageQueue(jobs, {
        name: 'fedify.outbox',
        queue: 'push',
        maxAttempts: 17,
        retry: { retryDelayMs: (attempts) => deliveryRetryDelayMs(attempts), keepDead: false },
        summon,
        // One server gets at most a fifth of the delivery loops, so a slow one never has all.
        perHost: {
          slots: new HostSlots(Math.ceil(deps.config.pushConcurrency / 5)),
          hostOf: deliveryHost,
        },
        shared,
      }),
      // Mastodon: ActivityPub::DistributionWorker, on push.
      fanout: new JobMessageQueue(jobs, {
        name: 'fedify.fanout',
        queue: 'push',
        maxAttempts: 25,
        summon,
      }),
    },
  };
}
