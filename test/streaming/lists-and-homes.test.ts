/**
 * The list stream and the home stream follow the rules of the precomputed feeds: a list shows
 * its members' posts to its owner alone; a home shows followed accounts' posts and boosts,
 * but not their replies to people the reader does not follow.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase } from '../helpers/woolly.ts';
import { about, openSocket, person, post, startStreamingWoolly, subscribed } from './helpers.ts';

forEachDatabase((kind) => {
  test('a list stream carries its members’ posts to its owner only', async (t) => {
    const w = await startStreamingWoolly(t, kind);
    const [alice, bob, carol] = [await person(w), await person(w), await person(w)];
    assert.equal((await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`)).status, 200);
    const list = await alice.api.post('/api/v1/lists', { title: 'friends' });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const listId = String(list.body.id);
    const added = await alice.api.post(`/api/v1/lists/${listId}/accounts`, {
      account_ids: [bob.account.id],
    });
    assert.equal(added.status, 200, JSON.stringify(added.body));

    const reader = await openSocket(w, `?access_token=${alice.token}`);
    reader.send({ type: 'subscribe', stream: 'list', list: listId });
    await subscribed(w, `list:${listId}`);
    const intruder = await openSocket(w, `?access_token=${carol.token}`);
    intruder.send({ type: 'subscribe', stream: 'list', list: listId });
    await intruder.next((f) => f.error === 'Not authorized to stream this list');

    const made = await post(w, bob, { status: 'for my listeners' });
    const frame = await reader.next(about('update', made.id));
    assert.deepEqual(frame.stream, ['list', listId]);
    const other = await post(w, carol, { status: 'not a member' });
    const own = await post(w, bob, { status: 'sentinel' });
    await reader.next(about('update', own.id));
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(!reader.frames.some(about('update', other.id)));
    reader.close();
    intruder.close();
  });

  test('homes get boosts of followed accounts but not their replies to strangers', async (t) => {
    const w = await startStreamingWoolly(t, kind);
    const [alice, bob, stranger] = [await person(w), await person(w), await person(w)];
    assert.equal((await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`)).status, 200);
    const home = await openSocket(w, `?stream=user&access_token=${alice.token}`);
    await subscribed(w, `home:${alice.account.id}`);

    const theirs = await post(w, stranger, { status: 'a stranger speaks' });
    const reply = await post(w, bob, {
      status: `@${stranger.account.username} I agree`,
      in_reply_to_id: theirs.id,
    });
    const boost = await bob.api.post(`/api/v1/statuses/${theirs.id}/reblog`);
    assert.equal(boost.status, 200, JSON.stringify(boost.body));
    const boostFrame = await home.next(about('update', String(boost.body.id)));
    const shown = JSON.parse(boostFrame.payload!) as { reblog: { id: string } };
    assert.equal(shown.reblog.id, theirs.id);
    const sentinel = await post(w, bob, { status: 'plain post' });
    await home.next(about('update', sentinel.id));
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(!home.frames.some(about('update', reply.id)), 'the reply to a stranger leaked');
    assert.ok(!home.frames.some(about('update', theirs.id)), 'the stranger’s own post leaked');
    home.close();
  });
});
