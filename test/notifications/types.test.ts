import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { act, call, person, postStatus, runJobs, seen } from './helpers.ts';

forEachDatabase((kind) => {
  test('a follow notifies the followed account; an unfollow withdraws it', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await act(bob, `/api/v1/accounts/${alice.account.id}/follow`);
    assert.deepEqual(await seen(w, alice), [
      { type: 'follow', from: bob.account.id, status: null },
    ]);
    assert.deepEqual(await seen(w, bob), [], 'the follower is not notified');
    await act(bob, `/api/v1/accounts/${alice.account.id}/unfollow`);
    assert.deepEqual(await seen(w, alice), []);
  });

  test('a request to follow a locked account notifies it; accepting notifies nothing more', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await updateAccount(w.deps.db, alice.account.id, { locked: true });
    await act(bob, `/api/v1/accounts/${alice.account.id}/follow`);
    assert.deepEqual(await seen(w, alice), [
      { type: 'follow_request', from: bob.account.id, status: null },
    ]);
    await act(alice, `/api/v1/follow_requests/${bob.account.id}/authorize`);
    assert.deepEqual(await seen(w, alice), [], 'the request is answered, its notice goes');
  });

  test('a mention notifies the mentioned account, not the author', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const bob = await person(w);
    const post = await postStatus(bob, { status: 'hello @alice' });
    assert.deepEqual(await seen(w, alice), [
      { type: 'mention', from: bob.account.id, status: post.id },
    ]);
    assert.deepEqual(await seen(w, bob), []);
  });

  test('favourites and boosts notify the author; undoing them withdraws the notice', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const post = await postStatus(alice, { status: 'a post' });
    await act(bob, `/api/v1/statuses/${post.id}/favourite`);
    await act(bob, `/api/v1/statuses/${post.id}/reblog`);
    assert.deepEqual(await seen(w, alice), [
      { type: 'reblog', from: bob.account.id, status: post.id },
      { type: 'favourite', from: bob.account.id, status: post.id },
    ]);
    await act(bob, `/api/v1/statuses/${post.id}/unfavourite`);
    await act(bob, `/api/v1/statuses/${post.id}/unreblog`);
    assert.deepEqual(await seen(w, alice), []);
  });

  test('followers who asked are notified of posts, not of replies to others or DMs', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const carol = await person(w, { account: { username: 'carol' } });
    await act(bob, `/api/v1/accounts/${alice.account.id}/follow`, { notify: true });
    await act(carol, `/api/v1/accounts/${alice.account.id}/follow`);
    const other = await postStatus(carol, { status: 'carol speaks' });
    const post = await postStatus(alice, { status: 'news' });
    await postStatus(alice, { status: 'a reply', in_reply_to_id: other.id });
    await postStatus(alice, { status: '@carol psst', visibility: 'direct' });
    const self = await postStatus(alice, { status: 'more', in_reply_to_id: post.id });
    assert.deepEqual(await seen(w, bob), [
      { type: 'status', from: alice.account.id, status: self.id },
      { type: 'status', from: alice.account.id, status: post.id },
    ]);
  });

  test('a poll that ends notifies its author and its voters', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const carol = await person(w);
    const post = await postStatus(alice, {
      status: 'which?',
      poll: { options: ['a', 'b'], expires_in: 300 },
    });
    const poll = post.poll as { id: string };
    await act(bob, `/api/v1/polls/${poll.id}/votes`, { choices: ['0'] });
    w.clock.advance(300_000);
    assert.equal(await runJobs(w, ['scheduler']), 1, 'the poll closes');
    for (const who of [alice, bob]) {
      assert.deepEqual(await seen(w, who), [
        { type: 'poll', from: alice.account.id, status: post.id },
      ]);
    }
    assert.deepEqual(await seen(w, carol), []);
  });

  test('an edit notifies those who boosted the post', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const post = await postStatus(alice, { status: 'first' });
    await act(bob, `/api/v1/statuses/${post.id}/reblog`);
    const res = await call(w, alice, 'PUT', `/api/v1/statuses/${post.id}`, { status: 'second' });
    assert.equal(res.status, 200);
    assert.deepEqual(await seen(w, bob), [
      { type: 'update', from: alice.account.id, status: post.id },
    ]);
    const [first] = (await bob.api.get('/api/v1/notifications')).list;
    // Each edit notifies again; the notice of the last one replaces the earlier one.
    w.clock.advance(60_000);
    await call(w, alice, 'PUT', `/api/v1/statuses/${post.id}`, { status: 'third' });
    await runJobs(w);
    const [again, ...rest] = (await bob.api.get('/api/v1/notifications')).list;
    assert.deepEqual(rest, []);
    assert.equal(again!.type, 'update');
    assert.notEqual(again!.id, first!.id);
    assert.equal(again!.created_at, new Date(w.clock.now()).toISOString());
  });

  test('a quote notifies the quoted author; editing the quoted post notifies the quoter', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const post = await postStatus(alice, { status: 'quotable' });
    const quote = await postStatus(bob, { status: 'so true', quoted_status_id: post.id });
    assert.deepEqual(await seen(w, alice), [
      { type: 'quote', from: bob.account.id, status: quote.id },
    ]);
    const res = await call(w, alice, 'PUT', `/api/v1/statuses/${post.id}`, { status: 'edited' });
    assert.equal(res.status, 200);
    assert.deepEqual(await seen(w, bob), [
      { type: 'quoted_update', from: alice.account.id, status: quote.id },
    ]);
  });
});
