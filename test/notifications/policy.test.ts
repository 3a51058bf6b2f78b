import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, call, person, postStatus, runJobs, seen, type Person } from './helpers.ts';

async function setPolicy(w: TestWoolly, who: Person, policy: Record<string, string>) {
  const res = await call(w, who, 'PATCH', '/api/v2/notifications/policy', policy);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as Record<string, unknown>;
}

async function requests(w: TestWoolly, who: Person) {
  await runJobs(w);
  const res = await who.api.get('/api/v1/notifications/requests');
  assert.equal(res.status, 200);
  return res.list;
}

forEachDatabase((kind) => {
  test('the policy in both forms, and changing it', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const v2 = await alice.api.get('/api/v2/notifications/policy');
    assertEntity(v2.body, 'NotificationPolicy');
    assert.deepEqual(v2.body, {
      for_not_following: 'accept',
      for_not_followers: 'accept',
      for_new_accounts: 'accept',
      for_private_mentions: 'filter',
      for_limited_accounts: 'filter',
      summary: { pending_requests_count: 0, pending_notifications_count: 0 },
    });
    const v1 = await alice.api.get('/api/v1/notifications/policy');
    assertEntity(v1.body, 'V1_NotificationPolicy');
    assert.deepEqual(v1.body, {
      filter_not_following: false,
      filter_not_followers: false,
      filter_new_accounts: false,
      filter_private_mentions: true,
      summary: { pending_requests_count: 0, pending_notifications_count: 0 },
    });

    const changed = await setPolicy(w, alice, {
      for_not_following: 'drop',
      for_new_accounts: 'filter',
    });
    assert.equal(changed.for_not_following, 'drop');
    assert.equal(changed.for_new_accounts, 'filter');
    assert.equal(changed.for_private_mentions, 'filter', 'the others are kept');

    const bad = await call(w, alice, 'PATCH', '/api/v2/notifications/policy', {
      for_not_followers: 'maybe',
      for_new_accounts: 'accept',
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body, {
      error: 'Validation failed: For not followers is not included in the list',
    });
    assert.equal(
      (await alice.api.get('/api/v2/notifications/policy')).body.for_new_accounts,
      'filter',
    );

    const viaV1 = await call(w, alice, 'PATCH', '/api/v1/notifications/policy', {
      filter_not_following: false,
      filter_private_mentions: 'false',
      filter_not_followers: '1',
    });
    assert.equal(viaV1.status, 200);
    assert.deepEqual(viaV1.body, {
      filter_not_following: false,
      filter_not_followers: true,
      filter_new_accounts: true,
      filter_private_mentions: false,
      summary: { pending_requests_count: 0, pending_notifications_count: 0 },
    });
    const after = (await alice.api.get('/api/v2/notifications/policy')).body;
    assert.equal(after.for_not_following, 'accept');
    assert.equal(after.for_not_followers, 'filter');
    assert.equal(after.for_private_mentions, 'accept');
    const readOnly = await person(w, { scopes: ['read:notifications'] });
    assert.equal(
      (await call(w, readOnly, 'PATCH', '/api/v2/notifications/policy', {})).status,
      403,
    );
  });

  test('strangers’ mentions are filtered into a request, which accepting merges', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const friend = await person(w);
    const stranger = await person(w);
    await act(alice, `/api/v1/accounts/${friend.account.id}/follow`);
    await setPolicy(w, alice, { for_not_following: 'filter' });

    const first = await postStatus(stranger, { status: '@alice buy my stuff' });
    const second = await postStatus(stranger, { status: '@alice please' });
    const hello = await postStatus(friend, { status: '@alice hello' });
    await act(stranger, `/api/v1/accounts/${alice.account.id}/follow`);
    assert.deepEqual(await seen(w, alice), [
      { type: 'mention', from: friend.account.id, status: hello.id },
    ]);

    const filtered = await alice.api.get('/api/v1/notifications?include_filtered=true');
    assert.deepEqual(
      filtered.list.map((n) => [n.type, n.filtered]),
      [
        ['follow', true],
        ['mention', undefined],
        ['mention', true],
        ['mention', true],
      ],
    );
    for (const n of filtered.list) assertEntity(n, 'Notification');
    const grouped = await alice.api.get('/api/v2/notifications');
    assert.equal((grouped.body.notification_groups as unknown[]).length, 1);

    const [request] = await requests(w, alice);
    assertEntity(request, 'NotificationRequest');
    assert.equal((request!.account as { id: string }).id, stranger.account.id);
    assert.equal(request!.notifications_count, '2', 'mentions only');
    assert.equal((request!.last_status as { id: string }).id, second.id);
    const policy = (await alice.api.get('/api/v2/notifications/policy')).body;
    assert.deepEqual(policy.summary, { pending_requests_count: 1, pending_notifications_count: 2 });
    const one = await alice.api.get(`/api/v1/notifications/requests/${request!.id}`);
    assert.deepEqual(one.body, request);
    assert.equal(
      (await friend.api.get(`/api/v1/notifications/requests/${request!.id}`)).status,
      404,
    );

    const accepted = await alice.api.post(`/api/v1/notifications/requests/${request!.id}/accept`);
    assert.equal(accepted.status, 200);
    assert.deepEqual(accepted.body, {});
    assert.deepEqual((await alice.api.get('/api/v1/notifications/requests/merged')).body, {
      merged: true,
    });
    assert.deepEqual(await requests(w, alice), []);
    assert.equal(
      (await alice.api.get(`/api/v1/notifications/requests/${request!.id}`)).status,
      404,
    );
    assert.deepEqual(
      (await seen(w, alice)).map((n) => `${n.type}:${n.status}`),
      ['follow:null', `mention:${hello.id}`, `mention:${second.id}`, `mention:${first.id}`],
    );
    // From now on the stranger gets through.
    const third = await postStatus(stranger, { status: '@alice thanks' });
    assert.equal((await seen(w, alice))[0]!.status, third.id);
  });

  test('dismissing a request deletes what it held; several at once', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const [s1, s2, s3] = [await person(w), await person(w), await person(w)];
    await setPolicy(w, alice, { for_not_following: 'filter' });
    for (const s of [s1, s2, s3]) await postStatus(s, { status: '@alice hi' });
    const [r3, r2, r1] = await requests(w, alice);
    assert.deepEqual(
      [r1, r2, r3].map((r) => (r!.account as { id: string }).id),
      [s1, s2, s3].map((s) => s.account.id),
    );
    const res = await alice.api.post(`/api/v1/notifications/requests/${r1!.id}/dismiss`);
    assert.equal(res.status, 200);
    const left = await alice.api.get(`/api/v1/notifications?include_filtered=true`);
    assert.deepEqual(
      left.list.map((n) => (n.account as { id: string }).id),
      [s3.account.id, s2.account.id],
    );
    await alice.api.post('/api/v1/notifications/requests/accept', { id: [r2!.id, '12345'] });
    await alice.api.post('/api/v1/notifications/requests/dismiss', { id: [r3!.id] });
    assert.deepEqual(await requests(w, alice), []);
    assert.deepEqual(
      (await seen(w, alice, '?include_filtered=true')).map((n) => n.from),
      [s2.account.id],
    );
  });

  test('drop makes no notification at all', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const follower = await person(w);
    const stranger = await person(w);
    await act(follower, `/api/v1/accounts/${alice.account.id}/follow`);
    await setPolicy(w, alice, { for_not_followers: 'drop' });
    await postStatus(stranger, { status: '@alice hey' });
    // A follower of less than three days is still a stranger.
    await postStatus(follower, { status: '@alice hey' });
    assert.deepEqual(await seen(w, alice, '?include_filtered=true&types[]=mention'), []);
    w.clock.advance(3 * 86_400_000 + 1);
    const post = await postStatus(follower, { status: '@alice three days on' });
    assert.deepEqual(await seen(w, alice, '?types[]=mention'), [
      { type: 'mention', from: follower.account.id, status: post.id },
    ]);
  });

  test('private mentions from strangers are filtered, unless they answer one’s own', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const bob = await person(w, { account: { username: 'bob' } });
    const dm = await postStatus(bob, { status: '@alice psst', visibility: 'direct' });
    assert.deepEqual(await seen(w, alice), []);
    assert.equal((await requests(w, alice)).length, 1);

    const mine = await postStatus(alice, { status: '@bob a secret', visibility: 'direct' });
    const answer = await postStatus(bob, {
      status: '@alice ok',
      visibility: 'direct',
      in_reply_to_id: mine.id,
    });
    assert.deepEqual(await seen(w, alice), [
      { type: 'mention', from: bob.account.id, status: answer.id },
    ]);
    assert.notEqual(dm.id, answer.id);
  });

  test('new and limited accounts are filtered as the policy says', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const old = await person(w);
    w.clock.advance(31 * 86_400_000);
    const young = await person(w);
    const limited = await person(w);
    await updateAccount(w.deps.db, limited.account.id, { silencedAt: w.clock.now() });
    await setPolicy(w, alice, { for_new_accounts: 'filter', for_limited_accounts: 'drop' });
    await postStatus(old, { status: '@alice from an old hand' });
    await postStatus(young, { status: '@alice from a newcomer' });
    await postStatus(limited, { status: '@alice from a limited one' });
    assert.deepEqual(
      (await seen(w, alice)).map((n) => n.from),
      [old.account.id],
    );
    assert.deepEqual(
      (await seen(w, alice, '?include_filtered=true')).map((n) => n.from),
      [young.account.id, old.account.id],
    );
  });
});
