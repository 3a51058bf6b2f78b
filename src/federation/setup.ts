/**
 * Builds Fedify's Federation on Woolly's own storage: the KvStore on the `kv` table and the
 * three Fedify queues on the job queue with Mastodon's retry policies. Dispatchers and inbox
 * listeners are added by the federation modules; this only lays the ground.
 */
import { createFederation, type Federation } from '@fedify/fedify';
import { deliveryRetryDelayMs } from '../core/backoff.ts';
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { DatabaseKvStore } from './kv-store.ts';
import { JobMessageQueue } from './message-queue.ts';
import { registerDispatchers } from './dispatchers/register.ts';
import { registerInboxListeners } from './inbox/register.ts';
import {
  checkedTestOptions,
  parseTestHosts,
  routeTestHosts,
  type FederationTestOptions,
} from './test-network.ts';

export interface WoollyFederation {
  federation: Federation<Deps>;
  kv: DatabaseKvStore;
  /** Hands Fedify's queued work to the job runtime's workers until `stop`. */
  startQueues(): void;
  stopQueues(): void;
}

const hour = 3_600_000;

export function setupFederation(
  deps: Deps,
  jobs: JobRuntime,
  testOptions?: FederationTestOptions,
): WoollyFederation {
  const { config, db, clock, log } = deps;
  const kv = new DatabaseKvStore(db, clock);
  jobs.register('fedify.kv.delete-expired', async () => {
    await kv.deleteExpired();
  });
  jobs.recurring('fedify.kv.delete-expired', { everyMs: hour });

  const federation = createFederation<Deps>({
    kv,
    queue: {
      // Mastodon: ActivityPub::ProcessingWorker, 8 retries.
      inbox: new JobMessageQueue(jobs, { name: 'fedify.inbox', queue: 'ingress', maxAttempts: 9 }),
      // Mastodon: ActivityPub::DeliveryWorker, 16 retries on its own backoff, no dead set.
      outbox: new JobMessageQueue(jobs, {
        name: 'fedify.outbox',
        queue: 'push',
        maxAttempts: 17,
        retry: { retryDelayMs: (attempts) => deliveryRetryDelayMs(attempts), keepDead: false },
      }),
      // Mastodon: ActivityPub::DistributionWorker, on push.
      fanout: new JobMessageQueue(jobs, { name: 'fedify.fanout', queue: 'push', maxAttempts: 25 }),
    },
    manuallyStartQueue: true,
    origin: { handleHost: config.localDomain, webOrigin: config.baseUrl },
    ...networkOptions(config, testOptions),
  });
  registerDispatchers(federation);
  registerInboxListeners(federation);

  let listening: AbortController | null = null;
  return {
    federation,
    kv,
    startQueues() {
      if (listening) return;
      listening = new AbortController();
      federation
        .startQueue(deps, { signal: listening.signal })
        .catch((error: unknown) => log.error('Fedify queue listeners failed', { error }));
    },
    stopQueues() {
      listening?.abort();
      listening = null;
    },
  };
}

/**
 * How Fedify reaches other servers: over the network with Woolly's User-Agent, or as a test
 * asks (Fedify takes a custom loader or private addresses only without a custom User-Agent).
 */
function networkOptions(config: Deps['config'], testOptions: FederationTestOptions | undefined) {
  const hosts = config.federationTestHosts ? parseTestHosts(config.federationTestHosts) : {};
  const testing = checkedTestOptions(config, {
    ...testOptions,
    hosts: { ...testOptions?.hosts, ...hosts },
  });
  if (testing?.hosts) routeTestHosts(testing.hosts);
  if (!testing) return { userAgent: { software: 'Woolly', url: config.baseUrl } };
  const loader = testing.documentLoader;
  if (loader) {
    return {
      documentLoaderFactory: () => loader,
      contextLoaderFactory: () => loader,
      authenticatedDocumentLoaderFactory: () => loader,
    };
  }
  return { allowPrivateAddress: true };
}
