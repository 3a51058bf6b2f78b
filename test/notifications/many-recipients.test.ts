/**
 * One post, many recipients: the followers who asked for its notifications and the accounts
 * it mentions are decided on together, yet each by their own settings (mutes, languages,
 * blocks of the other people mentioned, policy), and each one's web push subscription gets
 * the notice its alerts ask for.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserKeys } from '../push/helpers.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, call, person, postStatus, seen, type Person } from './helpers.ts';

const keys = browserKeys();

async function subscribe(w: TestWoolly, who: Person, alerts: Record<string, boolean>) {
  const res = await call(w, who, 'POST', '/api/v1/push/subscription', {
    subscription: {
      endpoint: `https://push.example/send/${who.account.id}`,
      keys: { p256dh: keys.p256dh, auth: keys.auth },
    },
    data: { alerts },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

/** Whose web push subscriptions got a delivery job queued. */
async function pushedTo(w: TestWoolly): Promise<string[]> {
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'web_push.deliver' ORDER BY id",
  );
  return rows.map((r) => (JSON.parse(r.payload) as { accountId: string }).accountId).sort();
}

forEachDatabase((kind) => {
  test('a post notifies each follower who asked and each account it mentions, by their own settings', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const [bob, carol, dave, erin] = [
      await person(w),
      await person(w),
      await person(w),
      await person(w),
    ];
    const frank = await person(w, { account: { username: 'frank' } });
    const gina = await person(w, { account: { username: 'gina' } });
    const hugo = await person(w, { account: { username: 'hugo' } });
    for (const who of [bob, carol, dave, erin]) {
      await act(who, `/api/v1/accounts/${alice.account.id}/follow`, { notify: true });
    }
    await act(carol, `/api/v1/accounts/${alice.account.id}/mute`);
    await act(dave, `/api/v1/accounts/${alice.account.id}/follow`, {
      notify: true,
      languages: ['de'],
    });
    // Gina blocks someone else the post mentions: its mention is not for her.
    await act(gina, `/api/v1/accounts/${hugo.account.id}/block`);
    // Frank holds back notifications from people he does not follow.
    const policy = await call(w, frank, 'PATCH', '/api/v2/notifications/policy', {
      for_not_following: 'filter',
    });
    assert.equal(policy.status, 200);
    for (const who of [bob, erin, frank]) await subscribe(w, who, { status: true, mention: true });
    await subscribe(w, carol, { status: true });
    await seen(w, alice);
    await w.deps.db.run("DELETE FROM jobs WHERE name = 'web_push.deliver'");

    const post = await postStatus(alice, {
      status: 'news for @frank @gina @hugo',
      language: 'en',
    });
    const notice = (type: string) => [{ type, from: alice.account.id, status: post.id }];
    assert.deepEqual(await seen(w, bob), notice('status'));
    assert.deepEqual(await seen(w, erin), notice('status'));
    assert.deepEqual(await seen(w, carol), [], 'a muted author notifies nothing');
    assert.deepEqual(await seen(w, dave), [], 'a post in a language not followed');
    assert.deepEqual(await seen(w, hugo), notice('mention'));
    assert.deepEqual(await seen(w, gina), [], 'it mentions someone she blocks');
    assert.deepEqual(await seen(w, frank), [], 'filtered by his policy');
    const requests = await frank.api.get('/api/v1/notifications/requests');
    assert.deepEqual(
      requests.list.map((r) => (r.account as { id: string }).id),
      [alice.account.id],
    );
    assert.deepEqual(await pushedTo(w), [bob.account.id, erin.account.id].sort());
  });
});
