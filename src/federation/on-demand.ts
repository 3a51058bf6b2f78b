/**
 * Fedify, loaded when federation is first needed instead of at start-up: importing it and the
 * vocabulary costs about 60 MB and 0.3-0.5 s, which an instance nobody federates with yet,
 * and every start before the first request, should not pay.
 *
 * What must exist from the start is built here without Fedify: its storage and queues (so
 * the workers find handlers for its jobs), the HTTP middleware, and the listeners and jobs
 * of the domain events the outbox turns into activities (outbox/durable.ts). The first of
 * these to need Fedify (an ActivityPub or WebFinger request, a due delivery, inbox or outbox
 * job, a remote lookup) loads it; whatever arrives meanwhile waits for the same load. Once
 * it is loaded, only the requests for its own paths go through it (fedify-routes.ts).
 *
 * @example
 * const fedify = federationOnDemand(deps, jobs, options.federation);
 * app.use(fedify.middleware);
 * const federation = await fedify.load();
 */
import type { Federation } from '@fedify/fedify';
import type { Env, MiddlewareHandler } from 'hono';
import { EventBus } from '../core/events.ts';
import type { JobRuntime } from '../core/queue.ts';
import type { Queryable } from '../db/database.ts';
import type { AccountRecord } from '../db/repositories/accounts.ts';
import type { Deps } from '../domain/context.ts';
import type { DomainEvents } from '../domain/events.ts';
import { fedifyRouteMatcher } from './fedify-routes.ts';
import {
  federationMiddleware,
  isInboxPost,
  mayBeFedifyPath,
  mayBeForFedify,
  pathnameOf,
  serveWithFedify,
} from './hono.ts';
import { federateDurably, type OutboxEvent } from './outbox/durable.ts';
import { outboxEvents } from './outbox/events.ts';
import type { WoollyFederation } from './setup.ts';
import { federationStorage } from './storage.ts';
import type { FederationTestOptions } from './test-network.ts';

export interface FederationOnDemand {
  /** Loads Fedify and everything of federation/ (once; later calls get the same). */
  load(): Promise<Federation<Deps>>;
  /** The Federation if it is loaded, else null. */
  loaded(): Federation<Deps> | null;
  /** Fedify in front of Woolly's routes, loading it for requests that may be its own. */
  middleware: MiddlewareHandler<Env>;
  /** Finds a remote account by handle (`bob@example.com`); see resolve-account.ts. */
  resolveAccount(handle: string): Promise<AccountRecord | null>;
  /** Fetches and stores the post or account a URL names (resolve-url.ts). */
  resolveUrl(url: string): Promise<void>;
  /** Stops Fedify's queues and the outbox, and writes the inbox marks still kept (kv-store.ts). */
  close(): Promise<void>;
}

/**
 * The event bus the outbox bridge subscribes to once loaded: it hears the outbox events that
 * app-level listeners pass on, and refuses a subscription to any other (it would never fire).
 * What the bridge emits goes to the real bus.
 */
class OutboxEventBus extends EventBus<DomainEvents, Queryable> {
  readonly #real: Deps['events'];

  constructor(real: Deps['events'], onError: (name: string, error: unknown) => void) {
    super(onError);
    this.#real = real;
  }

  override on<K extends keyof DomainEvents>(
    name: K,
    handler: (event: DomainEvents[K]) => void | Promise<void>,
  ): () => void {
    if (!(outboxEvents as readonly string[]).includes(name)) {
      throw new Error(`the outbox reacts to ${name}: add it to federation/outbox/events.ts`);
    }
    return super.on(name, handler);
  }

  override emit<K extends keyof DomainEvents>(name: K, event: DomainEvents[K]): Promise<void> {
    return this.#real.emit(name, event);
  }

  /** Runs the bridge's reactions to `event`; rejects if one failed (its job retries). */
  passOrThrow<K extends OutboxEvent>(name: K, event: DomainEvents[K]): Promise<void> {
    return super.emitOrThrow(name, event);
  }
}

