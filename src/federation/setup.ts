/**
 * Builds Fedify's Federation on Woolly's own storage (federation/storage.ts: the KvStore on the
 * `kv` table and the three Fedify queues on the job queue). Dispatchers and inbox listeners
 * are added by the federation modules; this only lays the ground. app.ts loads this module
 * on demand (federation/on-demand.ts), so an idle instance does not carry Fedify.
 */
import { createFederation, type Federation } from '@fedify/fedify';
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import type { DatabaseKvStore } from './kv-store.ts';
import { readLegacyActorDocuments } from './document-loader.ts';
import { inboxIntake, type InboxIntake } from './inbox-intake.ts';
import { MemoryKeyCache } from './key-cache.ts';
import { installOutgoingAgent } from './http-agent.ts';
import './jsonld-expand.ts'; // Fedify's parse expands each document up to 7 times: a cheaper expand
import { federationStorage, type FederationStorage } from './storage.ts';
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
  /** The inboxes' door: reads every inbox POST and accepts the common case (inbox-intake.ts). */
  intake: InboxIntake;
  /** Hands Fedify's queued work to the job runtime's workers until `stop`. */
  startQueues(): void;
  stopQueues(): void;
}

export function setupFederation(
  deps: Deps,
  jobs: JobRuntime,
  testOptions?: FederationTestOptions,
  storage: FederationStorage = federationStorage(deps, jobs),
): WoollyFederation {
  const { config, log } = deps;
  const { kv, queues } = storage;
  const federation = createFederation<Deps>({
    kv,
    queue: queues,
    manuallyStartQueue: true,
    origin: { handleHost: config.localDomain, webOrigin: config.baseUrl },
    ...networkOptions(config, testOptions),
  });
  readLegacyActorDocuments(federation);
  registerDispatchers(federation);
  registerInboxListeners(federation);

  let listening: AbortController | null = null;
  return {
    federation,
    kv,
    intake: inboxIntake(deps, federation, queues.inbox, new MemoryKeyCache(kv)),
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
  // Keep-alive and timeouts for deliveries; a test's host map brings its own dispatcher.
  if (config.env !== 'test' && !testing?.hosts) installOutgoingAgent();
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
