/**
 * The composition root: builds every part of Woolly from the configuration and wires them
 * together. The CLI, the tests and the benchmarks all start Woolly through `createWoolly`.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, Server as HttpsServer } from 'node:https';
import { Server as HttpServer } from 'node:http';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import type { Federation } from '@fedify/fedify';
import type { Config } from './config/schema.ts';
import { systemClock, type Clock } from './core/clock.ts';
import { EventBus } from './core/events.ts';
import { IdGenerator } from './core/ids.ts';
import { createLogger, type Logger } from './core/logger.ts';
import type { JobRuntime } from './core/queue.ts';
import type { Database, Queryable } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { openDatabase } from './db/open.ts';
import { allocateWorkerId } from './db/worker-id.ts';
import type { AccountRecord } from './db/repositories/accounts.ts';
import type { Deps } from './domain/context.ts';
import type { DomainEvents } from './domain/events.ts';
import { clientIp } from './api/client-ip.ts';
import { createRateLimiting, type RateLimiting } from './api/rate-limit/build.ts';
import { healthRoutes } from './api/health.ts';
import { apiCors } from './api/cors.ts';
import { renderError, renderNotFound } from './api/mastodon/errors.ts';
import type { AppEnv } from './api/mastodon/env.ts';
import { authenticate } from './api/mastodon/middleware/auth.ts';
import { mastodonApi } from './api/mastodon/routes.ts';
import { streamEntities } from './api/mastodon/stream-entities.ts';
import { pushIcon } from './api/mastodon/push-icon.ts';
import { vapidSubject } from './domain/push/vapid.ts';
import { registerWebPush } from './jobs/web-push.ts';
import { oauthApi } from './api/oauth/routes.ts';
import { inboxDomainGate } from './federation/inbox/domain-gate.ts';
import { federationOnDemand, type FederationOnDemand } from './federation/on-demand.ts';
import { registerBackfill } from './federation/backfill/register.ts';
import { registerAccountRefresh } from './federation/refresh-jobs.ts';
import type { RefreshRemoteAccounts } from './federation/refresh-types.ts';
import type { InstanceReachability } from './federation/reachability.ts';
import {
  checkedTestOptions,
  routeConfiguredTestHosts,
  type FederationTestOptions,
} from './federation/test-network.ts';
import { wellKnownRoutes } from './federation/well-known.ts';
import { registerOAuthVacuum } from './jobs/oauth-vacuum.ts';
import { createJobRuntime, type JobTiming } from './jobs/drivers.ts';
import { registerTestJobs } from './jobs/test-jobs.ts';
import { allRoles, jobStartOptions, servesHttp, type WoollyRoles } from './roles.ts';
import { createMailService } from './mail/service.ts';
import { registerMuteExpiry } from './jobs/mute-expiry.ts';
import { registerStatusJobs } from './jobs/statuses.ts';
import { registerModerationJobs } from './jobs/federation-moderation.ts';
import { registerPollUpdates } from './jobs/poll-updates.ts';
import { registerNotifications } from './jobs/notifications.ts';
import { registerTimelines } from './jobs/timelines.ts';
import { registerSearch } from './jobs/search.ts';
import { EventJobs } from './jobs/event-jobs.ts';
import { registerPreviewCards } from './jobs/preview-cards.ts';
import { registerTrends } from './jobs/trends.ts';
import { registerMediaJobs } from './jobs/media.ts';
import { registerArchiveJobs } from './jobs/archives.ts';
import { createMediaPorts } from './media/ports.ts';
import { confirmationPage } from './web/confirmation.ts';
import { passwordEditPage } from './web/password-edit.ts';
import { settingsExportPage } from './web/settings-export.ts';
import { passwordNewPage } from './web/password-new.ts';
import { setupPage } from './web/setup.ts';
import { oauthAuthorizePages } from './web/oauth-authorize.ts';
import { signInPages } from './web/sign-in.ts';
import { publicPages } from './web/public/routes.ts';
import { createStreaming, type Streaming, type StreamingOptions } from './streaming/service.ts';
import { LocalSignalBus, type SignalBus } from './streaming/signals.ts';

export interface WoollyOptions {
  clock?: Clock;
  log?: Logger;
  /** Apply pending migrations before anything else (default true). */
  migrate?: boolean;
  /** An already open database (tests share one across restarts). */
  db?: Database;
  /** Job polling and lock timing (tests shorten them). */
  jobs?: JobTiming;
  /** What this process does (roles.ts); everything by default, as `woolly start`. */
  roles?: WoollyRoles;
  /** Test-only jobs for the multi-process tests (jobs/test-jobs.ts); the CLI refuses it in production. */
  testJobs?: boolean;
  /** Streaming heartbeats and slow-client limits (tests shorten them). */
  streaming?: StreamingOptions;
  /**
   * Test-only: remote documents from fixtures, or fetching loopback addresses (two
   * instances on one machine). Refused when NODE_ENV=production.
   */
  federation?: FederationTestOptions;
  /**
   * The bus stream signals travel on, instead of the configured one (a job thread posts them
   * to the main thread: job-threads.ts, which publishes them with `streaming.publish`).
   */
  signals?: SignalBus;
}

