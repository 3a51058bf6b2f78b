import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { client, person, post, type Person } from '../relationships/helpers.ts';

const notFound = { error: 'Record not found' };

async function pinnedIds(w: TestWoolly, p: Person): Promise<string[]> {
  const rows = await w.deps.db.all<{ status_id: string | number }>(
    'SELECT status_id FROM status_pins WHERE account_id = ? ORDER BY id',
    [p.account.id],
  );
  return rows.map((r) => String(r.status_id));
}

forEachDatabase((kind) => {
  test('pin and unpin answer with the post and its `pinned`; the profile lists the pins', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const status = await post(w, author, 'look here first');
    const pinned = await author.api.post(`/api/v1/statuses/${status.id}/pin`);
    assert.equal(pinned.status, 200);
    assertEntity(pinned.body, 'Status');
    assert.equal(pinned.body.id, status.id);
    assert.equal(pinned.body.pinned, true);
    assert.deepEqual(await pinnedIds(w, author), [status.id]);
    const profile = await client(w).get(
      `/api/v1/accounts/${author.account.id}/statuses?pinned=true`,
    );
    assert.deepEqual(
      profile.list.map((s) => s.id),
      [status.id],
    );
    // Others never see `pinned`.
    const other = await person(w);
    assert.equal('pinned' in (await other.api.get(`/api/v1/statuses/${status.id}`)).body, false);

    const unpinned = await author.api.post(`/api/v1/statuses/${status.id}/unpin`);
    assert.equal(unpinned.status, 200);
    assert.equal(unpinned.body.pinned, false);
    assert.deepEqual(await pinnedIds(w, author), []);
    // Unpinning what is not pinned is still 200.
    const again = await author.api.post(`/api/v1/statuses/${status.id}/unpin`);
    assert.deepEqual([again.status, again.body.pinned], [200, false]);
  });

  test("Mastodon's pin rules and their 422s, every broken rule named, nothing written", async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w, { account: { username: 'author' } });
    const me = await person(w, { account: { username: 'me' } });
    const others = await post(w, author, 'not mine');
    const theirDirect = await post(w, author, '@me psst', { visibility: 'direct' });
    const ownDirect = await post(w, me, 'note to self', { visibility: 'direct' });
    const ownPrivate = await post(w, me, 'followers only', { visibility: 'private' });
    const boost = await me.api.post(`/api/v1/statuses/${others.id}/reblog`);

    const cases: [string, string][] = [
      [others.id, "Validation failed: Someone else's post cannot be pinned"],
      [
        theirDirect.id,
        "Validation failed: Someone else's post cannot be pinned, Posts that are only visible to mentioned users cannot be pinned",
      ],
      [
        ownDirect.id,
        'Validation failed: Posts that are only visible to mentioned users cannot be pinned',
      ],
      [String(boost.body.id), 'Validation failed: A boost cannot be pinned'],
    ];
    for (const [id, error] of cases) {
      const res = await me.api.post(`/api/v1/statuses/${id}/pin`);
      assert.deepEqual([res.status, res.body], [422, { error }], error);
    }
    assert.deepEqual(await pinnedIds(w, me), []);

    // One's own followers-only post may be pinned (since Mastodon 3.5).
    assert.equal((await me.api.post(`/api/v1/statuses/${ownPrivate.id}/pin`)).status, 200);
    // Pinning it again: Mastodon's unique index answers "Duplicate record".
    const twice = await me.api.post(`/api/v1/statuses/${ownPrivate.id}/pin`);
    assert.deepEqual([twice.status, twice.body], [422, { error: 'Duplicate record' }]);
    assert.deepEqual(await pinnedIds(w, me), [ownPrivate.id]);

    // Posts one cannot see, or that do not exist: 404, for pin and unpin alike.
    const hidden = await post(w, author, 'private', { visibility: 'private' });
    for (const id of [hidden.id, '777', 'x']) {
      for (const action of ['pin', 'unpin']) {
        const res = await me.api.post(`/api/v1/statuses/${id}/${action}`);
        assert.deepEqual([res.status, res.body], [404, notFound], `${action} ${id}`);
      }
    }
  });

  test('at most five pins; a sixth is refused until one is unpinned', async (t) => {
    const w = await startTestWoolly(t, kind);
    const me = await person(w);
    const posts = [];
    for (let i = 0; i < 7; i++) posts.push(await post(w, me, `post ${i}`));
    for (const p of posts.slice(0, 5)) {
      assert.equal((await me.api.post(`/api/v1/statuses/${p.id}/pin`)).status, 200);
    }
    const sixth = await me.api.post(`/api/v1/statuses/${posts[5]!.id}/pin`);
    assert.deepEqual(
      [sixth.status, sixth.body],
      [422, { error: 'Validation failed: You have already pinned the maximum number of posts' }],
    );
    // Every rule broken is named, the limit last.
    const direct = await post(w, me, 'psst', { visibility: 'direct' });
    const both = await me.api.post(`/api/v1/statuses/${direct.id}/pin`);
    assert.deepEqual(both.body, {
      error:
        'Validation failed: Posts that are only visible to mentioned users cannot be pinned, You have already pinned the maximum number of posts',
    });
    assert.equal((await pinnedIds(w, me)).length, 5);

    await me.api.post(`/api/v1/statuses/${posts[0]!.id}/unpin`);
    assert.equal((await me.api.post(`/api/v1/statuses/${posts[5]!.id}/pin`)).status, 200);
    // Deleting a pinned post frees its place.
    await me.api.delete(`/api/v1/statuses/${posts[1]!.id}`);
    assert.equal((await me.api.post(`/api/v1/statuses/${posts[6]!.id}/pin`)).status, 200);
    assert.deepEqual(
      (await pinnedIds(w, me)).sort(),
      [posts[2]!, posts[3]!, posts[4]!, posts[5]!, posts[6]!].map((p) => p.id).sort(),
    );
  });

  test('scopes: pins need write:accounts', async (t) => {
    const w = await startTestWoolly(t, kind);
    const me = await person(w, { scopes: ['read', 'write:statuses'] });
    const status = await post(w, me, 'scoped');
    for (const action of ['pin', 'unpin']) {
      const res = await me.api.post(`/api/v1/statuses/${status.id}/${action}`);
      assert.deepEqual(
        [res.status, res.body],
        [403, { error: 'This action is outside the authorized scopes' }],
      );
    }
    const narrow = await person(w, { scopes: ['write:accounts'] });
    const own = await post(w, narrow, 'mine');
    assert.equal((await narrow.api.post(`/api/v1/statuses/${own.id}/pin`)).status, 200);
    assert.equal((await narrow.api.post(`/api/v1/statuses/${own.id}/unpin`)).status, 200);
  });
});
