import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, person, postStatus, runJobs, seen, type Person } from './helpers.ts';

/** Alice with five notifications: two follows, a mention, a favourite and a boost. */
async function busyAlice(w: TestWoolly) {
  const alice = await person(w, { account: { username: 'alice' } });
  const bob = await person(w);
  const carol = await person(w);
  const post = await postStatus(alice, { status: 'hello' });
  await act(bob, `/api/v1/accounts/${alice.account.id}/follow`);
  await act(carol, `/api/v1/accounts/${alice.account.id}/follow`);
  const mention = await postStatus(bob, { status: '@alice hi' });
  await act(carol, `/api/v1/statuses/${post.id}/favourite`);
  await act(bob, `/api/v1/statuses/${post.id}/reblog`);
  await runJobs(w);
  return { alice, bob, carol, post, mention };
}

const types = async (w: TestWoolly, who: Person, query: string) =>
  (await seen(w, who, query)).map((n) => `${n.type}:${n.from}`);

forEachDatabase((kind) => {
  test('the list is newest first and has Mastodon’s shape', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob, post, mention } = await busyAlice(w);
    const res = await alice.api.get('/api/v1/notifications');
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.list.map((n) => n.type),
      ['reblog', 'favourite', 'mention', 'follow', 'follow'],
    );
    for (const n of res.list) assertEntity(n, 'Notification');
    const [reblog, favourite, mentioned, follow] = res.list;
    assert.equal((reblog!.status as { id: string }).id, post.id, 'the boosted post, not the boost');
    assert.equal((mentioned!.status as { id: string }).id, mention.id);
    assert.equal((mentioned!.account as { id: string }).id, bob.account.id);
    assert.equal(follow!.status, undefined, 'a follow carries no status');
    assert.match(String(favourite!.group_key), new RegExp(`^favourite-${post.id}-\\d+$`));
    assert.equal(mentioned!.group_key, `ungrouped-${mentioned!.id}`);
    assert.equal(favourite!.created_at, new Date(w.clock.now()).toISOString());

    const one = await alice.api.get(`/api/v1/notifications/${mentioned!.id}`);
    assert.equal(one.status, 200);
    assert.deepEqual(one.body, mentioned);
    const others = await bob.api.get(`/api/v1/notifications/${mentioned!.id}`);
    assert.equal(others.status, 404, 'someone else’s notification is not found');
  });

  test('types[], exclude_types[] and account_id narrow the list', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob, carol } = await busyAlice(w);
    const b = bob.account.id;
    const c = carol.account.id;
    assert.deepEqual(await types(w, alice, '?types[]=follow&types[]=mention'), [
      `mention:${b}`,
      `follow:${c}`,
      `follow:${b}`,
    ]);
    assert.deepEqual(await types(w, alice, '?exclude_types[]=follow&exclude_types[]=reblog'), [
      `favourite:${c}`,
      `mention:${b}`,
    ]);
    assert.deepEqual(await types(w, alice, '?types[]=follow&exclude_types[]=follow'), []);
    assert.deepEqual(await types(w, alice, '?types[]=nonsense'), [], 'no known type, nothing');
    assert.deepEqual(await types(w, alice, `?account_id=${c}`), [`favourite:${c}`, `follow:${c}`]);
    assert.deepEqual(await types(w, alice, `?account_id=${b}&types[]=mention`), [`mention:${b}`]);
  });

  test('pages follow Mastodon’s Link header, forwards and back', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice } = await busyAlice(w);
    const all = (await alice.api.get('/api/v1/notifications')).list.map((n) => n.id as string);
    assert.equal(all.length, 5);
    const base = 'https://woolly.test/api/v1/notifications';

    const first = await alice.api.get('/api/v1/notifications?limit=2');
    assert.deepEqual(
      first.list.map((n) => n.id),
      all.slice(0, 2),
    );
    assert.equal(
      first.link,
      `<${base}?limit=2&max_id=${all[1]}>; rel="next", <${base}?limit=2&min_id=${all[0]}>; rel="prev"`,
    );
    const second = await alice.api.get(`/api/v1/notifications?limit=2&max_id=${all[1]}`);
    assert.deepEqual(
      second.list.map((n) => n.id),
      all.slice(2, 4),
    );
    const last = await alice.api.get(`/api/v1/notifications?limit=2&max_id=${all[3]}`);
    assert.deepEqual(
      last.list.map((n) => n.id),
      all.slice(4),
    );
    assert.match(last.link ?? '', /rel="next"/, 'Mastodon links on while a page is not empty');
    const end = await alice.api.get(`/api/v1/notifications?limit=2&max_id=${all[4]}`);
    assert.deepEqual(end.list, []);
    assert.equal(end.link, null);

    // min_id reads forward from a point: the oldest newer ones, still newest first.
    const up = await alice.api.get(`/api/v1/notifications?limit=2&min_id=${all[4]}`);
    assert.deepEqual(
      up.list.map((n) => n.id),
      all.slice(2, 4),
    );
    const since = await alice.api.get(`/api/v1/notifications?limit=2&since_id=${all[4]}`);
    assert.deepEqual(
      since.list.map((n) => n.id),
      all.slice(0, 2),
    );

    // The filters are kept in the links, in Rails' order, arrays with their brackets.
    const filtered = await alice.api.get(
      '/api/v1/notifications?types[]=follow&types[]=mention&limit=1&exclude_types[]=poll&max_id=999999999999999999',
    );
    const id = filtered.list[0]!.id as string;
    assert.equal(
      filtered.link,
      `<${base}?exclude_types%5B%5D=poll&limit=1&max_id=${id}&types%5B%5D=follow&types%5B%5D=mention>; rel="next", ` +
        `<${base}?exclude_types%5B%5D=poll&limit=1&min_id=${id}&types%5B%5D=follow&types%5B%5D=mention>; rel="prev"`,
    );
  });

  test('dismissing one notification, and clearing them all', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob } = await busyAlice(w);
    const [newest, second] = (await alice.api.get('/api/v1/notifications')).list;
    assert.equal((await bob.api.post(`/api/v1/notifications/${newest!.id}/dismiss`)).status, 404);
    const res = await alice.api.post(`/api/v1/notifications/${newest!.id}/dismiss`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {});
    const left = (await alice.api.get('/api/v1/notifications')).list;
    assert.equal(left.length, 4);
    assert.equal(left[0]!.id, second!.id);
    assert.equal((await alice.api.post(`/api/v1/notifications/${newest!.id}/dismiss`)).status, 404);

    const cleared = await alice.api.post('/api/v1/notifications/clear');
    assert.equal(cleared.status, 200);
    assert.deepEqual(cleared.body, {});
    assert.deepEqual((await alice.api.get('/api/v1/notifications')).list, []);
    assert.equal((await bob.api.get('/api/v1/notifications')).status, 200);
  });

  test('reading needs read:notifications, dismissing write:notifications', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w, { scopes: ['read:notifications'] });
    const other = await person(w, { scopes: ['read:statuses', 'write:statuses'] });
    assert.equal((await reader.api.get('/api/v1/notifications')).status, 200);
    assert.equal((await other.api.get('/api/v1/notifications')).status, 403);
    assert.equal((await reader.api.post('/api/v1/notifications/clear')).status, 403);
    assert.equal((await reader.api.get('/api/v2/notifications')).status, 200);
    assert.equal((await other.api.get('/api/v2/notifications/policy')).status, 403);
    const anonymous = await w.request('/api/v1/notifications');
    assert.equal(anonymous.status, 401);
  });

  test('a deleted post takes its notifications with it', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob, mention } = await busyAlice(w);
    const res = await w.request(`/api/v1/statuses/${mention.id}`, {
      method: 'DELETE',
      token: bob.token,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(
      (await seen(w, alice)).map((n) => n.type),
      ['reblog', 'favourite', 'follow', 'follow'],
    );
  });
});
