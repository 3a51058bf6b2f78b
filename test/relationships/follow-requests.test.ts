import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import { makeAccount } from '../helpers/factories.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { person, recordEvents, reload } from './helpers.ts';

forEachDatabase((kind) => {
  test('following a locked account asks; authorizing turns the request into a follow', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w, { account: { username: 'lockedbob' } });
    await updateAccount(w.deps.db, bob.account.id, { locked: true });
    const requested = recordEvents(w, 'follow.requested');
    const accepted = recordEvents(w, 'follow.accepted');
    const created = recordEvents(w, 'follow.created');

    const asked = await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`, {
      reblogs: false,
      notify: true,
    });
    assert.equal(asked.status, 200);
    assert.equal(asked.body.following, false);
    assert.equal(asked.body.requested, true);
    assert.equal(asked.body.showing_reblogs, false);
    assert.equal(asked.body.notifying, true);
    assert.deepEqual(await reload(w, bob.account), { followers: 0, following: 0 });
    assert.equal(requested.length, 1);

    const seen = await bob.api.get(`/api/v1/accounts/relationships?id[]=${alice.account.id}`);
    assert.equal(seen.list[0]!.requested_by, true);

    const pending = await bob.api.get('/api/v1/follow_requests');
    assert.equal(pending.status, 200);
    assert.deepEqual(
      pending.list.map((a) => a.id),
      [alice.account.id],
    );
    assert.match(pending.link ?? '', /rel="prev"/);

    const ok = await bob.api.post(`/api/v1/follow_requests/${alice.account.id}/authorize`);
    assert.equal(ok.status, 200);
    assertEntity(ok.body, 'Relationship');
    assert.equal(ok.body.id, alice.account.id);
    assert.equal(ok.body.followed_by, true);
    assert.equal(ok.body.requested_by, false);
    assert.deepEqual(await reload(w, bob.account), { followers: 1, following: 0 });
    assert.deepEqual(await reload(w, alice.account), { followers: 0, following: 1 });
    assert.deepEqual(accepted, [{ accountId: alice.account.id, targetAccountId: bob.account.id }]);
    assert.equal(created.length, 1);

    // The follower keeps the options they asked with.
    const mine = await alice.api.get(`/api/v1/accounts/relationships?id[]=${bob.account.id}`);
    assert.equal(mine.list[0]!.following, true);
    assert.equal(mine.list[0]!.requested, false);
    assert.equal(mine.list[0]!.showing_reblogs, false);
    assert.equal(mine.list[0]!.notifying, true);
    assert.deepEqual((await bob.api.get('/api/v1/follow_requests')).list, []);
  });

  test('rejecting a request drops it; answering a request that is not there is a 404', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await updateAccount(w.deps.db, bob.account.id, { locked: true });
    const rejected = recordEvents(w, 'follow.rejected');
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);

    const no = await bob.api.post(`/api/v1/follow_requests/${alice.account.id}/reject`);
    assert.equal(no.status, 200);
    assert.equal(no.body.requested_by, false);
    assert.equal(no.body.followed_by, false);
    assert.deepEqual(rejected, [{ accountId: alice.account.id, targetAccountId: bob.account.id }]);

    for (const action of ['authorize', 'reject']) {
      const res = await bob.api.post(`/api/v1/follow_requests/${alice.account.id}/${action}`);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { error: 'Record not found' });
      const unknown = await bob.api.post(`/api/v1/follow_requests/99999999/${action}`);
      assert.equal(unknown.status, 404);
    }
    assert.deepEqual(await reload(w, bob.account), { followers: 0, following: 0 });
    const mine = await alice.api.get(`/api/v1/accounts/relationships?id[]=${bob.account.id}`);
    assert.equal(mine.list[0]!.requested, false);
  });

  test('unfollowing withdraws a request still waiting', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await updateAccount(w.deps.db, bob.account.id, { locked: true });
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/unfollow`);
    assert.equal(res.body.requested, false);
    assert.deepEqual((await bob.api.get('/api/v1/follow_requests')).list, []);
  });

  test('the follow requests list pages by request id with a Link header', async (t) => {
    const w = await startTestWoolly(t, kind);
    const bob = await person(w);
    await updateAccount(w.deps.db, bob.account.id, { locked: true });
    const askers = [];
    for (let i = 0; i < 3; i++) {
      const asker = await person(w);
      w.clock.advance(1000);
      await asker.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
      askers.push(asker);
    }
    const requestIds = (
      await w.deps.db.all<{ id: string | number }>(
        'SELECT id FROM follow_requests WHERE target_account_id = ? ORDER BY id DESC',
        [bob.account.id],
      )
    ).map((r) => String(r.id));

    const first = await bob.api.get('/api/v1/follow_requests?limit=2');
    assert.deepEqual(
      first.list.map((a) => a.id),
      [askers[2]!.account.id, askers[1]!.account.id],
    );
    assert.equal(
      first.link,
      `<https://woolly.test/api/v1/follow_requests?limit=2&max_id=${requestIds[1]}>; rel="next", ` +
        `<https://woolly.test/api/v1/follow_requests?limit=2&since_id=${requestIds[0]}>; rel=\"prev\"`,
    );
    const second = await bob.api.get(`/api/v1/follow_requests?limit=2&max_id=${requestIds[1]}`);
    assert.deepEqual(
      second.list.map((a) => a.id),
      [askers[0]!.account.id],
    );
  });

  test('follow requests need the follows scopes and a user', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w, { scopes: ['read:accounts'] });
    const res = await reader.api.get('/api/v1/follow_requests');
    assert.equal(res.status, 403);
    const writer = await person(w, { scopes: ['read:follows'] });
    const { account } = await makeAccount(w.deps);
    const answer = await writer.api.post(`/api/v1/follow_requests/${account.id}/authorize`);
    assert.equal(answer.status, 403);
    assert.deepEqual(answer.body, { error: 'This action is outside the authorized scopes' });
  });
});
