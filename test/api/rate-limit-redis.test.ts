/**
 * The throttles' counters in Redis (REDIS_URL set): processes of one instance share them, each
 * counter expires with its window, and a Redis that cannot be reached lets requests through
 * instead of failing them. Storage-independent: SQLite only.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { makeAppToken } from '../helpers/factories.ts';
import { startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

const redisUrl = 'redis://127.0.0.1:6379';

const signUp = (w: TestWoolly, token: string, ip: string) =>
  w
    .request('/api/v1/accounts', {
      method: 'POST',
      token,
      json: {},
      headers: { 'x-forwarded-for': ip },
    })
    .then(async (res) => (await res.arrayBuffer(), res));

test('two processes of one instance share the counters in Redis', async (t) => {
  // A domain of its own: counters of earlier runs of this test are other keys.
  const domain = `rl-${randomUUID().slice(0, 8)}.test`;
  const env = { RATE_LIMITS: 'true', REDIS_URL: redisUrl, LOCAL_DOMAIN: domain };
  const a = await startTestWoolly(t, 'sqlite', env);
  const b = await startTestWoolly(t, 'sqlite', env);
  const tokenA = (await makeAppToken(a.deps)).token;
  const tokenB = (await makeAppToken(b.deps)).token;

  for (const [w, token] of [
    [a, tokenA],
    [b, tokenB],
    [a, tokenA],
    [b, tokenB],
    [a, tokenA],
  ] as const) {
    assert.equal((await signUp(w, token, '192.0.2.10')).status, 422);
  }
  const refused = await signUp(b, tokenB, '192.0.2.10');
  assert.equal(refused.status, 429, 'the sixth sign-up, wherever it lands, is one too many');
  assert.equal(refused.headers.get('x-ratelimit-limit'), '5');
  assert.equal((await signUp(a, tokenA, '192.0.2.11')).status, 422);

  // Each counter expires with its window (at most 30 minutes for this throttle).
  const redis = new Redis(redisUrl);
  t.after(() => redis.disconnect());
  const keys = await redis.keys(`woolly:throttle:${domain}:throttle_api_sign_up:*`);
  assert.equal(keys.length, 2);
  for (const key of keys) {
    const ttl = await redis.pttl(key);
    assert.ok(ttl > 0 && ttl <= 30 * 60_000, `${key} expires (${ttl} ms)`);
  }
});

test('counters that cannot be reached let requests through, with a warning', async (t) => {
  const w = await startTestWoolly(t, 'sqlite', {
    RATE_LIMITS: 'true',
    REDIS_URL: 'redis://127.0.0.1:1',
  });
  const { token } = await makeAppToken(w.deps);
  for (let i = 0; i < 6; i++) assert.equal((await signUp(w, token, '192.0.2.12')).status, 422);
  assert.equal(w.logs.filter((line) => line.includes('counters are unavailable')).length, 1);
});
