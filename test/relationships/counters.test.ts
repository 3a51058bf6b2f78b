import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestWoolly } from '../helpers/woolly.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { person, reload, type Person } from './helpers.ts';

/** The counters as they should be: the follow rows themselves, counted. */
async function counted(w: TestWoolly, p: Person) {
  const row = await w.deps.db.get<{ followers: number; following: number }>(
    `SELECT (SELECT COUNT(*) FROM follows WHERE target_account_id = ?) AS followers,
            (SELECT COUNT(*) FROM follows WHERE account_id = ?) AS following`,
    [p.account.id, p.account.id],
  );
  return { followers: Number(row?.followers), following: Number(row?.following) };
}

forEachDatabase((kind) => {
  test('50 concurrent follows and unfollows leave the counters exact', async (t) => {
    const w = await startTestWoolly(t, kind);
    const star = await person(w);
    const fans: Person[] = [];
    for (let i = 0; i < 50; i++) fans.push(await person(w));

    const followed = await Promise.all(
      fans.map((fan) => fan.api.post(`/api/v1/accounts/${star.account.id}/follow`)),
    );
    assert.ok(followed.every((res) => res.status === 200 && res.body.following === true));
    assert.deepEqual(await reload(w, star.account), { followers: 50, following: 0 });
    for (const fan of fans)
      assert.deepEqual(await reload(w, fan.account), { followers: 0, following: 1 });

    // Half leave while the star follows everyone back, all at once.
    const leaving = fans.slice(0, 25);
    const results = await Promise.all([
      ...leaving.map((fan) => fan.api.post(`/api/v1/accounts/${star.account.id}/unfollow`)),
      ...fans.map((fan) => star.api.post(`/api/v1/accounts/${fan.account.id}/follow`)),
    ]);
    assert.ok(results.every((res) => res.status === 200));
    assert.deepEqual(await reload(w, star.account), { followers: 25, following: 50 });
    assert.deepEqual(await reload(w, star.account), await counted(w, star));
    for (const fan of fans) assert.deepEqual(await reload(w, fan.account), await counted(w, fan));
  });

  test('the same follow sent many times at once counts once', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const path = `/api/v1/accounts/${bob.account.id}/follow`;
    const results = await Promise.all(Array.from({ length: 20 }, () => alice.api.post(path)));
    assert.ok(results.every((res) => res.status === 200));
    assert.deepEqual(await reload(w, bob.account), { followers: 1, following: 0 });
    assert.deepEqual(await reload(w, alice.account), { followers: 0, following: 1 });

    const unfollows = await Promise.all(
      Array.from({ length: 20 }, () =>
        alice.api.post(`/api/v1/accounts/${bob.account.id}/unfollow`),
      ),
    );
    assert.ok(unfollows.every((res) => res.status === 200));
    assert.deepEqual(await reload(w, bob.account), { followers: 0, following: 0 });
    assert.deepEqual(await reload(w, alice.account), { followers: 0, following: 0 });
  });

  test('follows and unfollows racing between the same two accounts keep the counts', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const requests = [];
    for (let i = 0; i < 25; i++) {
      requests.push(alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`));
      requests.push(bob.api.post(`/api/v1/accounts/${alice.account.id}/follow`));
      requests.push(alice.api.post(`/api/v1/accounts/${bob.account.id}/unfollow`));
      requests.push(bob.api.post(`/api/v1/accounts/${alice.account.id}/unfollow`));
    }
    const results = await Promise.all(requests);
    assert.ok(results.every((res) => res.status === 200));
    assert.deepEqual(await reload(w, alice.account), await counted(w, alice));
    assert.deepEqual(await reload(w, bob.account), await counted(w, bob));
  });
});
