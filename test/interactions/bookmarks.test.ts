import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { client, person, post, type Person } from '../relationships/helpers.ts';

const notFound = { error: 'Record not found' };

async function bookmarkIds(w: TestWoolly, p: Person): Promise<string[]> {
  const rows = await w.deps.db.all<{ id: string | number }>(
    'SELECT id FROM bookmarks WHERE account_id = ? ORDER BY id DESC',
    [p.account.id],
  );
  return rows.map((r) => String(r.id));
}

forEachDatabase((kind) => {
  test('bookmark and unbookmark answer with the post and its `bookmarked`; both are idempotent', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const reader = await person(w);
    const status = await post(w, author, 'read later');
    for (let i = 0; i < 2; i++) {
      const res = await reader.api.post(`/api/v1/statuses/${status.id}/bookmark`);
      assert.equal(res.status, 200);
      assertEntity(res.body, 'Status');
      assert.equal(res.body.bookmarked, true);
    }
    assert.equal((await bookmarkIds(w, reader)).length, 1);
    // Only the bookmarker sees it.
    assert.equal((await author.api.get(`/api/v1/statuses/${status.id}`)).body.bookmarked, false);
    assert.equal((await reader.api.get(`/api/v1/statuses/${status.id}`)).body.bookmarked, true);
    for (let i = 0; i < 2; i++) {
      const res = await reader.api.post(`/api/v1/statuses/${status.id}/unbookmark`);
      assert.deepEqual([res.status, res.body.bookmarked], [200, false]);
    }
    assert.deepEqual(await bookmarkIds(w, reader), []);
  });

  test('a boost stands for its post; posts one cannot see are 404; own old bookmarks can go', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const booster = await person(w);
    const reader = await person(w);
    const status = await post(w, author, 'original');
    const boost = await booster.api.post(`/api/v1/statuses/${status.id}/reblog`);
    const viaBoost = await reader.api.post(`/api/v1/statuses/${boost.body.id}/bookmark`);
    assert.equal(viaBoost.status, 200);
    assert.equal(viaBoost.body.id, boost.body.id);
    assert.equal(viaBoost.body.bookmarked, true);
    assert.equal((viaBoost.body.reblog as Record<string, unknown>).bookmarked, true);
    const row = await w.deps.db.get<{ status_id: string | number }>(
      'SELECT status_id FROM bookmarks WHERE account_id = ?',
      [reader.account.id],
    );
    assert.equal(String(row?.status_id), status.id);

    const hidden = await post(w, author, 'followers only', { visibility: 'private' });
    for (const id of [hidden.id, '31337', 'nope']) {
      for (const action of ['bookmark', 'unbookmark']) {
        const res = await reader.api.post(`/api/v1/statuses/${id}/${action}`);
        assert.deepEqual([res.status, res.body], [404, notFound], `${action} ${id}`);
      }
    }
    assert.equal((await bookmarkIds(w, reader)).length, 1);

    // Blocked after bookmarking: the bookmark can still be removed.
    await author.api.post(`/api/v1/accounts/${reader.account.id}/block`);
    const removed = await reader.api.post(`/api/v1/statuses/${status.id}/unbookmark`);
    assert.equal(removed.status, 200);
    assert.deepEqual(await bookmarkIds(w, reader), []);
  });

  test('GET /bookmarks pages by bookmark id, newest first, with Link headers; hides the unseeable', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const reader = await person(w);
    const posts = [];
    for (let i = 0; i < 4; i++) posts.push(await post(w, author, `post ${i}`));
    const order = [posts[2]!, posts[0]!, posts[3]!, posts[1]!];
    for (const p of order) await reader.api.post(`/api/v1/statuses/${p.id}/bookmark`);
    const ids = await bookmarkIds(w, reader);
    const newestFirst = [...order].reverse().map((p) => p.id);

    const first = await reader.api.get('/api/v1/bookmarks?limit=3');
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.list.map((s) => s.id),
      newestFirst.slice(0, 3),
    );
    for (const s of first.list) {
      assertEntity(s, 'Status');
      assert.equal(s.bookmarked, true);
    }
    const base = 'https://woolly.test/api/v1/bookmarks';
    assert.equal(
      first.link,
      `<${base}?limit=3&max_id=${ids[2]}>; rel="next", <${base}?limit=3&min_id=${ids[0]}>; rel="prev"`,
    );
    const rest = await reader.api.get(`/api/v1/bookmarks?limit=3&max_id=${ids[2]}`);
    assert.deepEqual(
      rest.list.map((s) => s.id),
      newestFirst.slice(3),
    );
    assert.equal(rest.link, `<${base}?limit=3&min_id=${ids[3]}>; rel="prev"`);
    // The limit is at most 40; more is 40.
    assert.equal((await reader.api.get('/api/v1/bookmarks?limit=500')).list.length, 4);

    // Someone else's bookmarks are their own.
    assert.deepEqual((await author.api.get('/api/v1/bookmarks')).list, []);

    // Once the author blocks the reader, their posts drop out of the list; the page still
    // pages by the bookmarks it covered.
    await author.api.post(`/api/v1/accounts/${reader.account.id}/block`);
    const hidden = await reader.api.get('/api/v1/bookmarks?limit=3');
    assert.deepEqual(hidden.list, []);
    assert.match(hidden.link ?? '', new RegExp(`max_id=${ids[2]}>; rel="next"`));
  });

  test('scopes: write:bookmarks to change, read:bookmarks to list', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const status = await post(w, author, 'scoped');
    const outside = { error: 'This action is outside the authorized scopes' };
    const wrong = await person(w, { scopes: ['read:favourites', 'write:favourites'] });
    for (const res of [
      await wrong.api.post(`/api/v1/statuses/${status.id}/bookmark`),
      await wrong.api.post(`/api/v1/statuses/${status.id}/unbookmark`),
      await wrong.api.get('/api/v1/bookmarks'),
    ]) {
      assert.deepEqual([res.status, res.body], [403, outside]);
    }
    const narrow = await person(w, { scopes: ['write:bookmarks', 'read:bookmarks'] });
    assert.equal((await narrow.api.post(`/api/v1/statuses/${status.id}/bookmark`)).status, 200);
    assert.equal((await narrow.api.get('/api/v1/bookmarks')).list.length, 1);
    const res = await client(w).get('/api/v1/bookmarks');
    assert.deepEqual([res.status, res.body], [401, { error: 'The access token is invalid' }]);
  });
});
