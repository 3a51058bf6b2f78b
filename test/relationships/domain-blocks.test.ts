import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countFollow, updateAccount } from '../../src/db/repositories/accounts.ts';
import { insertFollow } from '../../src/db/repositories/follows.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { person, recordEvents, reload, remoteAccount } from './helpers.ts';

forEachDatabase((kind) => {
  test('blocking a domain lists it, normalized; unblocking removes it', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    for (const domain of ['  Spam.EXAMPLE  ', 'bücher.example', 'spam.example']) {
      const res = await alice.api.post('/api/v1/domain_blocks', { domain });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, {});
    }
    const listed = await alice.api.get('/api/v1/domain_blocks');
    assert.deepEqual(listed.list, ['xn--bcher-kva.example', 'spam.example']);

    const gone = await alice.api.delete('/api/v1/domain_blocks', { domain: 'SPAM.example' });
    assert.equal(gone.status, 200);
    assert.deepEqual(gone.body, {});
    assert.deepEqual((await alice.api.get('/api/v1/domain_blocks')).list, [
      'xn--bcher-kva.example',
    ]);
    // A form body works as well as JSON, as for every Mastodon endpoint.
    const form = await w.request('/api/v1/domain_blocks', {
      method: 'DELETE',
      token: alice.token,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'domain=b%C3%BCcher.example',
    });
    assert.equal(form.status, 200);
    assert.deepEqual((await alice.api.get('/api/v1/domain_blocks')).list, []);
  });

  test('a blank or invalid domain is Mastodon’s 422 and nothing is written', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const cases: [unknown, string][] = [
      [undefined, "Validation failed: Domain can't be blank"],
      ['   ', "Validation failed: Domain can't be blank"],
      ['not a domain', 'Validation failed: Domain is not a valid domain name'],
      ['under_score.example', 'Validation failed: Domain is not a valid domain name'],
      ['https://example.com/path', 'Validation failed: Domain is not a valid domain name'],
      [`${'a'.repeat(64)}.example`, 'Validation failed: Domain is not a valid domain name'],
    ];
    for (const [domain, error] of cases) {
      for (const method of ['post', 'delete'] as const) {
        const res = await alice.api[method]('/api/v1/domain_blocks', { domain });
        assert.equal(res.status, 422, `${method} ${String(domain)}`);
        assert.deepEqual(res.body, { error });
      }
    }
    assert.deepEqual((await alice.api.get('/api/v1/domain_blocks')).list, []);
  });

  test('blocking a domain removes one’s followers there and their pending requests', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const friend = await remoteAccount(w, { domain: 'far.example' });
    const asker = await remoteAccount(w, { domain: 'far.example' });
    const elsewhere = await remoteAccount(w, { domain: 'near.example' });
    const followed = await remoteAccount(w, { domain: 'far.example' });
    // As the inbox would record them: follows from `friend` and `elsewhere`, a request from `asker`.
    for (const [follower, table] of [
      [friend, 'follows'],
      [elsewhere, 'follows'],
      [asker, 'follow_requests'],
    ] as const) {
      await insertFollow(w.deps.db, table, {
        id: w.deps.ids.next(),
        accountId: follower.id,
        targetAccountId: alice.account.id,
        showReblogs: true,
        notify: false,
        languages: null,
        uri: `${follower.uri}#follow`,
        createdAt: w.clock.now(),
      });
      if (table === 'follows') await countFollow(w.deps.db, follower.id, alice.account.id, 1);
    }
    await updateAccount(w.deps.db, alice.account.id, { locked: true });
    // Alice's own follow (request) of an account there stays, as in Mastodon.
    await alice.api.post(`/api/v1/accounts/${followed.id}/follow`);
    const removed = recordEvents(w, 'follow.removed');
    const rejected = recordEvents(w, 'follow.rejected');

    await alice.api.post('/api/v1/domain_blocks', { domain: 'far.example' });
    assert.deepEqual(await reload(w, alice.account), { followers: 1, following: 0 });
    assert.deepEqual(await reload(w, friend), { followers: 0, following: 0 });
    const rel = await alice.api.get(
      `/api/v1/accounts/relationships?id[]=${friend.id}&id[]=${asker.id}&id[]=${elsewhere.id}&id[]=${followed.id}`,
    );
    assert.deepEqual(
      rel.list.map((r) => [r.followed_by, r.requested_by, r.domain_blocking, r.requested]),
      [
        [false, false, true, false],
        [false, false, true, false],
        [true, false, false, false],
        [false, false, true, true],
      ],
    );
    assert.deepEqual(removed, [{ accountId: friend.id, targetAccountId: alice.account.id }]);
    assert.deepEqual(rejected, [{ accountId: asker.id, targetAccountId: alice.account.id }]);
  });

  test('the domain block list pages by block id', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    for (const domain of ['a.example', 'b.example', 'c.example']) {
      w.clock.advance(1000);
      await alice.api.post('/api/v1/domain_blocks', { domain });
    }
    const ids = (
      await w.deps.db.all<{ id: string | number }>(
        'SELECT id FROM account_domain_blocks WHERE account_id = ? ORDER BY id DESC',
        [alice.account.id],
      )
    ).map((r) => String(r.id));
    const page = await alice.api.get('/api/v1/domain_blocks?limit=2');
    assert.deepEqual(page.list, ['c.example', 'b.example']);
    assert.equal(
      page.link,
      `<https://woolly.test/api/v1/domain_blocks?limit=2&max_id=${ids[1]}>; rel="next", ` +
        `<https://woolly.test/api/v1/domain_blocks?limit=2&since_id=${ids[0]}>; rel=\"prev\"`,
    );
    const rest = await alice.api.get(`/api/v1/domain_blocks?limit=2&max_id=${ids[1]}`);
    assert.deepEqual(rest.list, ['a.example']);
  });

  test('domain blocks need the blocks scopes', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w, { scopes: ['read:blocks'] });
    assert.equal((await reader.api.get('/api/v1/domain_blocks')).status, 200);
    const res = await reader.api.post('/api/v1/domain_blocks', { domain: 'x.example' });
    assert.equal(res.status, 403);
    const follow = await person(w, { scopes: ['follow'] });
    assert.equal(
      (await follow.api.post('/api/v1/domain_blocks', { domain: 'x.example' })).status,
      200,
    );
  });
});
