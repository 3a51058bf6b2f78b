/**
 * Account search through /api/v1/accounts/search and /api/v2/search?type=accounts, with the
 * ranking of domain/search/accounts-search.ts: the exact address first, followed accounts
 * next, then display-name words over usernames over domains, then the most followed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeAccount } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { remoteAccount } from '../relationships/helpers.ts';
import { act, call, found, person } from './helpers.ts';

forEachDatabase((kind) => {
  test('exact match first, then followed, then display name, username, most followed', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const alice = await person(w, { account: { username: 'alice' } });
    const fan = await person(w, { account: { username: 'alicefan' } });
    const bob = await person(w, { account: { username: 'bob' } });
    const far = await remoteAccount(w, { username: 'alice', domain: 'far.example' });
    await makeAccount(w.deps, { username: 'aliceunconfirmed', confirmed: false });
    const named = await call(w, bob, 'PATCH', '/api/v1/accounts/update_credentials', {
      display_name: 'Wonderland Alice',
    });
    assert.equal(named.status, 200);
    await act(reader, `/api/v1/accounts/${fan.account.id}/follow`);
    const ids = (...people: { id: string }[]) => people.map((p) => p.id);

    const v1 = async (query: string, who = reader) => {
      const res = await who.api.get(`/api/v1/accounts/search?${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.list.map((a) => a.id as string);
    };
    const expected = ids(alice.account, fan.account, bob.account, far);
    assert.deepEqual(await v1('q=alice'), expected);
    assert.deepEqual(await found(w, reader, 'accounts', { q: 'alice' }), expected);
    assert.deepEqual(await v1('q=%40ALICE'), expected);
    // Anonymous: no followed boost; ties go to the most followed.
    const anonymous = await w.request('/api/v1/accounts/search?q=alice');
    assert.deepEqual(
      ((await anonymous.json()) as { id: string }[]).map((a) => a.id),
      ids(alice.account, bob.account, fan.account, far),
    );
    // A remote address: that account first; the local domain means local accounts.
    assert.deepEqual(await v1('q=alice%40far.example'), ids(far));
    assert.deepEqual(await v1('q=alice%40far'), ids(far));
    assert.deepEqual(await v1('q=alice%40woolly.test'), ids(alice.account, fan.account));
    // following, limit and offset.
    assert.deepEqual(await v1('q=alice&following=true'), ids(fan.account));
    assert.deepEqual(await v1('q=alice&limit=2'), ids(alice.account, fan.account));
    assert.deepEqual(await v1('q=alice&limit=2&offset=2'), ids(bob.account, far));
    assert.deepEqual(await v1('q='), []);
    // Blocking either way hides the account.
    await act(reader, `/api/v1/accounts/${bob.account.id}/block`);
    assert.deepEqual(await v1('q=alice'), ids(alice.account, fan.account, far));
    await act(fan, `/api/v1/accounts/${reader.account.id}/block`);
    assert.deepEqual(await v1('q=alice'), ids(alice.account, far));
  });
});
