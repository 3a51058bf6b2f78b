/**
 * Shared by the streaming tests: a Woolly listening on loopback with short heartbeats, people
 * acting through its REST API, and WebSocket and SSE readers that collect what they receive.
 */
import assert from 'node:assert/strict';
import { describe, type TestContext } from 'node:test';
import { WebSocket } from 'ws';
import { createWoolly } from '../../src/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import type { StreamingOptions } from '../../src/streaming/service.ts';
import {
  createTestDatabase,
  databaseKinds,
  type DatabaseKind,
  type TestDatabase,
} from '../helpers/databases.ts';
import { freePort } from '../helpers/listening.ts';
import { deleteKeys, testRedisUrl } from '../helpers/redis-jobs.ts';
import { requestsTo, testConfig, type TestWoolly } from '../helpers/woolly.ts';
import { client, person, type Person } from '../relationships/helpers.ts';

export { person, type Person };

export type StreamingWoolly = TestWoolly & {
  /** The web process: the REST API, and the base of the instance's URLs. */
  base: string;
  /** Where the streams are: the WebSocket and SSE bases of the streaming process. */
  ws: string;
  streamingBase: string;
};

/**
 * How the instance is deployed: the embedded shape on either database (one process, the
 * in-process signal bus and the embedded queue), or the scaled-out shape (`redis`: PostgreSQL
 * and Redis, a web process and a separate streaming process, signals through Redis pub/sub and
 * jobs through BullMQ).
 */
export type Shape = DatabaseKind | 'redis';

/**
 * Runs `define` once per shape, inside `describe(shape)`: the same tests on SQLite, on
 * PostgreSQL and scaled out on PostgreSQL and Redis (the database is not what varies there).
 */
export function forEachShape(define: (shape: Shape) => void): void {
  for (const shape of [...databaseKinds, 'redis'] as const) {
    describe(shape === 'redis' ? 'postgres + redis, web and streaming apart' : shape, () =>
      define(shape),
    );
  }
}

const startedAt = Date.UTC(2026, 10, 1, 12);

/** A config for a Woolly on loopback at `port`, the instance being at `domainPort`. */
function loopbackConfig(db: TestDatabase, port: number, domainPort: number, env = {}) {
  return testConfig(db, {
    PORT: String(port),
    BIND: '127.0.0.1',
    LOCAL_DOMAIN: `127.0.0.1:${domainPort}`,
    LOCAL_HTTPS: 'false',
    ...env,
  });
}

/**
 * A listening Woolly (workers running) whose streams use `options`. In the `redis` shape it is
 * two Woollies in this process on one PostgreSQL database and the test Redis: the web one
 * (API, workers, scheduler), which `base`, `request` and `deps` speak to, and a streaming-only
 * one, which `ws`, `streamingBase` and `streaming` speak to; they share one clock and one log.
 * The Redis keys and the signal channel are the instance's own (named by its LOCAL_DOMAIN,
 * whose port no other running test holds) and are deleted before and after.
 */
export async function startStreamingWoolly(
  t: TestContext,
  shape: Shape,
  options: StreamingOptions = {},
): Promise<StreamingWoolly> {
  const db = await createTestDatabase(shape === 'redis' ? 'postgres' : shape);
  const clock = new ManualClock(startedAt);
  const log = memoryLogger('debug');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const redis = shape === 'redis' ? { REDIS_URL: testRedisUrl } : {};
  const namespace = `woolly:127.0.0.1:${port}`;
  if (shape === 'redis') await deleteKeys(testRedisUrl, namespace);
  const woolly = await createWoolly(loopbackConfig(db, port, port, redis), {
    clock,
    log,
    jobs: { pollMs: 20 },
    streaming: options,
    roles: shape === 'redis' ? { streaming: false } : {},
  });
  const closing: (() => Promise<void>)[] = [() => woolly.close()];
  t.after(async () => {
    for (const close of closing) await close();
    if (shape === 'redis') await deleteKeys(testRedisUrl, namespace);
    await db.drop();
  });
  await woolly.listen();
  let streamingPort = port;
  let streaming = woolly.streaming;
  if (shape === 'redis') {
    // Chosen once the web one listens, so it cannot be handed the same port.
    streamingPort = await freePort();
    const streamer = await createWoolly(loopbackConfig(db, streamingPort, port, redis), {
      clock,
      log,
      streaming: options,
      roles: { http: false, streaming: true, workers: false, scheduler: false },
    });
    closing.unshift(() => streamer.close());
    await streamer.listen();
    // Signals published before the streaming process hears the channel would be lost.
    await streamer.streaming.ready();
    streaming = streamer.streaming;
  }
  return Object.assign(woolly, {
    db,
    clock,
    logs: log.lines,
    base,
    ws: `ws://127.0.0.1:${streamingPort}`,
    streamingBase: `http://127.0.0.1:${streamingPort}`,
    streaming,
    request: requestsTo(base),
  });
}

export interface Frame {
  stream?: string[];
  event?: string;
  payload?: string;
  error?: string;
  status?: number;
}

/** A WebSocket reader keeping every frame it got. */
export interface Reader {
  frames: Frame[];
  socket: WebSocket;
  /** The first frame (received or to come) that `match` accepts. */
  next(match: (f: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  send(message: unknown): void;
  close(): void;
}

export async function openSocket(
  w: StreamingWoolly,
  query: string,
  init: { protocol?: string; headers?: Record<string, string> } = {},
): Promise<Reader> {
  const socket = new WebSocket(`${w.ws}/api/v1/streaming${query}`, init.protocol, {
    headers: init.headers,
  });
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    frames,
    socket,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    close: () => socket.close(),
    next: (match, timeoutMs = 5000) =>
      new Promise<Frame>((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching frame; got ${JSON.stringify(frames)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

/** The frame of `event` whose payload is (or is about) status `id`. */
export const about =
  (event: string, id: string) =>
  (f: Frame): boolean =>
    f.event === event &&
    (f.payload === id ||
      (f.payload !== undefined &&
        f.payload.startsWith('{') &&
        (JSON.parse(f.payload) as { id: string }).id === id));

/** A post through the REST API; fails the test unless it was made. */
export async function post(
  w: StreamingWoolly,
  who: Person,
  body: Record<string, unknown>,
): Promise<{ id: string }> {
  const res = await client(w, who.token).post('/api/v1/statuses', body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { id: string };
}

/** Waits until the hub has registered `n` subscriptions on `key`. */
export async function subscribed(w: StreamingWoolly, key: string, n = 1): Promise<void> {
  const until = Date.now() + 5000;
  while (w.streaming.hub.listeners(key).size < n) {
    if (Date.now() > until) throw new Error(`no subscription on ${key}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