export function federationOnDemand(
  deps: Deps,
  jobs: JobRuntime,
  testOptions?: FederationTestOptions,
): FederationOnDemand {
  const { log } = deps;
  let loading: Promise<WoollyFederation> | null = null;
  let current: WoollyFederation | null = null;
  /** Whether a path is one of Fedify's routes, once it is loaded (fedify-routes.ts). */
  let isFedifys: (pathname: string) => boolean = () => true;
  let stopOutbox: (() => void) | null = null;
  let closed = false;
  const outboxBus = new OutboxEventBus(deps.events, (name, error) =>
    log.error('outbox: could not federate an event', { event: name, error }),
  );

  const load = (): Promise<WoollyFederation> =>
    (loading ??= (async () => {
      const started = performance.now();
      const [{ setupFederation }, { startOutbox }] = await Promise.all([
        import('./setup.ts'),
        import('./outbox/bridge.ts'),
      ]);
      const fedify = setupFederation(deps, jobs, testOptions, storage);
      isFedifys = fedifyRouteMatcher(fedify.federation);
      if (!closed) {
        fedify.startQueues();
        stopOutbox = startOutbox({ ...deps, events: outboxBus }, fedify.federation);
      }
      current = fedify;
      log.debug('Fedify loaded', { ms: Math.round(performance.now() - started) });
      return fedify;
    })());

  const storage = federationStorage(deps, jobs, load);
  // Each outbox event is a durable job (outbox/durable.ts); the job loads Fedify if needed.
  const stopListening = federateDurably(deps, jobs, async (name, event) => {
    if (!current) await load();
    await outboxBus.passOrThrow(name, event);
  });

  const viaFedify = (fedify: WoollyFederation) =>
    federationMiddleware<Env, Deps>(fedify.federation, () => deps);

  let loadedMiddleware: MiddlewareHandler<Env> | null = null;
  const middleware: MiddlewareHandler<Env> = async (c, next) => {
    if (isInboxPost(c.req.raw)) {
      // Read at the door (inbox-intake.ts): the common case is queued there, the rest is
      // Fedify's, given the request with its body read.
      const fedify = current ?? (await load());
      const taken = await fedify.intake.take(c.req.raw);
      if (taken instanceof Response) return taken;
      return serveWithFedify(fedify.federation, deps, c, next, taken);
    }
    if (current) {
      // A path Fedify has no route for would only be handed on by it.
      if (!isFedifys(pathnameOf(c.req.raw.url))) return next();
      return (loadedMiddleware ??= viaFedify(current))(c, next);
    }
    if (mayBeForFedify(c.req.raw)) {
      const fedify = await load();
      return (loadedMiddleware ??= viaFedify(fedify))(c, next);
    }
    await next();
    // A GET for a URL Fedify serves, asked for as HTML, with no page of Woolly's for it: Fedify
    // answers 406 where Woolly would say 404, as once loaded.
    const { method } = c.req.raw;
    if (c.res.status !== 404 || (method !== 'GET' && method !== 'HEAD')) return;
    if (!mayBeFedifyPath(c.req.path)) return;
    const notFound = c.res;
    const fedify = await load();
    c.res = await fedify.federation.fetch(c.req.raw, {
      contextData: deps,
      onNotFound: () => notFound,
      onNotAcceptable: () =>
        new Response('Not Acceptable', {
          status: 406,
          headers: { 'Content-Type': 'text/plain', Vary: 'Accept' },
        }),
    });
  };

  return {
    load: async () => (await load()).federation,
    loaded: () => current?.federation ?? null,
    middleware,
    async resolveAccount(handle) {
      const [fedify, { resolveRemoteAccount }] = await Promise.all([
        load(),
        import('./resolve-account.ts'),
      ]);
      return resolveRemoteAccount(fedify.federation, deps, handle);
    },
    async resolveUrl(url) {
      const [fedify, { resolveRemoteUrl }] = await Promise.all([
        load(),
        import('./resolve-url.ts'),
      ]);
      await resolveRemoteUrl(fedify.federation, deps, url);
    },
    async close() {
      closed = true;
      stopListening();
      stopOutbox?.();
      current?.stopQueues();
      // Jobs that finish after this write their marks at once.
      await storage.kv
        .close()
        .catch((error: unknown) =>
          log.error('could not write the inbox idempotence marks', { error }),
        );
    },
  };
}
