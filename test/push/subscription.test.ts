/**
 * /api/v1/push/subscription on both databases: subscribing (form and JSON), reading,
 * changing alerts and policy, removing; one subscription per token; Mastodon's errors for
 * missing and bad parameters, http endpoints and keys that are not P-256 keys; the VAPID
 * public key in the instance and the application.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { browserKeys } from './helpers.ts';

async function call(w: TestWoolly, token: string, method: string, json?: unknown) {
  const res = await w.request('/api/v1/push/subscription', { method, token, json });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const keys = browserKeys();
const subscription = {
  endpoint: 'https://push.example/send/abc',
  keys: { p256dh: keys.p256dh, auth: keys.auth },
};

forEachDatabase((kind) => {
  test('subscribe, read, change and remove', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const made = await call(w, token, 'POST', {
      subscription: { ...subscription, standard: true },
      data: { alerts: { mention: true, follow: 'false', nonsense: true }, policy: 'followed' },
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    assert.deepEqual(made.body, {
      id: made.body.id,
      endpoint: subscription.endpoint,
      standard: true,
      alerts: { mention: true, follow: false },
      server_key: w.config.vapid.publicKey,
      policy: 'followed',
    });
    assert.equal(typeof made.body.id, 'string');
    assert.deepEqual((await call(w, token, 'GET')).body, made.body);

    const changed = await call(w, token, 'PUT', { data: { alerts: { favourite: true } } });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body.alerts, { favourite: true }, 'data is replaced whole');
    assert.equal(changed.body.policy, 'all');

    // Subscribing again replaces the token's subscription.
    const again = await call(w, token, 'POST', { subscription });
    assert.notEqual(again.body.id, made.body.id);
    assert.equal(again.body.standard, false);
    assert.deepEqual((await call(w, token, 'GET')).body.id, again.body.id);

    assert.deepEqual(await call(w, token, 'DELETE'), { status: 200, body: {} });
    assert.deepEqual(await call(w, token, 'GET'), {
      status: 404,
      body: { error: 'Record not found' },
    });
    assert.equal((await call(w, token, 'PUT', { data: {} })).status, 404);
    assert.deepEqual(await call(w, token, 'DELETE'), { status: 200, body: {} });
  });

  test('form parameters as Mastodon apps send them', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const form = new URLSearchParams({
      'subscription[endpoint]': subscription.endpoint,
      'subscription[keys][p256dh]': keys.p256dh,
      'subscription[keys][auth]': keys.auth,
      'subscription[standard]': 'true',
      'data[alerts][reblog]': 'true',
      'data[policy]': 'none',
    });
    const res = await w.request('/api/v1/push/subscription', { method: 'POST', token, body: form });
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(body.alerts, { reblog: true });
    assert.equal(body.policy, 'none');
    assert.equal(body.standard, true);
  });

  test('bad parameters are refused and nothing is stored', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    assert.deepEqual(await call(w, token, 'POST', {}), {
      status: 400,
      body: { error: 'param is missing or the value is empty: subscription' },
    });
    const cases: [unknown, string][] = [
      [{ ...subscription, endpoint: 'http://push.example/x' }, 'Endpoint is invalid'],
      [{ ...subscription, endpoint: 'not a url' }, 'Endpoint is invalid'],
      [
        { ...subscription, keys: { ...subscription.keys, p256dh: 'AAAA' } },
        'Key p256dh is invalid',
      ],
      [
        { ...subscription, keys: { ...subscription.keys, auth: keys.p256dh } },
        'Key auth is invalid',
      ],
      [{ endpoint: subscription.endpoint }, "Key p256dh can't be blank"],
    ];
    for (const [sub, message] of cases) {
      const res = await call(w, token, 'POST', { subscription: sub });
      assert.equal(res.status, 422, JSON.stringify(sub));
      assert.match(String(res.body.error), new RegExp(`^Validation failed: .*${message}`));
    }
    const policy = await call(w, token, 'POST', { subscription, data: { policy: 'friends' } });
    assert.equal(policy.status, 422);
    assert.equal((await call(w, token, 'GET')).status, 404);
  });

  test('a push scope and a user are required', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps, { scopes: ['read', 'write'] });
    assert.equal((await call(w, token, 'GET')).status, 403);
    assert.equal((await call(w, 'nope', 'GET')).status, 401);
  });

  test('the VAPID public key is published in the instance and the application', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    assert.match(w.config.vapid.publicKey, /^B[A-Za-z0-9_-]{86}$/, 'an uncompressed P-256 key');
    const instance = (await (await w.request('/api/v2/instance')).json()) as {
      configuration: { vapid: { public_key: string } };
    };
    assert.equal(instance.configuration.vapid.public_key, w.config.vapid.publicKey);
    const app = (await (await w.request('/api/v1/apps/verify_credentials', { token })).json()) as {
      vapid_key: string;
    };
    assert.equal(app.vapid_key, w.config.vapid.publicKey);
  });
});
