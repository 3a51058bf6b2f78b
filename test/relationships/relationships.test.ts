import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { client, person, remoteAccount } from './helpers.ts';

forEachDatabase((kind) => {
  test('relationships come in the order asked, each once, unknown ids left out', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const carol = await person(w);
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
    await carol.api.post(`/api/v1/accounts/${alice.account.id}/follow`);
    const ids = [carol.account.id, bob.account.id, carol.account.id, '424242', 'junk'];
    const res = await alice.api.get(
      `/api/v1/accounts/relationships?${ids.map((id) => `id[]=${id}`).join('&')}`,
    );
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.list.map((r) => r.id),
      [carol.account.id, bob.account.id],
    );
    for (const r of res.list) assertEntity(r, 'Relationship');
    assert.equal(res.list[0]!.followed_by, true);
    assert.equal(res.list[1]!.following, true);

    const single = await alice.api.get(`/api/v1/accounts/relationships?id=${bob.account.id}`);
    assert.deepEqual(
      single.list.map((r) => r.id),
      [bob.account.id],
    );
    assert.deepEqual((await alice.api.get('/api/v1/accounts/relationships')).list, []);
  });

  test('suspended accounts are left out unless with_suspended', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await updateAccount(w.deps.db, bob.account.id, { suspendedAt: w.clock.now() });
    const without = await alice.api.get(`/api/v1/accounts/relationships?id[]=${bob.account.id}`);
    assert.deepEqual(without.list, []);
    const withThem = await alice.api.get(
      `/api/v1/accounts/relationships?id[]=${bob.account.id}&with_suspended=true`,
    );
    assert.deepEqual(
      withThem.list.map((r) => r.id),
      [bob.account.id],
    );
  });

  test('domain_blocking shows for accounts on a blocked domain', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const remote = await remoteAccount(w, { domain: 'Spam.Example' });
    const other = await remoteAccount(w, { domain: 'fine.example' });
    await alice.api.post('/api/v1/domain_blocks', { domain: 'spam.example' });
    const res = await alice.api.get(
      `/api/v1/accounts/relationships?id[]=${remote.id}&id[]=${other.id}`,
    );
    assert.deepEqual(
      res.list.map((r) => [r.id, r.domain_blocking]),
      [
        [remote.id, true],
        [other.id, false],
      ],
    );
  });

  test('relationships need a user token with read:follows', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { scopes: ['read:accounts'] });
    const res = await alice.api.get(`/api/v1/accounts/relationships?id[]=1`);
    assert.equal(res.status, 403);
    const anonymous = await client(w).get('/api/v1/accounts/relationships?id[]=1');
    assert.equal(anonymous.status, 401);
  });

  test('familiar followers are the followers one follows, unless someone hides them', async (t) => {
    const w = await startTestWoolly(t, kind);
    const me = await person(w);
    const star = await person(w);
    const shy = await person(w);
    const friend = await person(w);
    const privateFriend = await person(w);
    const stranger = await person(w);
    for (const p of [friend, privateFriend]) {
      await me.api.post(`/api/v1/accounts/${p.account.id}/follow`);
    }
    for (const p of [friend, privateFriend, stranger]) {
      await p.api.post(`/api/v1/accounts/${star.account.id}/follow`);
      await p.api.post(`/api/v1/accounts/${shy.account.id}/follow`);
    }
    await updateAccount(w.deps.db, privateFriend.account.id, { hideCollections: true });
    await updateAccount(w.deps.db, shy.account.id, { hideCollections: true });

    const res = await me.api.get(
      `/api/v1/accounts/familiar_followers?id[]=${star.account.id}&id[]=${shy.account.id}&id[]=999`,
    );
    assert.equal(res.status, 200);
    for (const entry of res.list) assertEntity(entry, 'FamiliarFollowers');
    assert.deepEqual(
      res.list.map((r) => [r.id, (r.accounts as { id: string }[]).map((a) => a.id)]),
      [
        [star.account.id, [friend.account.id]],
        [shy.account.id, []],
      ],
    );
    const account = (res.list[0]!.accounts as Record<string, unknown>[])[0]!;
    assert.equal(account.username, friend.account.username);
  });
});
