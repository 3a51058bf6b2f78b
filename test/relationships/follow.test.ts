import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import { makeAccount, makeAppToken } from '../helpers/factories.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { client, person, recordEvents, reload, remoteAccount } from './helpers.ts';

forEachDatabase((kind) => {
  test('following an unlocked account follows it at once and counts it', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const created = recordEvents(w, 'follow.created');

    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Relationship');
    assert.deepEqual(res.body, {
      id: bob.account.id,
      following: true,
      showing_reblogs: true,
      notifying: false,
      languages: null,
      followed_by: false,
      blocking: false,
      blocked_by: false,
      muting: false,
      muting_notifications: false,
      muting_expires_at: null,
      requested: false,
      requested_by: false,
      domain_blocking: false,
      endorsed: false,
      note: '',
    });
    assert.deepEqual(await reload(w, alice.account), { followers: 0, following: 1 });
    assert.deepEqual(await reload(w, bob.account), { followers: 1, following: 0 });
    assert.equal(created.length, 1);
    assert.equal(created[0]!.accountId, alice.account.id);
    assert.equal(created[0]!.targetAccountId, bob.account.id);

    const back = await bob.api.get(`/api/v1/accounts/relationships?id[]=${alice.account.id}`);
    assert.equal(back.list[0]!.followed_by, true);
    assert.equal(back.list[0]!.following, false);
  });

  test('following again changes only the options given', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const first = await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`, {
      reblogs: false,
      notify: true,
      languages: ['en', 'de'],
    });
    assert.equal(first.body.showing_reblogs, false);
    assert.equal(first.body.notifying, true);
    assert.deepEqual(first.body.languages, ['en', 'de']);

    const second = await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`, {
      notify: '0',
    });
    assert.equal(second.body.showing_reblogs, false);
    assert.equal(second.body.notifying, false);
    assert.deepEqual(second.body.languages, ['en', 'de']);

    const third = await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`, {
      languages: [],
    });
    assert.equal(third.body.languages, null);
    assert.deepEqual(await reload(w, bob.account), { followers: 1, following: 0 });
  });

  test('a language Mastodon does not know is a 422 and nothing is written', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`, {
      languages: ['en', 'klingon'],
    });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body, { error: 'Validation failed: Languages is invalid' });
    const rel = await alice.api.get(`/api/v1/accounts/relationships?id=${bob.account.id}`);
    assert.equal(rel.list[0]!.following, false);
    assert.deepEqual(await reload(w, bob.account), { followers: 0, following: 0 });
  });

  test('following oneself or an unknown account is a 404', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    for (const id of [alice.account.id, '123456789', 'nobody']) {
      const res = await alice.api.post(`/api/v1/accounts/${id}/follow`);
      assert.equal(res.status, 404, id);
      assert.deepEqual(res.body, { error: 'Record not found' });
    }
    assert.deepEqual(await reload(w, alice.account), { followers: 0, following: 0 });
  });

  test('an account whose owner has not confirmed their address cannot be followed', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const { account } = await makeAccount(w.deps, { confirmed: false });
    const res = await alice.api.post(`/api/v1/accounts/${account.id}/follow`);
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { error: 'Record not found' });
  });

  test('following a suspended account is a 404', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await updateAccount(w.deps.db, bob.account.id, { suspendedAt: w.clock.now() });
    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { error: 'Record not found' });
  });

  test('following someone who blocks you, or whom you block, is a 403', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const carol = await person(w);
    assert.equal((await bob.api.post(`/api/v1/accounts/${alice.account.id}/block`)).status, 200);
    assert.equal((await alice.api.post(`/api/v1/accounts/${carol.account.id}/block`)).status, 200);
    for (const target of [bob, carol]) {
      const res = await alice.api.post(`/api/v1/accounts/${target.account.id}/follow`);
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'This action is not allowed' });
    }
    assert.deepEqual(await reload(w, alice.account), { followers: 0, following: 0 });
  });

  test('following an account that moved away is a 403', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const bobsNewHome = await person(w);
    await updateAccount(w.deps.db, bob.account.id, { movedToAccountId: bobsNewHome.account.id });
    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { error: 'This action is not allowed' });
  });

  test('following a remote account asks it; the answer shows it followed, as Mastodon', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const remote = await remoteAccount(w);
    const lockedRemote = await remoteAccount(w, { locked: true });
    const requested = recordEvents(w, 'follow.requested');
    const res = await alice.api.post(`/api/v1/accounts/${remote.id}/follow`);
    assert.equal(res.status, 200);
    assert.equal(res.body.following, true);
    assert.equal(res.body.requested, false);
    assert.equal(res.body.showing_reblogs, true);
    assert.equal(requested.length, 1);
    assert.deepEqual(await reload(w, alice.account), { followers: 0, following: 0 });
    // Until the account accepts, the relationship says what is stored: a request.
    const later = await alice.api.get(`/api/v1/accounts/relationships?id[]=${remote.id}`);
    assert.equal(later.list[0]!.following, false);
    assert.equal(later.list[0]!.requested, true);

    const locked = await alice.api.post(`/api/v1/accounts/${lockedRemote.id}/follow`);
    assert.equal(locked.body.following, false);
    assert.equal(locked.body.requested, true);
  });

  test('a silenced account can only ask to follow', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await updateAccount(w.deps.db, alice.account.id, { silencedAt: w.clock.now() });
    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
    assert.equal(res.body.requested, true);
    assert.equal(res.body.following, false);
  });

  test('following someone on a domain you block is a 403', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const remote = await remoteAccount(w, { domain: 'blocked.example' });
    await alice.api.post('/api/v1/domain_blocks', { domain: 'blocked.example' });
    const res = await alice.api.post(`/api/v1/accounts/${remote.id}/follow`);
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { error: 'This action is not allowed' });
  });

  test('unfollowing ends the follow and uncounts it; unfollowing again is harmless', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const removed = recordEvents(w, 'follow.removed');
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/unfollow`);
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Relationship');
    assert.equal(res.body.following, false);
    const again = await alice.api.post(`/api/v1/accounts/${bob.account.id}/unfollow`);
    assert.equal(again.status, 200);
    assert.deepEqual(await reload(w, alice.account), { followers: 0, following: 0 });
    assert.deepEqual(await reload(w, bob.account), { followers: 0, following: 0 });
    assert.equal(removed.length, 1);
  });

  test('remove_from_followers makes a follower stop following', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await bob.api.post(`/api/v1/accounts/${alice.account.id}/follow`);
    const removed = recordEvents(w, 'follow.removed');
    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/remove_from_followers`);
    assert.equal(res.status, 200);
    assert.equal(res.body.followed_by, false);
    assert.deepEqual(await reload(w, alice.account), { followers: 0, following: 0 });
    assert.deepEqual(await reload(w, bob.account), { followers: 0, following: 0 });
    assert.deepEqual(removed, [{ accountId: bob.account.id, targetAccountId: alice.account.id }]);
  });

  test('the relationship actions need a user token with the right scope', async (t) => {
    const w = await startTestWoolly(t, kind);
    const bob = await person(w);
    const reader = await person(w, { scopes: ['read'] });
    const granular = await person(w, { scopes: ['write:follows'] });
    const app = await makeAppToken(w.deps, ['read', 'write', 'follow']);
    const path = `/api/v1/accounts/${bob.account.id}/follow`;

    const anonymous = await client(w).post(path);
    assert.equal(anonymous.status, 401);
    assert.deepEqual(anonymous.body, { error: 'The access token is invalid' });

    const wrongScope = await reader.api.post(path);
    assert.equal(wrongScope.status, 403);
    assert.deepEqual(wrongScope.body, { error: 'This action is outside the authorized scopes' });
    const blockWithFollowScope = await granular.api.post(
      `/api/v1/accounts/${bob.account.id}/block`,
    );
    assert.equal(blockWithFollowScope.status, 403);

    const appOnly = await client(w, app.token).post(path);
    assert.equal(appOnly.status, 422);
    assert.deepEqual(appOnly.body, { error: 'This method requires an authenticated user' });

    assert.equal((await granular.api.post(path)).status, 200);
  });
});