export interface Woolly {
  config: Config;
  deps: Deps;
  jobs: JobRuntime;
  /**
   * Fedify's Federation, once loaded (federation/on-demand.ts loads it on first need); before
   * that, reading it throws: `await loadFederation()` instead.
   */
  readonly federation: Federation<Deps>;
  /** Loads Fedify and everything of federation/ if not yet done. */
  loadFederation(): Promise<Federation<Deps>>;
  /** Finds an account on another server by handle (`bob@example.com`), storing it. */
  resolveAccount(handle: string): Promise<AccountRecord | null>;
  /** Fetches remote accounts again (`woolly accounts refresh`); see federation/refresh.ts. */
  refreshRemoteAccounts: RefreshRemoteAccounts;
  /** Known servers and whether deliveries reach them (`woolly instances list`). */
  instanceReachability(): Promise<InstanceReachability[]>;
  /** The HTTP application; `http.request(...)` answers in-process. */
  http: Hono<AppEnv>;
  /** The open streams of this process. */
  streaming: Streaming;
  /** Starts listening (when a role serves HTTP: else null) and the workers of its roles. */
  listen(): Promise<ServerType | null>;
  /**
   * Stops accepting, lets in-flight requests finish (cut after `timeoutMs`, default 25 s),
   * drains running jobs (handed back after the same timeout) and closes the database.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

export async function createWoolly(config: Config, options: WoollyOptions = {}): Promise<Woolly> {
  const log = options.log ?? createLogger({ level: config.logLevel, pretty: process.stderr.isTTY });
  const clock = options.clock ?? systemClock;
  routeConfiguredTestHosts(config);
  const db = options.db ?? openDatabase(config);
  if (options.migrate !== false) await migrate(db, () => clock.now());
  const ids = new IdGenerator(await allocateWorkerId(db), () => clock.now());
  const events = new EventBus<DomainEvents, Queryable>((name, error) =>
    log.error('event handler failed', { event: name, error }),
  );
  const roles = { ...allRoles, ...options.roles };
  const jobs = await createJobRuntime(config, { db, ids, clock, log }, options.jobs);
  if (options.testJobs) registerTestJobs(jobs, log);
  const deps: Deps = {
    config,
    db,
    ids,
    clock,
    log,
    events,
    queue: jobs,
    media: createMediaPorts(config, {
      allowPrivateAddress: checkedTestOptions(config, options.federation)?.allowPrivateAddress,
    }),
  };
  const mail = createMailService(deps, jobs);
  registerMuteExpiry(deps, jobs);
  registerStatusJobs(deps, jobs);
  registerModerationJobs(deps, jobs);
  const stopPollUpdates = registerPollUpdates(deps, jobs);
  const stopMediaEvents = registerMediaJobs(deps, jobs);
  registerOAuthVacuum(deps, jobs);
  // Feeds, notifications and the search index: an event's jobs stored together (one job for
  // a post), in the event's transaction where it has one.
  const eventJobs = new EventJobs(deps, jobs);
  const stopNotifying = registerNotifications(deps, eventJobs);
  const stopFeeds = registerTimelines(deps, eventJobs);
  const stopIndexing = registerSearch(deps, eventJobs);
  const stopCards = registerPreviewCards(deps, jobs, deps.media.fetcher);
  registerTrends(deps, jobs);
  const stopPushing = registerWebPush(deps, jobs, {
    vapid: { ...config.vapid, subject: vapidSubject(config.baseUrl) },
    icon: pushIcon(config.baseUrl),
  });
  // Fedify is loaded on the first request, job or event that needs it, not at start-up.
  const fedify = federationOnDemand(deps, jobs, options.federation);
  const stopBackfill = registerBackfill(deps, jobs, () => fedify.load());
  const stopRefreshing = registerAccountRefresh(deps, jobs, () => fedify.load());
  registerArchiveJobs(deps, jobs, async (account) => {
    const [federation, { archiveContents }] = await Promise.all([
      fedify.load(),
      import('./federation/archive-contents.ts'),
    ]);
    return archiveContents(federation, deps, account);
  });

  const streaming = createStreaming(
    deps,
    streamEntities(deps),
    // With Redis, every process hears every process's signals (the scaled-out shape).
    options.signals ??
      (config.redisUrl
        ? new (await import('./streaming/redis-bridge.ts')).RedisSignalBus(
            config.redisUrl,
            log,
            `woolly:streaming:${config.localDomain}`,
          )
        : new LocalSignalBus()),
    options.streaming,
  );

  const rateLimiting = await createRateLimiting(deps);
  const http = roles.http
    ? buildHttp(deps, fedify, streaming, rateLimiting, roles.streaming)
    : streamingOnlyHttp(deps, streaming);
  let server: ServerType | null = null;

  return {
    config,
    deps,
    jobs,
    get federation() {
      const federation = fedify.loaded();
      if (!federation) throw new Error('Fedify is not loaded yet: await loadFederation()');
      return federation;
    },
    loadFederation: () => fedify.load(),
    resolveAccount: (handle) => fedify.resolveAccount(handle),
    refreshRemoteAccounts: async (selection, progress) => {
      const [federation, { refreshRemoteAccounts }] = await Promise.all([
        fedify.load(),
        import('./federation/refresh.ts'),
      ]);
      return refreshRemoteAccounts(federation, deps, selection, progress);
    },
    instanceReachability: async () => {
      const { listInstanceReachability } = await import('./federation/reachability.ts');
      return listInstanceReachability(deps);
    },
    http,
    streaming,
    async listen() {
      const jobStart = jobStartOptions(roles);
      if (jobStart) jobs.start(jobStart);
      if (!servesHttp(roles)) return null;
      server = await new Promise<ServerType>((resolve) => {
        // overrideGlobalObjects: false keeps the real global Response, so `instanceof
        // Response` still holds for fetch() answers in libraries running in this process.
        // With TLS_CERT_FILE and TLS_KEY_FILE Woolly speaks HTTPS itself (no proxy in front).
        const tls = config.tls
          ? {
              createServer: createHttpsServer,
              serverOptions: {
                cert: readFileSync(config.tls.certFile),
                key: readFileSync(config.tls.keyFile),
              },
            }
          : {};
        const s = serve(
          {
            fetch: http.fetch,
            hostname: config.bind,
            port: config.port,
            overrideGlobalObjects: false,
            ...tls,
          },
          () => resolve(s),
        );
      });
      // WebSocket streams share the main port: the same server answers their upgrades.
      if (roles.streaming && (server instanceof HttpServer || server instanceof HttpsServer)) {
        // An HTTPS server emits the same upgrade events as an HTTP one.
        streaming.attach(server as HttpServer);
      }
      return server;
    },
    async close(closeOptions = {}) {
      const timeoutMs = closeOptions.timeoutMs ?? 25_000;
      // No new connections from here on; the server finishes closing once in-flight requests
      // are answered and the open streams, told to go away, have ended.
      const drained = server ? drainServer(server, timeoutMs) : Promise.resolve();
      await streaming.close();
      await drained;
      stopNotifying();
      stopFeeds();
      stopIndexing();
      eventJobs.stop();
      stopPollUpdates();
      stopCards();
      stopPushing();
      stopMediaEvents();
      stopBackfill();
      stopRefreshing();
      await fedify.close();
      await jobs.stop({ timeoutMs });
      await mail.close();
      await rateLimiting.close();
      if (!options.db) await db.close();
    },
  };
}

function buildHttp(
  deps: Deps,
  fedify: FederationOnDemand,
  streaming: Streaming,
  rateLimiting: RateLimiting,
  withStreaming: boolean,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(clientIp(deps.config.trustedProxies));
  app.use('/api/*', apiCors());
  app.use('/.well-known/*', apiCors());
  // Activities from suspended servers are dropped before Fedify reads them.
  app.use(inboxDomainGate(deps));
  app.use(fedify.middleware);
  app.use(authenticate());
  // After authentication: the API throttles count per token and account.
  app.use(rateLimiting.middleware);
  app.onError(renderError);
  app.notFound(renderNotFound);
  app.route('/', healthRoutes());
  app.route('/', wellKnownRoutes(deps));
  if (withStreaming) app.route('/', streaming.routes);
  app.route(
    '/',
    mastodonApi({
      resolveAccount: (handle) => fedify.resolveAccount(handle),
      resolveUrl: (url) => fedify.resolveUrl(url),
    }),
  );
  app.route('/', oauthApi());
  app.route('/', confirmationPage());
  app.route('/', passwordNewPage());
  app.route('/', passwordEditPage());
  app.route('/', settingsExportPage());
  app.route('/', setupPage());
  app.route('/', signInPages());
  app.route('/', oauthAuthorizePages());
  app.route('/', publicPages());
  return app;
}

/** The `woolly streaming` process: the streaming API and the health check, nothing else. */
function streamingOnlyHttp(deps: Deps, streaming: Streaming): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(clientIp(deps.config.trustedProxies));
  app.use('/api/*', apiCors());
  app.onError(renderError);
  app.notFound(renderNotFound);
  app.route('/', healthRoutes());
  app.route('/', streaming.routes);
  return app;
}

/**
 * Stops accepting connections and waits for in-flight requests (idle keep-alive connections
 * are closed at once); connections still busy after `timeoutMs` are cut.
 */
async function drainServer(server: ServerType, timeoutMs: number): Promise<void> {
  const http = server instanceof HttpServer || server instanceof HttpsServer ? server : null;
  const cut = setTimeout(() => http?.closeAllConnections(), timeoutMs);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // close() ends the connections idle now; a keep-alive connection whose request finishes
  // later would wait out its keep-alive timeout (5 s), so idle ones are looked for again.
  const idle = setInterval(() => http?.closeIdleConnections(), 50);
  await closed;
  clearInterval(idle);
  clearTimeout(cut);
}
