import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { client, person, post } from './helpers.ts';

const dayMs = 86_400_000;

forEachDatabase((kind) => {
  test('a tag shows seven days of public use, today first', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await post(w, alice, 'Spinning today #Wool');
    await post(w, bob, 'me too #wool');
    await post(w, bob, 'and again #WOOL');
    await post(w, bob, 'just for friends #wool', { visibility: 'private' });
    w.clock.advance(2 * dayMs);
    await post(w, alice, 'two days on #wool');

    const res = await client(w).get('/api/v1/tags/wool');
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Tag');
    // Tags are kept in their normal form, which is the name shown.
    assert.equal(res.body.name, 'wool');
    assert.equal(res.body.url, 'https://woolly.test/tags/wool');
    assert.equal(res.body.following, undefined);
    const today = Math.floor(w.clock.now() / dayMs) * 86_400;
    const history = res.body.history as { day: string; uses: string; accounts: string }[];
    assert.equal(history.length, 7);
    assert.deepEqual(history[0], { day: String(today), accounts: '1', uses: '1' });
    assert.deepEqual(history[1], { day: String(today - 86_400), accounts: '0', uses: '0' });
    assert.deepEqual(history[2], { day: String(today - 2 * 86_400), accounts: '2', uses: '3' });

    const signedIn = await alice.api.get('/api/v1/tags/WOOL');
    assertEntity(signedIn.body, 'Tag');
    assert.equal(signedIn.body.following, false);
    assert.equal(signedIn.body.featuring, false);
  });

  test('a name nobody used yet shows empty; a name that is no hashtag is a 404', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const res = await alice.api.get('/api/v1/tags/NeverUsed');
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Tag');
    assert.equal(res.body.id, '');
    assert.equal(res.body.name, 'NeverUsed');
    assert.ok((res.body.history as { uses: string }[]).every((d) => d.uses === '0'));
    for (const name of ['123', 'no%20spaces', '%23hash']) {
      const bad = await alice.api.get(`/api/v1/tags/${name}`);
      assert.equal(bad.status, 404, name);
      assert.deepEqual(bad.body, { error: 'Record not found' });
      assert.equal((await alice.api.post(`/api/v1/tags/${name}/follow`)).status, 404);
    }
  });

  test('following a tag creates it if needed; unfollowing is harmless twice', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const res = await alice.api.post('/api/v1/tags/Knitting/follow');
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Tag');
    assert.notEqual(res.body.id, '');
    assert.equal(res.body.name, 'knitting');
    assert.equal(res.body.following, true);
    const again = await alice.api.post('/api/v1/tags/knitting/follow');
    assert.equal(again.body.id, res.body.id);
    assert.equal(again.body.following, true);

    const off = await alice.api.post('/api/v1/tags/knitting/unfollow');
    assert.equal(off.body.following, false);
    assert.equal((await alice.api.post('/api/v1/tags/knitting/unfollow')).status, 200);
    const unknown = await alice.api.post('/api/v1/tags/neverfollowed/unfollow');
    assert.equal(unknown.status, 200);
    assert.equal(unknown.body.id, '');
    assert.equal(unknown.body.following, false);
  });

  test('followed tags are listed newest first, paged by follow id', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    for (const name of ['alpaca', 'llama', 'sheep']) {
      w.clock.advance(1000);
      await alice.api.post(`/api/v1/tags/${name}/follow`);
    }
    const ids = (
      await w.deps.db.all<{ id: string | number }>(
        'SELECT id FROM tag_follows WHERE account_id = ? ORDER BY id DESC',
        [alice.account.id],
      )
    ).map((r) => String(r.id));
    const page = await alice.api.get('/api/v1/followed_tags?limit=2');
    assert.equal(page.status, 200);
    for (const tag of page.list) assertEntity(tag, 'Tag');
    assert.deepEqual(
      page.list.map((tag) => [tag.name, tag.following]),
      [
        ['sheep', true],
        ['llama', true],
      ],
    );
    assert.equal(
      page.link,
      `<https://woolly.test/api/v1/followed_tags?limit=2&max_id=${ids[1]}>; rel="next", ` +
        `<https://woolly.test/api/v1/followed_tags?limit=2&since_id=${ids[0]}>; rel=\"prev\"`,
    );
    const rest = await alice.api.get(`/api/v1/followed_tags?limit=2&max_id=${ids[1]}`);
    assert.deepEqual(
      rest.list.map((tag) => tag.name),
      ['alpaca'],
    );
  });

  test('tag actions need their scopes', async (t) => {
    const w = await startTestWoolly(t, kind);
    const accounts = await person(w, { scopes: ['write:accounts'] });
    const follows = await person(w, { scopes: ['write:follows', 'read:follows'] });
    assert.equal((await accounts.api.post('/api/v1/tags/wool/follow')).status, 403);
    assert.equal((await follows.api.post('/api/v1/tags/wool/feature')).status, 403);
    assert.equal((await accounts.api.post('/api/v1/tags/wool/feature')).status, 200);
    assert.equal((await follows.api.post('/api/v1/tags/wool/follow')).status, 200);
    assert.equal((await client(w).post('/api/v1/tags/wool/follow')).status, 401);
    assert.equal((await accounts.api.get('/api/v1/followed_tags')).status, 403);
    assert.equal((await follows.api.get('/api/v1/followed_tags')).list.length, 1);
  });
});
