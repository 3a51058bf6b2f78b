/**
 * Web push delivery on a real listening Woolly, on both databases: a push service on loopback
 * receives each notification encrypted for the subscription's browser keys, in RFC 8291
 * `aes128gcm` for a standard subscription and `aesgcm` otherwise, signed with the instance's
 * VAPID key; the test decrypts it with the browser's private key (http_ece) and finds
 * Mastodon's payload. Alerts and policy choose what is pushed; a push service that answers
 * 410 gets its subscription removed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  forEachShape,
  type Person,
  person,
  post,
  startStreamingWoolly,
  type StreamingWoolly,
} from '../streaming/helpers.ts';
import {
  browserKeys,
  openPush,
  openPushText,
  startPushService,
  type BrowserKeys,
  type PushService,
} from './helpers.ts';

async function subscribe(
  w: StreamingWoolly,
  who: Person,
  push: PushService,
  keys: BrowserKeys,
  options: { standard: boolean; alerts: Record<string, boolean>; policy?: string },
): Promise<void> {
  const res = await w.request('/api/v1/push/subscription', {
    method: 'POST',
    token: who.token,
    json: {
      subscription: {
        endpoint: `${push.url}/send/${who.account.id}`,
        keys: { p256dh: keys.p256dh, auth: keys.auth },
        standard: options.standard,
      },
      data: { alerts: options.alerts, policy: options.policy ?? 'all' },
    },
  });
  assert.equal(res.status, 200, await res.text());
}

/** The id of `who`'s newest notification, as the API writes it. */
async function newestNotificationId(w: StreamingWoolly, who: Person): Promise<string> {
  const res = await w.request('/api/v1/notifications?limit=1', { token: who.token });
  const [n] = (await res.json()) as { id: string }[];
  assert.ok(n, 'a notification exists');
  return n.id;
}

forEachShape((shape) => {
  // Scaled out, one encoding is enough: what varies there is the queue, not the encryption.
  for (const standard of shape === 'redis' ? [true] : [true, false]) {
    const encoding = standard ? 'aes128gcm' : 'aesgcm';
    test(`a notification is pushed, encrypted with ${encoding}`, async (t) => {
      const w = await startStreamingWoolly(t, shape);
      const push = await startPushService(t);
      const [alice, bob] = [await person(w), await person(w)];
      const keys = browserKeys();
      await subscribe(w, bob, push, keys, { standard, alerts: { mention: true, follow: true } });

      await post(w, alice, { status: `hello @${bob.account.username}, how are you?` });
      const pushed = await push.next();
      assert.equal(pushed.path, `/send/${bob.account.id}`);
      assert.equal(pushed.headers['content-encoding'], encoding);
      assert.equal(pushed.headers.ttl, String(48 * 60 * 60));
      assert.equal(pushed.headers.urgency, 'normal');
      const auth = String(pushed.headers.authorization);
      if (standard)
        assert.match(auth, new RegExp(`^vapid t=[^,]+, k=${w.config.vapid.publicKey}$`));
      else
        assert.match(
          String(pushed.headers['crypto-key']),
          new RegExp(`p256ecdsa=${w.config.vapid.publicKey}`),
        );

      const payload = openPush(pushed, keys);
      const id = await newestNotificationId(w, bob);
      assert.deepEqual(payload, {
        access_token: bob.token,
        preferred_locale: 'en',
        notification_id: payload.notification_id,
        notification_type: 'mention',
        icon: `${w.base}/avatars/original/missing.png`,
        title: `You were mentioned by ${alice.account.username}`,
        body: `hello @${bob.account.username}, how are you?`,
      });
      assert.equal(typeof payload.notification_id, 'number', 'a JSON number, as Mastodon sends it');
      // Every digit of the 64-bit id is written, though JSON.parse would round it.
      assert.ok(openPushText(pushed, keys).includes(`"notification_id":${id},`));
    });
  }

  test('alerts and policy choose what is pushed', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const push = await startPushService(t);
    const [alice, bob, carol] = [await person(w), await person(w), await person(w)];
    const keys = browserKeys();
    // Only follows, and only from people bob follows.
    await subscribe(w, bob, push, keys, {
      standard: true,
      alerts: { follow: true },
      policy: 'followed',
    });
    await post(w, alice, { status: `hi @${bob.account.username}` }); // mention: alert off
    assert.equal((await carol.api.post(`/api/v1/accounts/${bob.account.id}/follow`)).status, 200); // not followed by bob
    assert.equal((await bob.api.post(`/api/v1/accounts/${alice.account.id}/follow`)).status, 200);
    assert.equal((await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`)).status, 200);
    const pushed = openPush(await push.next(), keys);
    assert.equal(pushed.notification_type, 'follow');
    assert.match(
      String(pushed.title),
      new RegExp(`${alice.account.username} is now following you`),
    );
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(push.received.length, 1, 'only the follow from a followed account was pushed');
  });

  test('a subscription its push service answers 410 for is removed', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const push = await startPushService(t);
    push.answer = 410;
    const [alice, bob] = [await person(w), await person(w)];
    await subscribe(w, bob, push, browserKeys(), { standard: true, alerts: { follow: true } });
    assert.equal((await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`)).status, 200);
    await push.next();
    const end = Date.now() + 5000;
    let status = 200;
    while (status === 200 && Date.now() < end) {
      status = (await w.request('/api/v1/push/subscription', { token: bob.token })).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(status, 404);
    assert.ok(w.logs.some((l) => l.includes('subscription refused by its push service')));
  });
});
