/**
 * Shared by the streaming tests: a Woolly listening on loopback with short heartbeats, people
 * acting through its REST API, and WebSocket and SSE readers that collect what they receive.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { WebSocket } from 'ws';
import { createWoolly } from '../../src/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import type { StreamingOptions } from '../../src/streaming/service.ts';
import { createTestDatabase, type DatabaseKind } from '../helpers/databases.ts';
import { freePort } from '../helpers/listening.ts';
import { testConfig, type TestWoolly } from '../helpers/woolly.ts';
import { client, person, type Person } from '../relationships/helpers.ts';

export { person, type Person };

export type StreamingWoolly = TestWoolly & { base: string; ws: string };

/** A listening Woolly (workers running) whose streams use `options`. */
export async function startStreamingWoolly(
  t: TestContext,
  kind: DatabaseKind,
  options: StreamingOptions = {},
): Promise<StreamingWoolly> {
  const db = await createTestDatabase(kind);
  const port = await freePort();
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 12));
  const log = memoryLogger('debug');
  const config = testConfig(db, {
    PORT: String(port),
    BIND: '127.0.0.1',
    LOCAL_DOMAIN: `127.0.0.1:${port}`,
    LOCAL_HTTPS: 'false',
  });
  const woolly = await createWoolly(config, {
    clock,
    log,
    jobs: { pollMs: 20 },
    streaming: options,
  });
  const base = `http://127.0.0.1:${port}`;
  const w = Object.assign(woolly, {
    db,
    clock,
    logs: log.lines,
    base,
    ws: `ws://127.0.0.1:${port}`,
    request: (path: string, init: RequestInit & { json?: unknown; token?: string } = {}) => {
      const headers = new Headers(init.headers);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      if (init.token) headers.set('authorization', `Bearer ${init.token}`);
      return fetch(`${base}${path}`, { ...init, headers, body });
    },
  });
  t.after(async () => {
    await woolly.close();
    await db.drop();
  });
  await woolly.listen();
  return w;
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
