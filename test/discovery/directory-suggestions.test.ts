/**
 * The profile directory and follow suggestions: only accounts that opted into discovery,
 * never whom the reader blocked or muted; suggestions from the follow graph and the most
 * followed active local accounts, without whom the reader follows, asked to follow or
 * dismissed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, call, person, type Person } from '../notifications/helpers.ts';
import { client } from '../relationships/helpers.ts';
import { say } from '../timelines/helpers.ts';

async function discoverable(w: TestWoolly, who: Person, locked = false): Promise<Person> {
  const res = await call(w, who, 'PATCH', '/api/v1/accounts/update_credentials', {
    discoverable: true,
    locked,
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return who;
}

const ids = (list: Record<string, unknown>[]) => list.map((a) => a.id);

forEachDatabase((kind) => {
  test('directory: discoverable accounts, active or new, local, without blocked or muted', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const quiet = await discoverable(w, await person(w));
    const talker = await discoverable(w, await person(w));
    const blocked = await discoverable(w, await person(w));
    await person(w); // not discoverable
    w.clock.advance(1000);
    await say(talker, 'hello');
    w.clock.advance(1000);
    await say(blocked, 'hi');

    const anonymous = client(w);
    const active = await anonymous.get('/api/v1/directory');
    assert.equal(active.status, 200);
    // The latest poster first; accounts that never posted last.
    assert.deepEqual(ids(active.list), [blocked.account.id, talker.account.id, quiet.account.id]);
    assertEntity(active.list[0], 'Account');
    assert.deepEqual(ids((await anonymous.get('/api/v1/directory?order=new')).list), [
      blocked.account.id,
      talker.account.id,
      quiet.account.id,
    ]);
    assert.deepEqual(ids((await anonymous.get('/api/v1/directory?limit=1&offset=1')).list), [
      talker.account.id,
    ]);
    assert.deepEqual(ids((await anonymous.get('/api/v1/directory?local=true&order=new')).list), [
      blocked.account.id,
      talker.account.id,
      quiet.account.id,
    ]);
    await act(reader, `/api/v1/accounts/${blocked.account.id}/block`);
    await act(reader, `/api/v1/accounts/${quiet.account.id}/mute`);
    assert.deepEqual(ids((await reader.api.get('/api/v1/directory')).list), [talker.account.id]);
    assert.equal((await anonymous.get('/api/v1/directory?limit=x')).status, 400);
  });

  test('suggestions: friends of friends, then the most followed; dismissed ones stay away', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const friend = await person(w);
    const popular = await discoverable(w, await person(w));
    const friendOfFriend = await discoverable(w, await person(w));
    const hidden = await person(w); // followed by the friend, but not discoverable
    const locked = await discoverable(w, await person(w), true);
    const fans = [await person(w), await person(w)];
    await say(popular, 'I post');
    await say(friendOfFriend, 'me too');
    await say(locked, 'and me');
    for (const fan of fans) await act(fan, `/api/v1/accounts/${popular.account.id}/follow`);
    await act(fans[0]!, `/api/v1/accounts/${friendOfFriend.account.id}/follow`);
    await act(reader, `/api/v1/accounts/${friend.account.id}/follow`);
    await act(friend, `/api/v1/accounts/${friendOfFriend.account.id}/follow`);
    await act(friend, `/api/v1/accounts/${hidden.account.id}/follow`);
    await act(friend, `/api/v1/accounts/${popular.account.id}/follow`);

    const v2 = await reader.api.get('/api/v2/suggestions');
    assert.equal(v2.status, 200);
    for (const s of v2.list) assertEntity(s, 'Suggestion');
    assert.deepEqual(
      v2.list.map((s) => [(s.account as { id: string }).id, s.source, s.sources]),
      [
        [popular.account.id, 'past_interactions', ['friends_of_friends', 'most_followed']],
        [friendOfFriend.account.id, 'past_interactions', ['friends_of_friends', 'most_followed']],
        [locked.account.id, 'global', ['most_followed']],
      ],
    );
    // A friend who hides whom they follow does not reveal it through suggestions.
    const hides = await call(w, friend, 'PATCH', '/api/v1/accounts/update_credentials', {
      hide_collections: true,
    });
    assert.equal(hides.status, 200);
    assert.deepEqual(
      (await reader.api.get('/api/v2/suggestions')).list.map((s) => s.sources),
      [['most_followed'], ['most_followed'], ['most_followed']],
    );
    // Requested, followed and dismissed accounts are not suggested.
    await act(reader, `/api/v1/accounts/${locked.account.id}/follow`);
    await act(reader, `/api/v1/accounts/${friendOfFriend.account.id}/follow`);
    const dismissed = await reader.api.delete(`/api/v1/suggestions/${popular.account.id}`);
    assert.equal(dismissed.status, 200);
    assert.deepEqual(dismissed.body, {});
    assert.deepEqual(ids((await reader.api.get('/api/v1/suggestions')).list), []);
    assert.equal((await reader.api.delete('/api/v1/suggestions/999999')).status, 404);
    assert.equal((await reader.api.delete('/api/v1/suggestions/nope')).status, 404);
    assert.equal((await client(w).get('/api/v2/suggestions')).status, 401);
  });
});
