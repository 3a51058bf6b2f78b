import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import { insertStatus, type StatusRecord } from '../../src/db/repositories/statuses.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import type { TestWoolly } from '../helpers/woolly.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { client, person, post, type Client, type Person } from './helpers.ts';

/** A boost of `original` by `booster`, as the boost service will write it. */
async function boost(w: TestWoolly, booster: Person, original: StatusRecord) {
  const id = w.deps.ids.next();
  const reblog: StatusRecord = {
    ...original,
    id,
    accountId: booster.account.id,
    uri: `https://woolly.test/users/${booster.account.username}/statuses/${id}/activity`,
    url: null,
    text: '',
    content: '',
    inReplyToId: null,
    inReplyToAccountId: null,
    reblogOfId: original.id,
    quoteOfId: null,
    quoteState: null,
    pollId: null,
    repliesCount: 0,
    reblogsCount: 0,
    favouritesCount: 0,
    quotesCount: 0,
    createdAt: w.clock.now(),
    updatedAt: w.clock.now(),
  };
  await insertStatus(w.deps.db, reblog);
  return reblog;
}

async function ids(api: Client, path: string): Promise<string[]> {
  const res = await api.get(path);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.list.map((s) => String(s.id));
}

forEachDatabase((kind) => {
  test('who sees which posts of a profile', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w, { account: { username: 'author' } });
    const follower = await person(w, { account: { username: 'follower' } });
    const mentioned = await person(w, { account: { username: 'mentioned' } });
    const stranger = await person(w);
    await follower.api.post(`/api/v1/accounts/${author.account.id}/follow`);
    const pub = await post(w, author, 'public');
    const unlisted = await post(w, author, 'unlisted', { visibility: 'unlisted' });
    const priv = await post(w, author, 'followers only', { visibility: 'private' });
    const direct = await post(w, author, '@mentioned just you', { visibility: 'direct' });
    const local = await post(w, author, 'local only', { localOnly: true });
    const path = `/api/v1/accounts/${author.account.id}/statuses`;

    assert.deepEqual(await ids(client(w), path), [unlisted.id, pub.id]);
    assert.deepEqual(await ids(stranger.api, path), [local.id, unlisted.id, pub.id]);
    assert.deepEqual(await ids(follower.api, path), [local.id, priv.id, unlisted.id, pub.id]);
    assert.deepEqual(await ids(mentioned.api, path), [local.id, direct.id, unlisted.id, pub.id]);
    assert.deepEqual(await ids(author.api, path), [
      local.id,
      direct.id,
      priv.id,
      unlisted.id,
      pub.id,
    ]);

    const res = await client(w).get(path);
    for (const status of res.list) assertEntity(status, 'Status');
    assert.equal((res.list[0]!.account as { id: string }).id, author.account.id);
  });

  test('an author who blocks you shows you nothing; a suspended one shows nobody', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const blocked = await person(w);
    const blocker = await person(w);
    const first = await post(w, author, 'hello');
    await author.api.post(`/api/v1/accounts/${blocked.account.id}/block`);
    await blocker.api.post(`/api/v1/accounts/${author.account.id}/block`);
    const path = `/api/v1/accounts/${author.account.id}/statuses`;
    assert.deepEqual(await ids(blocked.api, path), []);
    // Blocking someone does not hide their profile's posts from you.
    assert.deepEqual(await ids(blocker.api, path), [first.id]);
    await updateAccount(w.deps.db, author.account.id, { suspendedAt: w.clock.now() });
    assert.deepEqual(await ids(author.api, path), []);
  });

  test('filters: exclude_replies keeps threads, exclude_reblogs, pinned, tagged, only_media', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const other = await person(w);
    const theirs = await post(w, other, 'theirs');
    const plain = await post(w, author, 'plain #wool');
    const reply = await post(w, author, '@' + other.account.username + ' reply', {
      inReplyToId: theirs.id,
    });
    const thread = await post(w, author, 'continuing', { inReplyToId: plain.id });
    const boosted = await boost(w, author, theirs);
    await w.deps.db.run(
      'INSERT INTO status_pins (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)',
      [w.deps.ids.next(), author.account.id, thread.id, w.clock.now()],
    );
    const path = `/api/v1/accounts/${author.account.id}/statuses`;
    const api = client(w);

    assert.deepEqual(await ids(api, path), [boosted.id, thread.id, reply.id, plain.id]);
    assert.deepEqual(await ids(api, `${path}?exclude_replies=true`), [
      boosted.id,
      thread.id,
      plain.id,
    ]);
    assert.deepEqual(await ids(api, `${path}?exclude_reblogs=1`), [thread.id, reply.id, plain.id]);
    assert.deepEqual(await ids(api, `${path}?pinned=true`), [thread.id]);
    assert.deepEqual(await ids(api, `${path}?tagged=WOOL`), [plain.id]);
    assert.deepEqual(await ids(api, `${path}?tagged=nothing`), []);
    assert.deepEqual(await ids(api, `${path}?only_media=true`), []);
    assert.deepEqual(await ids(api, `${path}?exclude_replies=false`), [
      boosted.id,
      thread.id,
      reply.id,
      plain.id,
    ]);
    const res = await api.get(`${path}?exclude_reblogs=false`);
    assert.equal((res.list[0]!.reblog as { id: string }).id, theirs.id);
  });

  test('boosts of accounts the viewer mutes or blocks are left out', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const muted = await person(w);
    const viewer = await person(w);
    const loud = await post(w, muted, 'loud');
    const boosted = await boost(w, author, loud);
    const own = await post(w, author, 'own');
    const path = `/api/v1/accounts/${author.account.id}/statuses`;
    assert.deepEqual(await ids(viewer.api, path), [own.id, boosted.id]);
    await viewer.api.post(`/api/v1/accounts/${muted.account.id}/mute`);
    assert.deepEqual(await ids(viewer.api, path), [own.id]);
    await viewer.api.post(`/api/v1/accounts/${muted.account.id}/unmute`);
    await viewer.api.post(`/api/v1/accounts/${muted.account.id}/block`);
    assert.deepEqual(await ids(viewer.api, path), [own.id]);
  });

  test('pages newest first with a Link header keeping the filters', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const posts = [];
    for (let i = 0; i < 3; i++) {
      w.clock.advance(1000);
      posts.push(await post(w, author, `post ${i}`));
    }
    const base = `/api/v1/accounts/${author.account.id}/statuses`;
    const res = await client(w).get(`${base}?limit=2&exclude_replies=true`);
    assert.deepEqual(
      res.list.map((s) => s.id),
      [posts[2]!.id, posts[1]!.id],
    );
    assert.equal(
      res.link,
      `<https://woolly.test${base}?limit=2&exclude_replies=true&max_id=${posts[1]!.id}>; rel="next", ` +
        `<https://woolly.test${base}?limit=2&exclude_replies=true&min_id=${posts[2]!.id}>; rel="prev"`,
    );
    assert.deepEqual(await ids(client(w), `${base}?max_id=${posts[1]!.id}`), [posts[0]!.id]);
    assert.deepEqual(await ids(client(w), `${base}?min_id=${posts[0]!.id}&limit=1`), [
      posts[1]!.id,
    ]);
    const unknown = await client(w).get('/api/v1/accounts/77777/statuses');
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { error: 'Record not found' });
    const noScope = await person(w, { scopes: ['read:accounts'] });
    assert.equal((await noScope.api.get(base)).status, 403);
  });
});
