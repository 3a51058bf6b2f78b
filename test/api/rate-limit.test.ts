/**
 * Mastodon's throttles on a real Woolly (memory counters, the embedded shape): the API per
 * client IP and per token, the stricter sign-up, sign-in, password grant, media and delete
 * throttles, their headers and 429s, windows that end on the app clock, and the switch.
 * Counting is storage-independent: SQLite only. The Redis counters: rate-limit-redis.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeAppToken, makeUserWithToken } from '../helpers/factories.ts';
import { startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

const start = Date.UTC(2026, 10, 1, 12, 1, 30);

/** Sends `n` requests and answers the statuses seen, with the last response. */
async function repeat(n: number, send: () => Promise<Response>) {
  const statuses = new Set<number>();
  let last: Response | null = null;
  for (let i = 0; i < n; i++) {
    last = await send();
    await last.arrayBuffer();
    statuses.add(last.status);
  }
  return { statuses: [...statuses], last: last! };
}

type Init = RequestInit & { json?: unknown; token?: string };

const from = (ip: string, init: Init = {}): Init => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': ip },
});

describe('rate limits (memory counters)', () => {
  let w: TestWoolly;
  before(async () => {
    w = await startTestWoolly(null, 'sqlite', { RATE_LIMITS: 'true' });
    w.clock.set(start);
  });
  after(async () => {
    await w.close();
    await w.db.drop();
  });

  test('signed-out API requests: 300 per 5 minutes per IP, with Mastodon headers', async () => {
    const first = await w.request('/api/v1/custom_emojis', from('203.0.113.1'));
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-ratelimit-limit'), '300');
    assert.equal(first.headers.get('x-ratelimit-remaining'), '299');
    // The window is a fixed 5 minutes: 12:01:30 falls in the one ending at 12:05.
    assert.equal(first.headers.get('x-ratelimit-reset'), '2026-11-01T12:05:00.000000Z');
    const rest = await repeat(299, () => w.request('/api/v1/custom_emojis', from('203.0.113.1')));
    assert.deepEqual(rest.statuses, [200]);
    assert.equal(rest.last.headers.get('x-ratelimit-remaining'), '0');

    const refused = await w.request('/api/v1/custom_emojis', from('203.0.113.1'));
    assert.equal(refused.status, 429);
    assert.deepEqual(await refused.json(), { error: 'Too many requests' });
    assert.equal(refused.headers.get('x-ratelimit-limit'), '300');
    assert.equal(refused.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(refused.headers.get('x-ratelimit-reset'), '2026-11-01T12:05:00.000000Z');
    assert.match(refused.headers.get('content-type') ?? '', /application\/json/);

    // Another address has its own count.
    assert.equal((await w.request('/api/v1/custom_emojis', from('203.0.113.2'))).status, 200);
    // Not the API: not counted by the API throttles.
    const page = await w.request('/health', from('203.0.113.1'));
    assert.equal(page.headers.get('x-ratelimit-limit'), null);
  });

  test('signed-in API requests count per token, not per IP', async () => {
    const { token } = await makeUserWithToken(w.deps);
    const request = () =>
      w.request(
        '/api/v1/custom_emojis',
        from('203.0.113.1', { headers: { authorization: `Bearer ${token}` } }),
      );
    const first = await request();
    assert.equal(first.status, 200, 'the exhausted IP does not hold back a signed-in user');
    assert.equal(first.headers.get('x-ratelimit-remaining'), '299');
    const rest = await repeat(299, request);
    assert.deepEqual(rest.statuses, [200]);
    assert.equal((await request()).status, 429);
  });

  test('API sign-up: 5 per 30 minutes per IP', async () => {
    const { token } = await makeAppToken(w.deps, ['read', 'write']);
    const signUp = () =>
      w.request('/api/v1/accounts', from('198.51.100.7', { method: 'POST', token, json: {} }));
    const tries = await repeat(5, signUp);
    assert.deepEqual(tries.statuses, [422]);
    assert.equal(tries.last.headers.get('x-ratelimit-limit'), '5');
    assert.equal(tries.last.headers.get('x-ratelimit-remaining'), '0');
    const refused = await signUp();
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('x-ratelimit-reset'), '2026-11-01T12:30:00.000000Z');

    // An IPv6 host holds a whole /64: its addresses share one count.
    const fromV6 = (ip: string) =>
      w.request('/api/v1/accounts', from(ip, { method: 'POST', token, json: {} }));
    for (const ip of ['2001:db8::1', '2001:db8::2', '2001:db8::3', '2001:db8::4', '2001:db8::5']) {
      assert.equal((await fromV6(ip)).status, 422);
    }
    assert.equal((await fromV6('2001:db8:0:0:ffff::6')).status, 429);
    assert.equal((await fromV6('2001:db8:0:1::1')).status, 422, 'another /64');
  });

  test('sign-in: 25 per 5 minutes per IP on the web form and the password grant', async () => {
    const form = () =>
      w.request(
        '/auth/sign_in',
        from('198.51.100.8', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'user[email]=a@example.com&user[password]=wrong',
        }),
      );
    const tries = await repeat(25, form);
    assert.ok(!tries.statuses.includes(429));
    assert.equal((await form()).status, 429);

    const { application, clientSecret } = await makeAppToken(w.deps);
    const grant = (type: string, secret = 'wrong secret') =>
      w.request(
        '/oauth/token',
        from('198.51.100.9', {
          method: 'POST',
          json: {
            grant_type: type,
            client_id: application.clientId,
            client_secret: secret,
            username: 'nobody@example.com',
            password: 'wrong',
          },
        }),
      );
    const grants = await repeat(25, () => grant('password'));
    assert.deepEqual(grants.statuses, [401]);
    assert.equal(grants.last.headers.get('x-ratelimit-limit'), '25');
    const refused = await grant('password');
    assert.equal(refused.status, 429);
    assert.deepEqual(await refused.json(), { error: 'Too many requests' });
    // Other grants are not password guessing.
    assert.equal((await grant('client_credentials', clientSecret)).status, 200);
  });

  test('media uploads and deletes: 30 per 30 minutes per account', async () => {
    const { token } = await makeUserWithToken(w.deps);
    const upload = () =>
      w.request('/api/v2/media', { method: 'POST', token, body: new FormData() });
    const uploads = await repeat(30, upload);
    assert.ok(!uploads.statuses.includes(429));
    assert.equal(uploads.last.headers.get('x-ratelimit-limit'), '30');
    assert.equal((await upload()).status, 429);
    assert.equal(
      (await w.request('/api/v1/media', { method: 'POST', token, body: new FormData() })).status,
      429,
      'v1 and v2 share the count',
    );

    const remove = () => w.request('/api/v1/statuses/1234', { method: 'DELETE', token });
    const deletes = await repeat(30, remove);
    assert.deepEqual(deletes.statuses, [404]);
    assert.equal((await remove()).status, 429);
    const unreblog = await w.request('/api/v1/statuses/1234/unreblog', { method: 'POST', token });
    assert.equal(unreblog.status, 429, 'undoing a boost is a delete too');
    // Reading is not deleting.
    assert.equal((await w.request('/api/v1/statuses/1234', { token })).status, 404);
  });

  test('localhost is never throttled, as in Mastodon', async () => {
    const res = await repeat(310, () => w.request('/api/v1/custom_emojis', from('127.0.0.1')));
    assert.deepEqual(res.statuses, [200]);
    assert.equal(res.last.headers.get('x-ratelimit-limit'), null);
  });

  test('a new window starts when the clock reaches the reset time', async () => {
    assert.equal((await w.request('/api/v1/custom_emojis', from('203.0.113.1'))).status, 429);
    w.clock.set(Date.UTC(2026, 10, 1, 12, 5, 0));
    const res = await w.request('/api/v1/custom_emojis', from('203.0.113.1'));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-ratelimit-remaining'), '299');
    assert.equal(res.headers.get('x-ratelimit-reset'), '2026-11-01T12:10:00.000000Z');
  });
});

test('RATE_LIMITS=false turns every throttle off', async (t) => {
  const w = await startTestWoolly(t, 'sqlite', { RATE_LIMITS: 'false' });
  const { token } = await makeAppToken(w.deps, ['read', 'write']);
  const res = await repeat(6, () =>
    w.request('/api/v1/accounts', from('198.51.100.7', { method: 'POST', token, json: {} })),
  );
  assert.deepEqual(res.statuses, [422]);
  assert.equal(res.last.headers.get('x-ratelimit-limit'), null);
});
