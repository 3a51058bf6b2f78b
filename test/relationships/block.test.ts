import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { person, recordEvents, reload } from './helpers.ts';

forEachDatabase((kind) => {
  test('blocking ends the follows both ways and the requests either side waits on', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
    await bob.api.post(`/api/v1/accounts/${alice.account.id}/follow`);
    assert.deepEqual(await reload(w, alice.account), { followers: 1, following: 1 });
    const removed = recordEvents(w, 'follow.removed');
    const blocked = recordEvents(w, 'block.created');

    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/block`);
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Relationship');
    assert.equal(res.body.blocking, true);
    assert.equal(res.body.following, false);
    assert.equal(res.body.followed_by, false);
    assert.deepEqual(await reload(w, alice.account), { followers: 0, following: 0 });
    assert.deepEqual(await reload(w, bob.account), { followers: 0, following: 0 });
    assert.deepEqual(
      removed.map((e) => [e.accountId, e.targetAccountId]),
      [
        [alice.account.id, bob.account.id],
        [bob.account.id, alice.account.id],
      ],
    );
    assert.deepEqual(blocked, [{ accountId: alice.account.id, targetAccountId: bob.account.id }]);

    const seen = await bob.api.get(`/api/v1/accounts/relationships?id[]=${alice.account.id}`);
    assert.equal(seen.list[0]!.blocked_by, true);
    assert.equal(seen.list[0]!.blocking, false);
  });

  test('blocking drops pending follow requests in both directions', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await updateAccount(w.deps.db, alice.account.id, { locked: true });
    await updateAccount(w.deps.db, bob.account.id, { locked: true });
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
    await bob.api.post(`/api/v1/accounts/${alice.account.id}/follow`);
    const rejected = recordEvents(w, 'follow.rejected');

    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/block`);
    assert.equal(res.body.requested, false);
    assert.equal(res.body.requested_by, false);
    assert.deepEqual((await alice.api.get('/api/v1/follow_requests')).list, []);
    assert.deepEqual((await bob.api.get('/api/v1/follow_requests')).list, []);
    assert.deepEqual(rejected, [{ accountId: bob.account.id, targetAccountId: alice.account.id }]);
  });

  test('a blocked account cannot follow back; unblocking does not restore follows', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await bob.api.post(`/api/v1/accounts/${alice.account.id}/follow`);
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/block`);
    const refused = await bob.api.post(`/api/v1/accounts/${alice.account.id}/follow`);
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body, { error: 'This action is not allowed' });

    const removed = recordEvents(w, 'block.removed');
    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/unblock`);
    assert.equal(res.status, 200);
    assert.equal(res.body.blocking, false);
    assert.equal(res.body.followed_by, false);
    assert.equal(removed.length, 1);
    const again = await alice.api.post(`/api/v1/accounts/${bob.account.id}/unblock`);
    assert.equal(again.status, 200);
    assert.equal(removed.length, 1);
    assert.equal((await bob.api.post(`/api/v1/accounts/${alice.account.id}/follow`)).status, 200);
  });

  test('blocking twice or blocking oneself changes nothing', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const blocked = recordEvents(w, 'block.created');
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/block`);
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/block`);
    const self = await alice.api.post(`/api/v1/accounts/${alice.account.id}/block`);
    assert.equal(self.status, 200);
    assert.equal(self.body.blocking, false);
    assert.equal(blocked.length, 1);
  });

  test('GET /api/v1/blocks lists blocked accounts, paged by block id', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const others = [await person(w), await person(w), await person(w)];
    for (const other of others) {
      w.clock.advance(1000);
      await alice.api.post(`/api/v1/accounts/${other.account.id}/block`);
    }
    const blockIds = (
      await w.deps.db.all<{ id: string | number }>(
        'SELECT id FROM blocks WHERE account_id = ? ORDER BY id DESC',
        [alice.account.id],
      )
    ).map((r) => String(r.id));

    const page = await alice.api.get('/api/v1/blocks?limit=2');
    assert.equal(page.status, 200);
    assert.deepEqual(
      page.list.map((a) => a.id),
      [others[2]!.account.id, others[1]!.account.id],
    );
    for (const account of page.list) assertEntity(account, 'Account');
    assert.equal(page.list[0]!.username, others[2]!.account.username);
    assert.equal(
      page.link,
      `<https://woolly.test/api/v1/blocks?limit=2&max_id=${blockIds[1]}>; rel="next", ` +
        `<https://woolly.test/api/v1/blocks?limit=2&since_id=${blockIds[0]}>; rel=\"prev\"`,
    );
    const next = await alice.api.get(`/api/v1/blocks?limit=2&max_id=${blockIds[1]}`);
    assert.deepEqual(
      next.list.map((a) => a.id),
      [others[0]!.account.id],
    );
    assert.match(next.link ?? '', /rel="prev"/);
    assert.doesNotMatch(next.link ?? '', /rel="next"/);
    const newer = await alice.api.get(`/api/v1/blocks?min_id=${blockIds[1]}`);
    assert.deepEqual(
      newer.list.map((a) => a.id),
      [others[2]!.account.id],
    );

    const noScope = await person(w, { scopes: ['read:mutes'] });
    assert.equal((await noScope.api.get('/api/v1/blocks')).status, 403);
  });
});
