/**
 * The streaming side of one process, built once by app.ts: the hub of open streams, the bus
 * it hears signals on, the SSE and health routes, and the WebSocket endpoint attached to the
 * HTTP server when it listens.
 *
 * Signals about one post are handled in the order they came (an edit is not overtaken by the
 * post's deletion); signals about different posts run side by side.
 */
import type { Server } from 'node:http';
import { Hono } from 'hono';
import type { Deps } from '../domain/context.ts';
import { fanOut, type StreamRenderer } from './fanout.ts';
import { streamingHealthRoutes } from './health.ts';
import { StreamingHub } from './hub.ts';
import { signalOnEvents } from './on-events.ts';
import type { SignalBus, StreamSignal } from './signals.ts';
import { sseRoutes } from './sse.ts';
import { checkTokensEvery } from './token-check.ts';
import { attachWebSocketStreaming } from './websocket.ts';

export interface StreamingOptions {
  heartbeatMs?: number;
  sseHeartbeatMs?: number;
  maxBufferedBytes?: number;
  /** How often the tokens of open streams are checked (default 30 s). */
  tokenCheckMs?: number;
}

export interface Streaming {
  hub: StreamingHub;
  routes: Hono;
  /** Serves WebSocket streams on the listening server. */
  attach(server: Server): void;
  /** Resolves once the streams hear every process's signals (Redis: the channel is joined). */
  ready(): Promise<void>;
  /** Publishes a signal made elsewhere (a job thread's) on this process's bus. */
  publish(signal: StreamSignal): Promise<void>;
  close(): Promise<void>;
}

export function createStreaming(
  deps: Pick<Deps, 'db' | 'clock' | 'log' | 'events'>,
  renderer: StreamRenderer,
  bus: SignalBus,
  options: StreamingOptions = {},
): Streaming {
  const hub = new StreamingHub();
  const pending = new Map<string, Promise<void>>();
  const handle = (signal: StreamSignal) => {
    const key =
      signal.type === 'notification.created'
        ? signal.notificationId
        : signal.type === 'conversation.updated'
          ? `conversation:${signal.accountConversationId}`
          : signal.type === 'filters.changed' || signal.type === 'notifications.merged'
            ? `${signal.type}:${signal.accountId}`
            : 'announcementId' in signal
              ? `announcement:${signal.announcementId}`
              : signal.statusId;
    const previous = pending.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => fanOut(deps, hub, renderer, signal))
      .catch((error: unknown) => deps.log.error('streaming: fan-out failed', { error, signal }))
      .finally(() => {
        if (pending.get(key) === next) pending.delete(key);
      });
    pending.set(key, next);
  };
  const unsubscribe = bus.subscribe(handle);
  const stopTokenChecks = checkTokensEvery(deps, hub, options.tokenCheckMs ?? 30_000);
  const stopSignals = signalOnEvents(deps, bus);
  const routes = new Hono();
  routes.route('/', streamingHealthRoutes());
  const sse = sseRoutes(deps, hub, {
    heartbeatMs: options.sseHeartbeatMs,
    maxBufferedBytes: options.maxBufferedBytes,
  });
  routes.route('/', sse.routes);
  let detach: (() => Promise<void>) | null = null;
  return {
    hub,
    routes,
    attach(server) {
      detach = attachWebSocketStreaming(server, deps, hub, options);
    },
    async ready() {
      await bus.ready();
    },
    publish: (signal) => bus.publish(signal),
    async close() {
      stopSignals();
      stopTokenChecks();
      unsubscribe();
      sse.close();
      await detach?.();
      await Promise.all(pending.values());
      await bus.close();
    },
  };
}
