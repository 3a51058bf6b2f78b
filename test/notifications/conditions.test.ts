import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { act, person, postStatus, seen } from './helpers.ts';

forEachDatabase((kind) => {
  test('nothing from an account one blocks, or mutes with its notifications', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const blocked = await person(w);
    const hushed = await person(w);
    const muted = await person(w);
    const post = await postStatus(alice, { status: 'hi all' });
    await act(alice, `/api/v1/accounts/${blocked.account.id}/block`);
    await act(alice, `/api/v1/accounts/${hushed.account.id}/mute`);
    await act(alice, `/api/v1/accounts/${muted.account.id}/mute`, { notifications: false });
    for (const who of [blocked, hushed, muted]) {
      await postStatus(who, { status: '@alice look' });
      // (A blocked account may not even see the post to favourite it.)
      await who.api.post(`/api/v1/statuses/${post.id}/favourite`);
    }
    // A mute that leaves notifications on still lets them through.
    assert.deepEqual(
      (await seen(w, alice)).map((n) => `${n.type}:${n.from}`),
      [`favourite:${muted.account.id}`, `mention:${muted.account.id}`],
    );
  });

  test('blocking an account clears what it sent, and its notification request', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const bob = await person(w);
    const carol = await person(w);
    await w.request('/api/v2/notifications/policy', {
      method: 'PATCH',
      token: alice.token,
      json: { for_not_followers: 'filter' },
    });
    await act(bob, `/api/v1/accounts/${alice.account.id}/follow`);
    await act(carol, `/api/v1/accounts/${alice.account.id}/follow`);
    await postStatus(bob, { status: '@alice hey' });
    assert.equal((await seen(w, alice, '?include_filtered=true')).length, 3);
    assert.equal((await alice.api.get('/api/v1/notifications/requests')).list.length, 1);
    await act(alice, `/api/v1/accounts/${bob.account.id}/block`);
    assert.deepEqual(await seen(w, alice, '?include_filtered=true'), [
      { type: 'follow', from: carol.account.id, status: null },
    ]);
    assert.deepEqual((await alice.api.get('/api/v1/notifications/requests')).list, []);
  });

  test('a mention of someone one blocks is hidden, and so is a muted thread', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const bob = await person(w);
    await person(w, { account: { username: 'troll' } });
    const troll = (await alice.api.get('/api/v1/accounts/lookup?acct=troll')).body.id as string;
    await act(alice, `/api/v1/accounts/${troll}/block`);
    await postStatus(bob, { status: '@alice @troll both of you' });
    assert.deepEqual(await seen(w, alice), []);

    const thread = await postStatus(alice, { status: 'a thread' });
    await act(alice, `/api/v1/statuses/${thread.id}/mute`);
    await postStatus(bob, { status: '@alice a reply', in_reply_to_id: thread.id });
    await act(bob, `/api/v1/statuses/${thread.id}/favourite`);
    assert.deepEqual(await seen(w, alice), []);
    await act(alice, `/api/v1/statuses/${thread.id}/unmute`);
    await act(bob, `/api/v1/statuses/${thread.id}/reblog`);
    assert.deepEqual(
      (await seen(w, alice)).map((n) => n.type),
      ['reblog'],
    );
  });

  test('staff mentioning a user get through mutes and the policy', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const moderator = await person(w, { account: { role: 'Moderator' } });
    await act(alice, `/api/v1/accounts/${moderator.account.id}/mute`);
    const res = await alice.api.post('/api/v2/notifications/policy', {});
    assert.equal(res.status, 404, 'the policy is changed with PATCH');
    await w.request('/api/v2/notifications/policy', {
      method: 'PATCH',
      token: alice.token,
      json: { for_not_following: 'drop' },
    });
    const post = await postStatus(moderator, { status: '@alice about your report' });
    assert.deepEqual(await seen(w, alice, '?types[]=mention'), [
      { type: 'mention', from: moderator.account.id, status: post.id },
    ]);
  });

  test('notifications from a suspended account are hidden while it is suspended', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const bob = await person(w);
    await act(bob, `/api/v1/accounts/${alice.account.id}/follow`);
    assert.equal((await seen(w, alice)).length, 1);
    const [follow] = (await alice.api.get('/api/v1/notifications')).list;
    assert.ok(follow);
    await updateAccount(w.deps.db, bob.account.id, { suspendedAt: w.clock.now() });
    assert.deepEqual(await seen(w, alice), []);
    assert.equal((await alice.api.get(`/api/v1/notifications/${follow.id}`)).status, 404);
    assert.deepEqual((await alice.api.get('/api/v2/notifications')).body.notification_groups, []);
    await updateAccount(w.deps.db, bob.account.id, { suspendedAt: null });
    assert.equal((await seen(w, alice)).length, 1);
  });
});
