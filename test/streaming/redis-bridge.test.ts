/**
 * The scaled-out shape: signals travel through Redis pub/sub (the local Redis), so a post
 * written through one Woolly reaches a stream held by another Woolly on the same PostgreSQL
 * database. And the bridge itself: every bus on the channel hears every signal; messages that
 * are not signals are ignored.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { createWoolly } from '../../src/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { RedisSignalBus } from '../../src/streaming/redis-bridge.ts';
import type { StreamSignal } from '../../src/streaming/signals.ts';
import { createTestDatabase } from '../helpers/databases.ts';
import { freePort } from '../helpers/listening.ts';
import { testConfig } from '../helpers/woolly.ts';
import { client, person } from '../relationships/helpers.ts';
import { about, openSocket, subscribed, type StreamingWoolly } from './helpers.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

test('every bus on the channel hears every signal; other messages are ignored', async (t) => {
  const log = memoryLogger('debug');
  const channel = `woolly:test:${randomUUID()}`;
  const [a, b] = [
    new RedisSignalBus(redisUrl, log, channel),
    new RedisSignalBus(redisUrl, log, channel),
  ];
  t.after(() => Promise.all([a.close(), b.close()]));
  await Promise.all([a.ready(), b.ready()]);
  const heard: [string, StreamSignal][] = [];
  a.subscribe((s) => heard.push(['a', s]));
  b.subscribe((s) => heard.push(['b', s]));
  const raw = new Redis(redisUrl);
  t.after(() => raw.quit());
  await raw.publish(channel, 'not json');
  await raw.publish(channel, JSON.stringify({ type: 'status.created', statusId: 42 }));
  await a.publish({ type: 'status.created', statusId: '42' });
  const end = Date.now() + 5000;
  while (heard.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(
    log.lines.some((l) => l.includes('ignored a message that is not a signal')),
    JSON.stringify(log.lines),
  );
  assert.deepEqual(
    heard.sort((x, y) => x[0].localeCompare(y[0])),
    [
      ['a', { type: 'status.created', statusId: '42' }],
      ['b', { type: 'status.created', statusId: '42' }],
    ],
  );
});

test('a post through one Woolly reaches a stream held by another (PostgreSQL and Redis)', async (t) => {
  const db = await createTestDatabase('postgres');
  const [portA, portB] = [await freePort(), await freePort()];
  const start = async (port: number) => {
    const log = memoryLogger('debug');
    const config = testConfig(db, {
      PORT: String(port),
      BIND: '127.0.0.1',
      LOCAL_DOMAIN: `127.0.0.1:${portA}`,
      LOCAL_HTTPS: 'false',
      REDIS_URL: redisUrl,
    });
    const woolly = await createWoolly(config, {
      clock: new ManualClock(Date.UTC(2026, 10, 1, 12)),
      log,
      jobs: { pollMs: 20 },
    });
    await woolly.listen();
    const base = `http://127.0.0.1:${port}`;
    return Object.assign(woolly, {
      db,
      clock: new ManualClock(0),
      logs: log.lines,
      base,
      ws: `ws://127.0.0.1:${port}`,
      request: (path: string, init: RequestInit & { json?: unknown; token?: string } = {}) => {
        const headers = new Headers(init.headers);
        if (init.json !== undefined) headers.set('content-type', 'application/json');
        if (init.token) headers.set('authorization', `Bearer ${init.token}`);
        const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
        return fetch(`${base}${path}`, { ...init, headers, body });
      },
    }) as StreamingWoolly;
  };
  const a = await start(portA);
  const b = await start(portB);
  t.after(async () => {
    await a.close();
    await b.close();
    await db.drop();
  });
  const [alice, bob] = [await person(a), await person(a)];
  const reader = await openSocket(b, `?stream=public&access_token=${bob.token}`);
  await subscribed(b, 'public');
  const res = await client(a, alice.token).post('/api/v1/statuses', { status: 'across processes' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const frame = await reader.next(about('update', String(res.body.id)));
  assert.match(frame.payload!, /across processes/);
  reader.close();
});
