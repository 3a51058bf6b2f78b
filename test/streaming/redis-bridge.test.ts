/**
 * The Redis bridge itself: every bus on the channel hears every signal; messages that are not
 * signals are ignored. (Posts written through one Woolly reaching the streams of another are
 * the streaming tests' `postgres + redis` shape, helpers.ts.)
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { memoryLogger } from '../../src/core/logger.ts';
import { RedisSignalBus } from '../../src/streaming/redis-bridge.ts';
import type { StreamSignal } from '../../src/streaming/signals.ts';
import { testRedisUrl as redisUrl } from '../helpers/redis-jobs.ts';

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
