import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { client, person } from './helpers.ts';

forEachDatabase((kind) => {
  test('a private note shows in the writer’s relationship only, and blank deletes it', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/note`, {
      comment: 'Met at the wool fair 🐑',
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.note, 'Met at the wool fair 🐑');
    const theirs = await bob.api.get(`/api/v1/accounts/relationships?id[]=${alice.account.id}`);
    assert.equal(theirs.list[0]!.note, '');

    const replaced = await alice.api.post(`/api/v1/accounts/${bob.account.id}/note`, {
      comment: 'Knits socks',
    });
    assert.equal(replaced.body.note, 'Knits socks');
    const cleared = await alice.api.post(`/api/v1/accounts/${bob.account.id}/note`, {
      comment: '',
    });
    assert.equal(cleared.body.note, '');
    const rows = await w.deps.db.all('SELECT * FROM account_notes');
    assert.equal(rows.length, 0);
  });

  test('a note over 2,000 characters is a 422 and the old note stays', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/note`, { comment: 'kept' });
    // 2,000 emoji are 2,000 characters for Rails, though 4,000 UTF-16 units.
    const exact = await alice.api.post(`/api/v1/accounts/${bob.account.id}/note`, {
      comment: '🐑'.repeat(2000),
    });
    assert.equal(exact.status, 200);
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/note`, { comment: 'kept' });
    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/note`, {
      comment: 'x'.repeat(2001),
    });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body, {
      error: 'Validation failed: Comment is too long (maximum is 2000 characters)',
    });
    const rel = await alice.api.get(`/api/v1/accounts/relationships?id[]=${bob.account.id}`);
    assert.equal(rel.list[0]!.note, 'kept');
  });

  test('notes need write:accounts', async (t) => {
    const w = await startTestWoolly(t, kind);
    const bob = await person(w);
    const follower = await person(w, { scopes: ['write:follows'] });
    const res = await follower.api.post(`/api/v1/accounts/${bob.account.id}/note`, {
      comment: 'x',
    });
    assert.equal(res.status, 403);
    assert.equal((await follower.api.post('/api/v1/accounts/123/note')).status, 403);
    const anonymous = await client(w).post(`/api/v1/accounts/${bob.account.id}/note`);
    assert.equal(anonymous.status, 401);
  });

  test('only followed accounts can be endorsed', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    for (const action of ['endorse', 'pin']) {
      const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/${action}`);
      assert.equal(res.status, 422);
      assert.deepEqual(res.body, {
        error: 'Validation failed: You must be already following the person you want to endorse',
      });
    }
    const self = await alice.api.post(`/api/v1/accounts/${alice.account.id}/endorse`);
    assert.equal(self.status, 422);

    await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
    const ok = await alice.api.post(`/api/v1/accounts/${bob.account.id}/endorse`);
    assert.equal(ok.status, 200);
    assert.equal(ok.body.endorsed, true);
    const twice = await alice.api.post(`/api/v1/accounts/${bob.account.id}/pin`);
    assert.equal(twice.status, 200);
    assert.equal(twice.body.endorsed, true);

    const off = await alice.api.post(`/api/v1/accounts/${bob.account.id}/unendorse`);
    assert.equal(off.body.endorsed, false);
    const offAgain = await alice.api.post(`/api/v1/accounts/${bob.account.id}/unpin`);
    assert.equal(offAgain.status, 200);
  });

  test('endorsements are listed for their owner and on the profile, paged by account id', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const friends = [await person(w), await person(w), await person(w)];
    for (const friend of friends) {
      await alice.api.post(`/api/v1/accounts/${friend.account.id}/follow`);
      await alice.api.post(`/api/v1/accounts/${friend.account.id}/endorse`);
    }
    const byId = [...friends].sort((a, b) =>
      BigInt(b.account.id) > BigInt(a.account.id) ? 1 : -1,
    );

    const own = await alice.api.get('/api/v1/endorsements?limit=2');
    assert.equal(own.status, 200);
    assert.deepEqual(
      own.list.map((a) => a.id),
      byId.slice(0, 2).map((f) => f.account.id),
    );
    assert.equal(
      own.link,
      `<https://woolly.test/api/v1/endorsements?limit=2&max_id=${byId[1]!.account.id}>; rel="next", ` +
        `<https://woolly.test/api/v1/endorsements?limit=2&since_id=${byId[0]!.account.id}>; rel=\"prev\"`,
    );
    const all = await alice.api.get('/api/v1/endorsements?limit=0');
    assert.equal(all.list.length, 3);
    assert.equal(all.link, null);

    const profile = await client(w).get(`/api/v1/accounts/${alice.account.id}/endorsements`);
    assert.equal(profile.status, 200);
    assert.deepEqual(
      profile.list.map((a) => a.id),
      byId.map((f) => f.account.id),
    );
    assert.match(profile.link ?? '', /rel="prev"/);

    const noScope = await person(w, { scopes: ['read:follows'] });
    assert.equal((await noScope.api.get('/api/v1/endorsements')).status, 403);
  });
});
