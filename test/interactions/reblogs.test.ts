import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { client, person, post, recordEvents, type Person } from '../relationships/helpers.ts';

const notFound = { error: 'Record not found' };
const notAllowed = { error: 'This action is not allowed' };

type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

async function statusesCount(w: TestWoolly, p: Person): Promise<number> {
  const row = await w.deps.db.get<{ n: number }>(
    'SELECT statuses_count AS n FROM accounts WHERE id = ?',
    [p.account.id],
  );
  return Number(row?.n);
}

async function reblogsCount(w: TestWoolly, statusId: string): Promise<number> {
  const row = await w.deps.db.get<{ n: number }>(
    'SELECT reblogs_count AS n FROM statuses WHERE id = ?',
    [statusId],
  );
  return Number(row?.n);
}

forEachDatabase((kind) => {
  test('who may boost what: 404 for what one cannot see, 403 where StatusPolicy#reblog? says no', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w, { account: { username: 'author' } });
    const stranger = await person(w);
    const follower = await person(w);
    const mentioned = await person(w, { account: { username: 'mentioned' } });
    const blocking = await person(w);
    const blocked = await person(w);
    await follower.api.post(`/api/v1/accounts/${author.account.id}/follow`);
    await blocking.api.post(`/api/v1/accounts/${author.account.id}/follow`);
    await blocking.api.post(`/api/v1/accounts/${author.account.id}/block`);
    await author.api.post(`/api/v1/accounts/${blocked.account.id}/block`);
    const posts = {} as Record<Visibility, string>;
    for (const visibility of ['public', 'unlisted', 'private', 'direct'] as const) {
      posts[visibility] = (await post(w, author, `@mentioned ${visibility}`, { visibility })).id;
    }
    const ok = 200;
    const expected: [Person, Record<Visibility, number>][] = [
      [stranger, { public: ok, unlisted: ok, private: 404, direct: 404 }],
      [follower, { public: ok, unlisted: ok, private: 403, direct: 404 }],
      [mentioned, { public: ok, unlisted: ok, private: 403, direct: 403 }],
      [blocking, { public: 403, unlisted: 403, private: 404, direct: 404 }],
      [blocked, { public: 404, unlisted: 404, private: 404, direct: 404 }],
      [author, { public: ok, unlisted: ok, private: ok, direct: 403 }],
    ];
    for (const [viewer, row] of expected) {
      for (const [visibility, status] of Object.entries(row) as [Visibility, number][]) {
        const before = await statusesCount(w, viewer);
        const res = await viewer.api.post(`/api/v1/statuses/${posts[visibility]}/reblog`);
        const label = `${viewer.account.username} boosting ${visibility}`;
        assert.equal(res.status, status, label);
        if (status === 404) assert.deepEqual(res.body, notFound, label);
        if (status === 403) assert.deepEqual(res.body, notAllowed, label);
        // A refused boost writes nothing.
        assert.equal(await statusesCount(w, viewer), before + (status === ok ? 1 : 0), label);
      }
    }
    assert.equal(await reblogsCount(w, posts.public), 4);
    assert.equal(await reblogsCount(w, posts.private), 1);
    assert.equal(await reblogsCount(w, posts.direct), 0);
  });

  test('a boost answers as the new status around the post; boosting again answers the same', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const booster = await person(w, { account: { username: 'booster' } });
    const status = await post(w, author, 'boost me');
    const events = recordEvents(w, 'status.reblogged');

    const res = await booster.api.post(`/api/v1/statuses/${status.id}/reblog`);
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Status');
    const boostId = String(res.body.id);
    assert.notEqual(boostId, status.id);
    assert.equal(res.body.visibility, 'public');
    assert.equal(res.body.reblogged, true);
    assert.equal(res.body.content, '');
    assert.equal(res.body.uri, `https://woolly.test/users/booster/statuses/${boostId}/activity`);
    assert.equal(res.body.url, res.body.uri);
    assert.equal((res.body.account as Record<string, unknown>).id, booster.account.id);
    assert.equal('pinned' in res.body, false);
    const inner = res.body.reblog as Record<string, unknown>;
    assert.equal(inner.id, status.id);
    assert.equal(inner.reblogged, true);
    assert.equal(inner.reblogs_count, 1);
    assert.deepEqual(events, [
      {
        statusId: boostId,
        reblogOfId: status.id,
        accountId: booster.account.id,
        targetAccountId: author.account.id,
      },
    ]);
    assert.equal(await statusesCount(w, booster), 1);

    // Again, and through the boost's own id: the same boost, nothing more written.
    for (const id of [status.id, boostId]) {
      const again = await booster.api.post(`/api/v1/statuses/${id}/reblog`);
      assert.equal(again.status, 200);
      assert.equal(again.body.id, boostId);
      assert.equal((again.body.reblog as Record<string, unknown>).reblogs_count, 1);
    }
    assert.equal(events.length, 1);
    assert.equal(await statusesCount(w, booster), 1);

    // Someone else boosting the boost boosts the post.
    const other = await person(w);
    const second = await other.api.post(`/api/v1/statuses/${boostId}/reblog`);
    assert.equal((second.body.reblog as Record<string, unknown>).id, status.id);
    assert.equal(await reblogsCount(w, status.id), 2);

    // The author sees the count but not a boost of their own; the booster sees theirs.
    const seenByAuthor = await author.api.get(`/api/v1/statuses/${status.id}`);
    assert.deepEqual([seenByAuthor.body.reblogs_count, seenByAuthor.body.reblogged], [2, false]);
    const seenByBooster = await booster.api.get(`/api/v1/statuses/${status.id}`);
    assert.equal(seenByBooster.body.reblogged, true);
    const boostSeen = await client(w).get(`/api/v1/statuses/${boostId}`);
    assert.equal(boostSeen.status, 200);
    assert.equal((boostSeen.body.reblog as Record<string, unknown>).id, status.id);
  });

  test('the visibility of a boost: asked for, else the default; never direct; private stays private', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const booster = await person(w);
    const publicPost = await post(w, author, 'public');
    const unlisted = await booster.api.post(`/api/v1/statuses/${publicPost.id}/reblog`, {
      visibility: 'unlisted',
    });
    assert.equal(unlisted.body.visibility, 'unlisted');

    const picky = await person(w);
    const settings = await w.request('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: picky.token,
      json: { source: { privacy: 'private' } },
    });
    assert.equal(settings.status, 200);
    const byDefault = await picky.api.post(`/api/v1/statuses/${publicPost.id}/reblog`);
    assert.equal(byDefault.body.visibility, 'private');

    const errors: [unknown, string][] = [
      ['direct', 'Validation failed: Visibility is reserved'],
      ['limited', 'Validation failed: Visibility is reserved'],
      ['everyone', 'Validation failed: Visibility is not included in the list'],
    ];
    const someone = await person(w);
    for (const [visibility, error] of errors) {
      const res = await someone.api.post(`/api/v1/statuses/${publicPost.id}/reblog`, {
        visibility,
      });
      assert.deepEqual([res.status, res.body], [422, { error }], String(visibility));
    }
    assert.equal(await statusesCount(w, someone), 0);
    assert.equal(await reblogsCount(w, publicPost.id), 2);

    // One's own followers-only post is boosted to the same followers, whatever is asked.
    const own = await post(w, author, 'mine', { visibility: 'private' });
    const ownBoost = await author.api.post(`/api/v1/statuses/${own.id}/reblog`, {
      visibility: 'public',
    });
    assert.equal(ownBoost.status, 200);
    assert.equal(ownBoost.body.visibility, 'private');
    // A stranger cannot see that boost; a follower can.
    const stranger = await person(w);
    const follower = await person(w);
    await follower.api.post(`/api/v1/accounts/${author.account.id}/follow`);
    assert.equal((await stranger.api.get(`/api/v1/statuses/${ownBoost.body.id}`)).status, 404);
    assert.equal((await follower.api.get(`/api/v1/statuses/${ownBoost.body.id}`)).status, 200);
  });

  test('unreblog undoes the boost and answers with the post; undoing nothing is still 200', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const booster = await person(w);
    const status = await post(w, author, 'boost then regret');
    const boost = await booster.api.post(`/api/v1/statuses/${status.id}/reblog`);
    const boostId = String(boost.body.id);
    const deleted = recordEvents(w, 'status.deleted');

    const res = await booster.api.post(`/api/v1/statuses/${status.id}/unreblog`);
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Status');
    assert.equal(res.body.id, status.id);
    assert.equal(res.body.reblogged, false);
    assert.equal(res.body.reblogs_count, 0);
    assert.equal(await statusesCount(w, booster), 0);
    assert.deepEqual(deleted, [
      {
        statusId: boostId,
        accountId: booster.account.id,
        uri: String(boost.body.uri),
        local: true,
        reblogOfId: status.id,
      },
    ]);
    const gone = await booster.api.get(`/api/v1/statuses/${boostId}`);
    assert.deepEqual([gone.status, gone.body], [404, notFound]);

    const again = await booster.api.post(`/api/v1/statuses/${status.id}/unreblog`);
    assert.equal(again.status, 200);
    assert.equal(again.body.reblogs_count, 0);
    assert.equal(deleted.length, 1);

    // Boosting anew makes a new boost.
    const anew = await booster.api.post(`/api/v1/statuses/${status.id}/reblog`);
    assert.notEqual(anew.body.id, boostId);
    assert.equal(await reblogsCount(w, status.id), 1);

    // A post one cannot see, or none at all, is a 404 when there is no boost to undo.
    const hidden = await post(w, author, 'hidden', { visibility: 'private' });
    for (const id of [hidden.id, '12345', 'abc']) {
      const missing = await booster.api.post(`/api/v1/statuses/${id}/unreblog`);
      assert.deepEqual([missing.status, missing.body], [404, notFound], id);
    }
  });

  test('a boost made before the author blocked the booster can still be undone', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const booster = await person(w);
    const status = await post(w, author, 'soon hidden');
    await booster.api.post(`/api/v1/statuses/${status.id}/reblog`);
    await author.api.post(`/api/v1/accounts/${booster.account.id}/block`);
    const res = await booster.api.post(`/api/v1/statuses/${status.id}/unreblog`);
    assert.equal(res.status, 200);
    assert.equal(await reblogsCount(w, status.id), 0);
    assert.equal(await statusesCount(w, booster), 0);
  });

  test('boosts at once: one per account however often it is asked, and every account counted', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const status = await post(w, author, 'everyone boosts');
    const boosters: Person[] = [];
    for (let i = 0; i < 30; i++) boosters.push(await person(w));
    const results = await Promise.all([
      ...boosters.map((b) => b.api.post(`/api/v1/statuses/${status.id}/reblog`)),
      ...Array.from({ length: 10 }, () =>
        boosters[0]!.api.post(`/api/v1/statuses/${status.id}/reblog`),
      ),
    ]);
    assert.ok(results.every((res) => res.status === 200));
    const ids = new Set(results.slice(30).map((res) => res.body.id));
    ids.add(results[0]!.body.id);
    assert.equal(ids.size, 1, 'one boost for the account that asked many times');
    const live = await w.deps.db.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM statuses WHERE reblog_of_id = ? AND deleted_at IS NULL',
      [status.id],
    );
    assert.equal(Number(live?.n), 30);
    assert.equal(await reblogsCount(w, status.id), 30);
    for (const b of boosters) assert.equal(await statusesCount(w, b), 1);

    const undone = await Promise.all(
      boosters.map((b) => b.api.post(`/api/v1/statuses/${status.id}/unreblog`)),
    );
    assert.ok(undone.every((res) => res.status === 200 && res.body.reblogged === false));
    assert.equal(await reblogsCount(w, status.id), 0);
  });

  test('GET /statuses/:id/reblogged_by: public and unlisted boosts, by boost id, Link with since_id', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const status = await post(w, author, 'boosted by many');
    const boosters: Person[] = [];
    for (let i = 0; i < 3; i++) {
      const b = await person(w);
      await b.api.post(`/api/v1/statuses/${status.id}/reblog`, {
        visibility: i === 1 ? 'unlisted' : 'public',
      });
      boosters.push(b);
    }
    // A followers-only boost is not listed.
    const quiet = await person(w);
    await quiet.api.post(`/api/v1/statuses/${status.id}/reblog`, { visibility: 'private' });
    const boostIds = (
      await w.deps.db.all<{ id: string | number }>(
        "SELECT id FROM statuses WHERE reblog_of_id = ? AND visibility <> 'private' ORDER BY id DESC",
        [status.id],
      )
    ).map((r) => String(r.id));
    const anonymous = client(w);
    const path = `/api/v1/statuses/${status.id}/reblogged_by`;
    const all = await anonymous.get(path);
    assert.deepEqual(
      all.list.map((a) => a.id),
      [boosters[2]!.account.id, boosters[1]!.account.id, boosters[0]!.account.id],
    );
    for (const a of all.list) assertEntity(a, 'Account');
    const first = await anonymous.get(`${path}?limit=2`);
    const base = `https://woolly.test${path}`;
    assert.equal(
      first.link,
      `<${base}?limit=2&max_id=${boostIds[1]}>; rel="next", <${base}?limit=2&since_id=${boostIds[0]}>; rel="prev"`,
    );
    const next = await anonymous.get(`${path}?limit=2&max_id=${boostIds[1]}`);
    assert.deepEqual(
      next.list.map((a) => a.id),
      [boosters[0]!.account.id],
    );
    const since = await anonymous.get(`${path}?since_id=${boostIds[1]}`);
    assert.deepEqual(
      since.list.map((a) => a.id),
      [boosters[2]!.account.id],
    );
    // An undone boost is no longer listed.
    await boosters[2]!.api.post(`/api/v1/statuses/${status.id}/unreblog`);
    assert.deepEqual(
      (await anonymous.get(path)).list.map((a) => a.id),
      [boosters[1]!.account.id, boosters[0]!.account.id],
    );
    // A viewer does not see whom they mute.
    const viewer = await person(w);
    await viewer.api.post(`/api/v1/accounts/${boosters[0]!.account.id}/mute`);
    assert.deepEqual(
      (await viewer.api.get(path)).list.map((a) => a.id),
      [boosters[1]!.account.id],
    );
    const hidden = await post(w, author, 'private', { visibility: 'private' });
    const res = await anonymous.get(`/api/v1/statuses/${hidden.id}/reblogged_by`);
    assert.deepEqual([res.status, res.body], [404, notFound]);
  });

  test('scopes: write:statuses to boost and unboost; a user is needed', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const status = await post(w, author, 'scoped');
    const outside = { error: 'This action is outside the authorized scopes' };
    const wrong = await person(w, { scopes: ['read', 'write:favourites'] });
    for (const action of ['reblog', 'unreblog']) {
      const res = await wrong.api.post(`/api/v1/statuses/${status.id}/${action}`);
      assert.deepEqual([res.status, res.body], [403, outside], action);
    }
    const narrow = await person(w, { scopes: ['write:statuses'] });
    assert.equal((await narrow.api.post(`/api/v1/statuses/${status.id}/reblog`)).status, 200);
    assert.equal((await narrow.api.post(`/api/v1/statuses/${status.id}/unreblog`)).status, 200);
    const res = await client(w).post(`/api/v1/statuses/${status.id}/reblog`);
    assert.deepEqual([res.status, res.body], [401, { error: 'The access token is invalid' }]);
  });
});
