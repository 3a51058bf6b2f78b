import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, person, postStatus, runJobs, type Person } from './helpers.ts';

async function count(w: TestWoolly, who: Person, path: string): Promise<unknown> {
  await runJobs(w);
  const res = await who.api.get(path);
  assert.equal(res.status, 200);
  return res.body;
}

forEachDatabase((kind) => {
  test('unread counts run from the notifications read marker', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const post = await postStatus(alice, { status: 'count me' });
    const fans = [await person(w), await person(w), await person(w)];
    for (const fan of fans) await act(fan, `/api/v1/statuses/${post.id}/favourite`);
    await postStatus(fans[0]!, { status: '@alice hi' });
    await act(fans[1]!, `/api/v1/accounts/${alice.account.id}/follow`);

    // No marker yet: everything is unread. v2 counts groups: the favourites are one.
    assert.deepEqual(await count(w, alice, '/api/v1/notifications/unread_count'), { count: 5 });
    assert.deepEqual(await count(w, alice, '/api/v2/notifications/unread_count'), { count: 3 });
    assert.deepEqual(await count(w, alice, '/api/v1/notifications/unread_count?limit=2'), {
      count: 2,
    });
    assert.deepEqual(
      await count(w, alice, '/api/v1/notifications/unread_count?types[]=favourite'),
      { count: 3 },
    );
    assert.deepEqual(
      await count(w, alice, `/api/v1/notifications/unread_count?account_id=${fans[0]!.account.id}`),
      { count: 2 },
    );
    assert.deepEqual(
      await count(w, alice, '/api/v2/notifications/unread_count?grouped_types[]=follow'),
      { count: 5 },
    );

    // Having read up to the second favourite: the follow, the mention and the last favourite.
    const ids = (await alice.api.get('/api/v1/notifications')).list.map((n) => n.id as string);
    await act(alice, '/api/v1/markers', { notifications: { last_read_id: ids[3] } });
    assert.deepEqual(await count(w, alice, '/api/v1/notifications/unread_count'), { count: 3 });
    assert.deepEqual(await count(w, alice, '/api/v2/notifications/unread_count'), { count: 3 });
    await act(alice, '/api/v1/markers', { notifications: { last_read_id: ids[0] } });
    assert.deepEqual(await count(w, alice, '/api/v1/notifications/unread_count'), { count: 0 });
    assert.deepEqual(await count(w, alice, '/api/v2/notifications/unread_count'), { count: 0 });
    await act(fans[2]!, `/api/v1/accounts/${alice.account.id}/follow`);
    assert.deepEqual(await count(w, alice, '/api/v1/notifications/unread_count'), { count: 1 });
  });
});
