import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { client, person, post } from './helpers.ts';

forEachDatabase((kind) => {
  test('featuring a hashtag shows it with the count and day of the public posts using it', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const created = await alice.api.post('/api/v1/featured_tags', { name: '#Knitting' });
    assert.equal(created.status, 200);
    assertEntity(created.body, 'FeaturedTag');
    assert.deepEqual(
      { ...created.body, id: 'x' },
      {
        id: 'x',
        name: 'Knitting',
        url: 'https://woolly.test/@alice/tagged/knitting',
        statuses_count: '0',
        last_status_at: null,
      },
    );
    await alice.api.post('/api/v1/featured_tags', { name: 'spinning' });

    await post(w, alice, 'A sock #knitting');
    await post(w, alice, 'Another #Knitting', { visibility: 'unlisted' });
    await post(w, alice, 'For friends #knitting', { visibility: 'private' });
    await post(w, alice, 'Wheel #spinning');

    const list = await alice.api.get('/api/v1/featured_tags');
    assert.equal(list.status, 200);
    for (const tag of list.list) assertEntity(tag, 'FeaturedTag');
    const day = new Date(w.clock.now()).toISOString().slice(0, 10);
    assert.deepEqual(
      list.list.map((tag) => [tag.name, tag.statuses_count, tag.last_status_at]),
      [
        ['Knitting', '2', day],
        ['spinning', '1', day],
      ],
    );
    const publicList = await client(w).get(`/api/v1/accounts/${alice.account.id}/featured_tags`);
    assert.deepEqual(publicList.list, list.list);
  });

  test('featuring the same spelling again returns it; another spelling is taken', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const first = await alice.api.post('/api/v1/featured_tags', { name: 'Wool' });
    const again = await alice.api.post('/api/v1/featured_tags', { name: 'Wool' });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
    const other = await alice.api.post('/api/v1/featured_tags', { name: 'wool' });
    assert.equal(other.status, 422);
    assert.deepEqual(other.body, { error: 'Validation failed: Name has already been taken' });
  });

  test('a blank or invalid name, or an eleventh tag, is a 422 and nothing is written', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const cases: [unknown, string][] = [
      [undefined, "Validation failed: Name can't be blank"],
      ['  #', "Validation failed: Name can't be blank"],
      ['2024', 'Validation failed: Name is invalid'],
      ['two words', 'Validation failed: Name is invalid'],
    ];
    for (const [name, error] of cases) {
      const res = await alice.api.post('/api/v1/featured_tags', { name });
      assert.equal(res.status, 422, String(name));
      assert.deepEqual(res.body, { error });
    }
    for (let i = 0; i < 10; i++) {
      assert.equal(
        (await alice.api.post('/api/v1/featured_tags', { name: `tag${i}x` })).status,
        200,
      );
    }
    const eleventh = await alice.api.post('/api/v1/featured_tags', { name: 'onetoomany' });
    assert.equal(eleventh.status, 422);
    assert.deepEqual(eleventh.body, {
      error: 'Validation failed: You have already featured the maximum number of hashtags',
    });
    const viaTag = await alice.api.post('/api/v1/tags/onetoomany/feature');
    assert.equal(viaTag.status, 422);
    assert.equal((await alice.api.get('/api/v1/featured_tags')).list.length, 10);
    // Refused, so no tag was made for the name either.
    assert.equal((await alice.api.get('/api/v1/tags/onetoomany')).body.id, '');
  });

  test('deleting a featured tag: only one’s own, else a 404', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const tag = await alice.api.post('/api/v1/featured_tags', { name: 'wool' });
    const theirs = await bob.api.delete(`/api/v1/featured_tags/${String(tag.body.id)}`);
    assert.equal(theirs.status, 404);
    assert.deepEqual(theirs.body, { error: 'Record not found' });
    assert.equal((await bob.api.delete('/api/v1/featured_tags/nope')).status, 404);
    const mine = await alice.api.delete(`/api/v1/featured_tags/${String(tag.body.id)}`);
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.body, {});
    assert.deepEqual((await alice.api.get('/api/v1/featured_tags')).list, []);
  });

  test('tags can be featured and unfeatured from the tag itself', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const on = await alice.api.post('/api/v1/tags/Felting/feature');
    assert.equal(on.status, 200);
    assertEntity(on.body, 'Tag');
    assert.equal(on.body.featuring, true);
    assert.deepEqual(
      (await alice.api.get('/api/v1/featured_tags')).list.map((tag) => tag.name),
      ['felting'],
    );
    const off = await alice.api.post('/api/v1/tags/felting/unfeature');
    assert.equal(off.body.featuring, false);
    assert.deepEqual((await alice.api.get('/api/v1/featured_tags')).list, []);
  });

  test('suggestions are the tags used most lately that are not featured yet', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    await post(w, alice, '#wool #dye');
    await post(w, alice, '#wool #yarn');
    await post(w, alice, '#wool #yarn');
    await alice.api.post('/api/v1/featured_tags', { name: 'dye' });
    const res = await alice.api.get('/api/v1/featured_tags/suggestions');
    assert.equal(res.status, 200);
    for (const tag of res.list) assertEntity(tag, 'Tag');
    assert.deepEqual(
      res.list.map((tag) => [tag.name, tag.featuring]),
      [
        ['wool', false],
        ['yarn', false],
      ],
    );
  });

  test('featured tags need the accounts scopes', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w, { scopes: ['read:accounts'] });
    assert.equal((await reader.api.get('/api/v1/featured_tags')).status, 200);
    assert.equal((await reader.api.post('/api/v1/featured_tags', { name: 'x' })).status, 403);
    const follows = await person(w, { scopes: ['read:follows'] });
    assert.equal((await follows.api.get('/api/v1/featured_tags/suggestions')).status, 403);
  });
});
