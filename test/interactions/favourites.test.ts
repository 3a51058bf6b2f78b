import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { client, person, post, recordEvents, type Person } from '../relationships/helpers.ts';

const notFound = { error: 'Record not found' };

forEachDatabase((kind) => {
  test('favourite and unfavourite answer with the post, its counter and flag as they now are', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const fan = await person(w);
    const status = await post(w, author, 'like me');
    const favourited = recordEvents(w, 'status.favourited');
    const unfavourited = recordEvents(w, 'status.unfavourited');

    const liked = await fan.api.post(`/api/v1/statuses/${status.id}/favourite`);
    assert.equal(liked.status, 200);
    assertEntity(liked.body, 'Status');
    assert.equal(liked.body.id, status.id);
    assert.equal(liked.body.favourited, true);
    assert.equal(liked.body.favourites_count, 1);
    assert.equal(favourited.length, 1);
    assert.equal(favourited[0]!.statusId, status.id);
    assert.equal(favourited[0]!.accountId, fan.account.id);
    assert.equal(favourited[0]!.targetAccountId, author.account.id);
    const row = await w.deps.db.get<{ id: string | number }>(
      'SELECT id FROM favourites WHERE account_id = ? AND status_id = ?',
      [fan.account.id, status.id],
    );
    assert.equal(favourited[0]!.favouriteId, String(row?.id));

    // Again: nothing changes, no second event, still 200.
    const again = await fan.api.post(`/api/v1/statuses/${status.id}/favourite`);
    assert.equal(again.status, 200);
    assert.equal(again.body.favourites_count, 1);
    assert.equal(again.body.favourited, true);
    assert.equal(favourited.length, 1);

    // The author sees the count, and that they did not favourite it themselves.
    const seen = await author.api.get(`/api/v1/statuses/${status.id}`);
    assert.equal(seen.body.favourites_count, 1);
    assert.equal(seen.body.favourited, false);

    const undone = await fan.api.post(`/api/v1/statuses/${status.id}/unfavourite`);
    assert.equal(undone.status, 200);
    assertEntity(undone.body, 'Status');
    assert.equal(undone.body.favourited, false);
    assert.equal(undone.body.favourites_count, 0);
    assert.deepEqual(unfavourited, [
      { statusId: status.id, accountId: fan.account.id, targetAccountId: author.account.id },
    ]);

    // Unfavouriting what is not favourited is still 200, with no event.
    const twice = await fan.api.post(`/api/v1/statuses/${status.id}/unfavourite`);
    assert.equal(twice.status, 200);
    assert.equal(twice.body.favourites_count, 0);
    assert.equal(unfavourited.length, 1);
  });

  test('30 people favouriting at once count 30; unfavouriting at once counts back to 0', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const status = await post(w, author, 'popular');
    const fans: Person[] = [];
    for (let i = 0; i < 30; i++) fans.push(await person(w));

    const liked = await Promise.all(
      fans.map((fan) => fan.api.post(`/api/v1/statuses/${status.id}/favourite`)),
    );
    assert.ok(liked.every((res) => res.status === 200 && res.body.favourited === true));
    const counts = async () => {
      const row = await w.deps.db.get<{ counter: number; rows: number }>(
        `SELECT favourites_count AS counter, (SELECT COUNT(*) FROM favourites WHERE status_id = ?) AS rows
         FROM statuses WHERE id = ?`,
        [status.id, status.id],
      );
      return { counter: Number(row?.counter), rows: Number(row?.rows) };
    };
    assert.deepEqual(await counts(), { counter: 30, rows: 30 });

    // Everyone at once again, plus the same person many times: still 30.
    const repeated = await Promise.all([
      ...fans.map((fan) => fan.api.post(`/api/v1/statuses/${status.id}/favourite`)),
      ...Array.from({ length: 10 }, () =>
        fans[0]!.api.post(`/api/v1/statuses/${status.id}/favourite`),
      ),
    ]);
    assert.ok(repeated.every((res) => res.status === 200));
    assert.deepEqual(await counts(), { counter: 30, rows: 30 });

    const undone = await Promise.all(
      fans.map((fan) => fan.api.post(`/api/v1/statuses/${status.id}/unfavourite`)),
    );
    assert.ok(undone.every((res) => res.status === 200 && res.body.favourited === false));
    assert.deepEqual(await counts(), { counter: 0, rows: 0 });
  });

  test('a boost stands for the boosted post; the answer is the boost, flags mirrored', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const booster = await person(w);
    const fan = await person(w);
    const status = await post(w, author, 'original');
    const boost = await booster.api.post(`/api/v1/statuses/${status.id}/reblog`);
    const boostId = String(boost.body.id);

    const liked = await fan.api.post(`/api/v1/statuses/${boostId}/favourite`);
    assert.equal(liked.status, 200);
    assert.equal(liked.body.id, boostId);
    assert.equal(liked.body.favourited, true);
    const inner = liked.body.reblog as Record<string, unknown>;
    assert.equal(inner.id, status.id);
    assert.equal(inner.favourited, true);
    assert.equal(inner.favourites_count, 1);
    const rows = await w.deps.db.all<{ status_id: string | number }>(
      'SELECT status_id FROM favourites WHERE account_id = ?',
      [fan.account.id],
    );
    assert.deepEqual(
      rows.map((r) => String(r.status_id)),
      [status.id],
    );

    const undone = await fan.api.post(`/api/v1/statuses/${boostId}/unfavourite`);
    assert.equal(undone.status, 200);
    assert.equal((undone.body.reblog as Record<string, unknown>).favourites_count, 0);
    assert.equal(undone.body.favourited, false);
  });

  test('posts one may not see are 404; the author one blocks is 403; nothing is written', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const stranger = await person(w);
    const blocked = await person(w);
    const blocking = await person(w);
    await author.api.post(`/api/v1/accounts/${blocked.account.id}/block`);
    await blocking.api.post(`/api/v1/accounts/${author.account.id}/block`);
    const publicPost = await post(w, author, 'public');
    const privatePost = await post(w, author, 'followers only', { visibility: 'private' });
    const directPost = await post(w, author, 'just me', { visibility: 'direct' });

    for (const id of [privatePost.id, directPost.id, '999999999', 'nope']) {
      for (const action of ['favourite', 'unfavourite']) {
        const res = await stranger.api.post(`/api/v1/statuses/${id}/${action}`);
        assert.deepEqual([res.status, res.body], [404, notFound], `${action} ${id}`);
      }
    }
    // Blocked by the author: the post is invisible, so 404.
    const blockedRes = await blocked.api.post(`/api/v1/statuses/${publicPost.id}/favourite`);
    assert.deepEqual([blockedRes.status, blockedRes.body], [404, notFound]);
    // Blocking the author: visible, but Mastodon's favourite? says no.
    const blockingRes = await blocking.api.post(`/api/v1/statuses/${publicPost.id}/favourite`);
    assert.deepEqual(
      [blockingRes.status, blockingRes.body],
      [403, { error: 'This action is not allowed' }],
    );
    const row = await w.deps.db.get<{ n: number; counter: number }>(
      'SELECT (SELECT COUNT(*) FROM favourites) AS n, favourites_count AS counter FROM statuses WHERE id = ?',
      [publicPost.id],
    );
    assert.deepEqual([Number(row?.n), Number(row?.counter)], [0, 0]);
  });

  test('a favourite made before the author blocked the fan can still be taken back', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const fan = await person(w);
    const status = await post(w, author, 'soon hidden');
    await fan.api.post(`/api/v1/statuses/${status.id}/favourite`);
    await author.api.post(`/api/v1/accounts/${fan.account.id}/block`);
    assert.equal((await fan.api.get(`/api/v1/statuses/${status.id}`)).status, 404);
    const undone = await fan.api.post(`/api/v1/statuses/${status.id}/unfavourite`);
    assert.equal(undone.status, 200);
    assert.equal(undone.body.favourites_count, 0);
    // Now that there is nothing to take back, the invisible post is a 404 again.
    const again = await fan.api.post(`/api/v1/statuses/${status.id}/unfavourite`);
    assert.deepEqual([again.status, again.body], [404, notFound]);
  });

  test('scopes: write:favourites to change, read:favourites to list; a user is needed', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const status = await post(w, author, 'scoped');
    const reader = await person(w, { scopes: ['read'] });
    const outside = { error: 'This action is outside the authorized scopes' };
    for (const action of ['favourite', 'unfavourite']) {
      const res = await reader.api.post(`/api/v1/statuses/${status.id}/${action}`);
      assert.deepEqual([res.status, res.body], [403, outside]);
    }
    const narrow = await person(w, { scopes: ['write:favourites', 'read:favourites'] });
    assert.equal((await narrow.api.post(`/api/v1/statuses/${status.id}/favourite`)).status, 200);
    assert.equal((await narrow.api.get('/api/v1/favourites')).status, 200);
    const writer = await person(w, { scopes: ['write'] });
    const list = await writer.api.get('/api/v1/favourites');
    assert.deepEqual([list.status, list.body], [403, outside]);

    const anonymous = client(w);
    for (const res of [
      await anonymous.post(`/api/v1/statuses/${status.id}/favourite`),
      await anonymous.get('/api/v1/favourites'),
    ]) {
      assert.deepEqual([res.status, res.body], [401, { error: 'The access token is invalid' }]);
    }
  });

  test('GET /favourites pages by favourite id, newest favourite first, with Link headers', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const fan = await person(w);
    const posts = [];
    for (let i = 0; i < 5; i++) posts.push(await post(w, author, `post ${i}`));
    // Favourited in an order unlike the posts' own: the list follows the favourites.
    const order = [posts[3]!, posts[0]!, posts[4]!, posts[1]!, posts[2]!];
    for (const p of order) await fan.api.post(`/api/v1/statuses/${p.id}/favourite`);
    const favIds = (
      await w.deps.db.all<{ id: string | number }>(
        'SELECT id FROM favourites WHERE account_id = ? ORDER BY id DESC',
        [fan.account.id],
      )
    ).map((r) => String(r.id));
    const newestFirst = [...order].reverse().map((p) => p.id);

    const first = await fan.api.get('/api/v1/favourites?limit=2');
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.list.map((s) => s.id),
      newestFirst.slice(0, 2),
    );
    for (const s of first.list) {
      assertEntity(s, 'Status');
      assert.equal(s.favourited, true);
    }
    const base = 'https://woolly.test/api/v1/favourites';
    assert.equal(
      first.link,
      `<${base}?limit=2&max_id=${favIds[1]}>; rel="next", <${base}?limit=2&min_id=${favIds[0]}>; rel="prev"`,
    );
    const second = await fan.api.get(`/api/v1/favourites?limit=2&max_id=${favIds[1]}`);
    assert.deepEqual(
      second.list.map((s) => s.id),
      newestFirst.slice(2, 4),
    );
    const last = await fan.api.get(`/api/v1/favourites?limit=2&max_id=${favIds[3]}`);
    assert.deepEqual(
      last.list.map((s) => s.id),
      newestFirst.slice(4),
    );
    // A short page has no next link.
    assert.equal(last.link, `<${base}?limit=2&min_id=${favIds[4]}>; rel="prev"`);
    // min_id reads forward from the oldest, still answered newest first.
    const forward = await fan.api.get(`/api/v1/favourites?limit=2&min_id=${favIds[4]}`);
    assert.deepEqual(
      forward.list.map((s) => s.id),
      newestFirst.slice(2, 4),
    );
    const since = await fan.api.get(`/api/v1/favourites?since_id=${favIds[2]}`);
    assert.deepEqual(
      since.list.map((s) => s.id),
      newestFirst.slice(0, 2),
    );
    const empty = await author.api.get('/api/v1/favourites');
    assert.deepEqual([empty.status, empty.list, empty.link], [200, [], null]);
  });

  test('GET /favourites leaves out deleted posts and posts the viewer can no longer see', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const other = await person(w);
    const fan = await person(w);
    await fan.api.post(`/api/v1/accounts/${author.account.id}/follow`);
    const kept = await post(w, other, 'kept');
    const gone = await post(w, other, 'deleted later');
    const privatePost = await post(w, author, 'followers only', { visibility: 'private' });
    for (const p of [kept, gone, privatePost]) {
      assert.equal((await fan.api.post(`/api/v1/statuses/${p.id}/favourite`)).status, 200);
    }
    await other.api.delete(`/api/v1/statuses/${gone.id}`);
    await fan.api.post(`/api/v1/accounts/${author.account.id}/unfollow`);
    const list = await fan.api.get('/api/v1/favourites');
    assert.deepEqual(
      list.list.map((s) => s.id),
      [kept.id],
    );
  });

  test('GET /statuses/:id/favourited_by lists favouriters by favourite id, Link with since_id', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const status = await post(w, author, 'liked by many');
    const fans: Person[] = [];
    for (let i = 0; i < 4; i++) {
      const fan = await person(w);
      await fan.api.post(`/api/v1/statuses/${status.id}/favourite`);
      fans.push(fan);
    }
    const favIds = (
      await w.deps.db.all<{ id: string | number }>(
        'SELECT id FROM favourites WHERE status_id = ? ORDER BY id DESC',
        [status.id],
      )
    ).map((r) => String(r.id));
    const anonymous = client(w);
    const path = `/api/v1/statuses/${status.id}/favourited_by`;
    const first = await anonymous.get(`${path}?limit=2`);
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.list.map((a) => a.id),
      [fans[3]!.account.id, fans[2]!.account.id],
    );
    for (const a of first.list) assertEntity(a, 'Account');
    const base = `https://woolly.test${path}`;
    assert.equal(
      first.link,
      `<${base}?limit=2&max_id=${favIds[1]}>; rel="next", <${base}?limit=2&since_id=${favIds[0]}>; rel="prev"`,
    );
    const second = await anonymous.get(`${path}?limit=2&max_id=${favIds[1]}`);
    assert.deepEqual(
      second.list.map((a) => a.id),
      [fans[1]!.account.id, fans[0]!.account.id],
    );
    const since = await anonymous.get(`${path}?since_id=${favIds[1]}`);
    assert.deepEqual(
      since.list.map((a) => a.id),
      [fans[3]!.account.id],
    );

    // A viewer does not see the accounts they block, are blocked by or mute.
    const viewer = await person(w);
    await viewer.api.post(`/api/v1/accounts/${fans[0]!.account.id}/block`);
    await fans[1]!.api.post(`/api/v1/accounts/${viewer.account.id}/block`);
    await viewer.api.post(`/api/v1/accounts/${fans[2]!.account.id}/mute`);
    const filtered = await viewer.api.get(path);
    assert.deepEqual(
      filtered.list.map((a) => a.id),
      [fans[3]!.account.id],
    );

    // A token, if sent, needs read:accounts; a post one may not see is 404.
    const writer = await person(w, { scopes: ['write'] });
    assert.equal((await writer.api.get(path)).status, 403);
    const hidden = await post(w, author, 'private', { visibility: 'private' });
    const res = await anonymous.get(`/api/v1/statuses/${hidden.id}/favourited_by`);
    assert.deepEqual([res.status, res.body], [404, notFound]);
  });
});
