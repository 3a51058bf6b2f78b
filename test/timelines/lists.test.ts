/**
 * Lists: CRUD and members with Mastodon's answers, the list timeline with each replies
 * policy, exclusive lists, and GET /api/v1/accounts/:id/lists.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, home, person, put, say, timeline, type Person } from './helpers.ts';

async function makeList(owner: Person, body: Record<string, unknown>): Promise<string> {
  return (await act(owner, '/api/v1/lists', body)).body.id as string;
}

async function follow(who: Person, whom: Person) {
  await act(who, `/api/v1/accounts/${whom.account.id}/follow`);
}

const listFeed = (w: TestWoolly, who: Person, id: string) =>
  timeline(w, who, `/api/v1/timelines/list/${id}`);

forEachDatabase((kind) => {
  test('lists: create, show, update, delete, as Mastodon answers them', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const created = await act(alice, '/api/v1/lists', { title: 'Friends' });
    assert.deepEqual(created.body, {
      id: created.body.id,
      title: 'Friends',
      replies_policy: 'list',
      exclusive: false,
    });
    const id = created.body.id as string;
    const updated = await put(w, alice, `/api/v1/lists/${id}`, {
      title: 'Pals',
      replies_policy: 'followed',
      exclusive: true,
    });
    assert.deepEqual(updated.body, {
      id,
      title: 'Pals',
      replies_policy: 'followed',
      exclusive: true,
    });
    assert.deepEqual((await alice.api.get(`/api/v1/lists/${id}`)).body, updated.body);
    assert.deepEqual((await alice.api.get('/api/v1/lists')).list, [updated.body]);

    assert.equal((await bob.api.get(`/api/v1/lists/${id}`)).status, 404);
    assert.deepEqual((await bob.api.get('/api/v1/lists')).list, []);
    const blank = await alice.api.post('/api/v1/lists', { title: ' ' });
    assert.equal(blank.status, 422);
    assert.equal(blank.body.error, "Validation failed: Title can't be blank");
    assert.equal(
      (await alice.api.post('/api/v1/lists', { title: 'x', replies_policy: 'everyone' })).status,
      422,
    );

    assert.deepEqual((await alice.api.delete(`/api/v1/lists/${id}`)).body, {});
    assert.equal((await alice.api.get(`/api/v1/lists/${id}`)).status, 404);
  });

  test('list members: only followed accounts, listed, removed, and the lists of an account', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const carol = await person(w);
    await follow(alice, bob);
    const id = await makeList(alice, { title: 'L' });
    const add = (ids: string[]) =>
      alice.api.post(`/api/v1/lists/${id}/accounts`, { account_ids: ids });
    assert.equal((await add([carol.account.id])).status, 404);
    assert.deepEqual((await add([bob.account.id])).body, {});
    assert.equal((await add([bob.account.id])).status, 422);
    const members = await alice.api.get(`/api/v1/lists/${id}/accounts`);
    assert.deepEqual(
      members.list.map((a) => a.id),
      [bob.account.id],
    );
    assert.deepEqual(
      (await alice.api.get(`/api/v1/accounts/${bob.account.id}/lists`)).list.map((l) => l.id),
      [id],
    );
    assert.deepEqual((await alice.api.get(`/api/v1/accounts/${carol.account.id}/lists`)).list, []);
    assert.deepEqual(
      (await alice.api.delete(`/api/v1/lists/${id}/accounts`, { account_ids: [bob.account.id] }))
        .body,
      {},
    );
    assert.deepEqual((await alice.api.get(`/api/v1/lists/${id}/accounts`)).list, []);
    // Unfollowing takes the account out of one's lists, as in Mastodon.
    await add([bob.account.id]);
    await act(alice, `/api/v1/accounts/${bob.account.id}/unfollow`);
    await home(w, alice);
    assert.deepEqual((await alice.api.get(`/api/v1/lists/${id}/accounts`)).list, []);
  });

  test('list timeline: members’ posts, and replies by the replies policy', async (t) => {
    const w = await startTestWoolly(t, kind);
    const owner = await person(w);
    const member = await person(w);
    const other = await person(w);
    const stranger = await person(w);
    await follow(owner, member);
    await follow(owner, other);
    const lists = {
      followed: await makeList(owner, { title: 'f', replies_policy: 'followed' }),
      list: await makeList(owner, { title: 'l', replies_policy: 'list' }),
      none: await makeList(owner, { title: 'n', replies_policy: 'none' }),
    };
    for (const id of Object.values(lists)) {
      await act(owner, `/api/v1/lists/${id}/accounts`, { account_ids: [member.account.id] });
    }
    // `other` is in the `list` list too, so replies to `other` show there.
    await act(owner, `/api/v1/lists/${lists.list}/accounts`, { account_ids: [other.account.id] });
    const post = await say(member, 'plain');
    const otherPost = await say(other, 'q');
    const toOther = await say(member, 'to other', { in_reply_to_id: otherPost });
    const toStranger = await say(member, 'to stranger', {
      in_reply_to_id: await say(stranger, 'q'),
    });
    const toOwner = await say(member, 'to owner', { in_reply_to_id: await say(owner, 'q') });
    const toSelf = await say(member, 'thread', { in_reply_to_id: post });
    const shown = async (id: string) => {
      const ids = await listFeed(w, owner, id);
      return [post, toOther, toStranger, toOwner, toSelf].filter((s) => ids.includes(s));
    };
    assert.deepEqual(await shown(lists.followed), [post, toOther, toOwner, toSelf]);
    assert.deepEqual(await shown(lists.list), [post, toOther, toOwner, toSelf]);
    assert.deepEqual(await shown(lists.none), [post, toOwner, toSelf]);
    assert.ok((await listFeed(w, owner, lists.list)).includes(otherPost));
    assert.ok(!(await listFeed(w, owner, lists.none)).includes(otherPost));
    assert.equal((await stranger.api.get(`/api/v1/timelines/list/${lists.list}`)).status, 404);

    // Built again from scratch (after `woolly feeds clear`), the feed is the same.
    const before = await listFeed(w, owner, lists.none);
    await w.deps.db.run('UPDATE lists SET feed_built_at = NULL');
    await w.deps.db.run('DELETE FROM list_feed_entries');
    assert.deepEqual(await listFeed(w, owner, lists.none), before);
  });

  test('exclusive lists keep their members out of the home timeline', async (t) => {
    const w = await startTestWoolly(t, kind);
    const owner = await person(w);
    const member = await person(w);
    await follow(owner, member);
    const inclusive = await makeList(owner, { title: 'i' });
    await act(owner, `/api/v1/lists/${inclusive}/accounts`, { account_ids: [member.account.id] });
    const first = await say(member, 'seen at home');
    assert.ok((await home(w, owner)).includes(first));
    const exclusive = await makeList(owner, { title: 'x', exclusive: true });
    await act(owner, `/api/v1/lists/${exclusive}/accounts`, { account_ids: [member.account.id] });
    const second = await say(member, 'only in lists');
    assert.ok(!(await home(w, owner)).includes(second));
    assert.ok((await listFeed(w, owner, exclusive)).includes(second));
    assert.ok((await listFeed(w, owner, inclusive)).includes(second));
  });
});
