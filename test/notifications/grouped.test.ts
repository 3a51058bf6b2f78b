import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, person, postStatus, runJobs, type Person } from './helpers.ts';

interface Group {
  group_key: string;
  notifications_count: number;
  type: string;
  most_recent_notification_id: string;
  page_min_id?: string;
  page_max_id?: string;
  latest_page_notification_at?: string;
  sample_account_ids: string[];
  status_id?: string;
}

interface Results {
  accounts: { id: string }[];
  partial_accounts?: { id: string }[];
  statuses: { id: string }[];
  notification_groups: Group[];
}

async function grouped(w: TestWoolly, who: Person, query = '') {
  await runJobs(w);
  const res = await w.request(`/api/v2/notifications${query}`, { token: who.token });
  const body = (await res.json()) as Results;
  return { status: res.status, body, link: res.headers.get('link') };
}

/** Alice's post favourited by three, boosted by one, two follows and two mentions. */
async function scene(w: TestWoolly) {
  const alice = await person(w, { account: { username: 'alice' } });
  const [bob, carol, dave, eve] = [
    await person(w),
    await person(w),
    await person(w),
    await person(w),
  ];
  const post = await postStatus(alice, { status: 'the post' });
  for (const who of [bob, carol, dave]) await act(who, `/api/v1/statuses/${post.id}/favourite`);
  await act(bob, `/api/v1/statuses/${post.id}/reblog`);
  await act(eve, `/api/v1/accounts/${alice.account.id}/follow`);
  await act(dave, `/api/v1/accounts/${alice.account.id}/follow`);
  const m1 = await postStatus(bob, { status: '@alice one' });
  const m2 = await postStatus(bob, { status: '@alice two' });
  await runJobs(w);
  return { alice, bob, carol, dave, eve, post, m1, m2 };
}

forEachDatabase((kind) => {
  test('favourites and boosts of a post, and follows, are grouped; mentions never', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob, carol, dave, eve, post, m1, m2 } = await scene(w);
    const { status, body, link } = await grouped(w, alice);
    assert.equal(status, 200);
    assertEntity(body, 'GroupedNotificationsResults');
    const v1 = (await alice.api.get('/api/v1/notifications')).list.map((n) => n.id as string);
    const groups = body.notification_groups;
    assert.deepEqual(
      groups.map((g) => [g.type, g.notifications_count, g.sample_account_ids]),
      [
        ['mention', 1, [bob.account.id]],
        ['mention', 1, [bob.account.id]],
        ['follow', 2, [dave.account.id, eve.account.id]],
        ['reblog', 1, [bob.account.id]],
        ['favourite', 3, [dave.account.id, carol.account.id, bob.account.id]],
      ],
    );
    const [mention2, mention1, follows, reblog, favourites] = groups;
    assert.equal(mention2!.group_key, `ungrouped-${v1[0]}`);
    assert.equal(mention2!.status_id, m2.id);
    assert.equal(mention1!.status_id, m1.id);
    assert.match(follows!.group_key, /^follow-\d+$/);
    assert.equal(follows!.status_id, undefined);
    assert.equal(reblog!.group_key.replace(/-\d+$/, ''), `reblog-${post.id}`);
    assert.equal(favourites!.group_key.replace(/-\d+$/, ''), `favourite-${post.id}`);
    assert.equal(favourites!.status_id, post.id);
    const hour = Math.floor(w.clock.now() / 3_600_000);
    assert.equal(favourites!.group_key, `favourite-${post.id}-${hour}`);
    // The favourites are v1's 8th, 7th and 6th newest: the group spans them.
    assert.equal(favourites!.most_recent_notification_id, v1[5]);
    assert.equal(favourites!.page_max_id, v1[5]);
    assert.equal(favourites!.page_min_id, v1[7]);
    assert.equal(favourites!.latest_page_notification_at, new Date(w.clock.now()).toISOString());
    assert.equal(mention2!.page_min_id, v1[0]);

    assert.deepEqual(
      body.accounts.map((a) => a.id),
      [bob.account.id, dave.account.id, eve.account.id, carol.account.id],
    );
    assert.deepEqual(
      body.statuses.map((s) => s.id),
      [m2.id, m1.id, post.id],
    );
    assert.match(
      link ?? '',
      new RegExp(`max_id=${favourites!.most_recent_notification_id}>; rel="next"`),
    );
  });

  test('a group collects for twelve hours, then a new one starts', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const post = await postStatus(alice, { status: 'slow burner' });
    const fav = async () => act(await person(w), `/api/v1/statuses/${post.id}/favourite`);
    await fav();
    w.clock.advance(11 * 3_600_000);
    await fav();
    w.clock.advance(2 * 3_600_000);
    await fav();
    const { body } = await grouped(w, alice);
    assert.deepEqual(
      body.notification_groups.map((g) => g.notifications_count),
      [1, 2],
    );
    const [late, early] = body.notification_groups;
    assert.notEqual(late!.group_key, early!.group_key);
  });

  test('a group larger than a batch is stepped over to reach the next group', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const bob = await person(w);
    const mention = await postStatus(bob, { status: '@alice before the crowd' });
    for (let i = 0; i < 45; i++) {
      await act(await person(w), `/api/v1/accounts/${alice.account.id}/follow`);
    }
    const { body } = await grouped(w, alice, '?limit=2');
    assert.deepEqual(
      body.notification_groups.map((g) => [g.type, g.notifications_count, g.status_id]),
      [
        ['follow', 45, undefined],
        ['mention', 1, mention.id],
      ],
    );
    assert.equal(body.notification_groups[0]!.sample_account_ids.length, 8);
    assert.deepEqual(
      await alice.api.get('/api/v2/notifications/unread_count').then((r) => r.body),
      {
        count: 2,
      },
    );
  });

  test('grouped_types[] says which types are grouped', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice } = await scene(w);
    const { body, link } = await grouped(w, alice, '?grouped_types[]=follow');
    assert.deepEqual(
      body.notification_groups.map((g) => `${g.type}:${g.notifications_count}`),
      [
        'mention:1',
        'mention:1',
        'follow:2',
        'reblog:1',
        'favourite:1',
        'favourite:1',
        'favourite:1',
      ],
    );
    assert.match(link ?? '', /grouped_types%5B%5D=follow/);
    assert.ok(
      body.notification_groups
        .filter((g) => g.type === 'favourite')
        .every((g) => g.group_key.startsWith('ungrouped-')),
    );
  });

  test('expand_accounts=partial_avatars sends all but the latest sender in short', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob, carol, dave, eve } = await scene(w);
    const { status, body } = await grouped(w, alice, '?expand_accounts=partial_avatars');
    assert.equal(status, 200);
    assertEntity(body, 'GroupedNotificationsResults');
    assert.deepEqual(
      body.accounts.map((a) => a.id),
      [bob.account.id, dave.account.id],
    );
    assert.deepEqual(
      body.partial_accounts!.map((a) => a.id),
      [eve.account.id, carol.account.id],
    );
    const bad = await grouped(w, alice, '?expand_accounts=some');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, {
      error:
        "Invalid value for 'expand_accounts': 'some', allowed values are 'full' and 'partial_avatars'",
    });
  });

  test('pages hold `limit` groups and link on by the notifications shown', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice } = await scene(w);
    const first = await grouped(w, alice, '?limit=3');
    assert.deepEqual(
      first.body.notification_groups.map((g) => g.type),
      ['mention', 'mention', 'follow'],
    );
    const follows = first.body.notification_groups[2]!;
    const top = first.body.notification_groups[0]!;
    const base = 'https://woolly.test/api/v2/notifications';
    assert.equal(
      first.link,
      `<${base}?limit=3&max_id=${follows.most_recent_notification_id}>; rel="next", <${base}?limit=3&min_id=${top.most_recent_notification_id}>; rel="prev"`,
    );
    const next = await grouped(w, alice, `?limit=3&max_id=${follows.most_recent_notification_id}`);
    // The older follow comes again: a group may continue on the next page, as on Mastodon.
    assert.deepEqual(
      next.body.notification_groups.map((g) => `${g.type}:${g.notifications_count}`),
      ['follow:1', 'reblog:1', 'favourite:3'],
    );
    const back = await grouped(w, alice, `?limit=2&min_id=${follows.most_recent_notification_id}`);
    assert.deepEqual(
      back.body.notification_groups.map((g) => g.type),
      ['mention', 'mention'],
    );
  });

  test('one group, its accounts, and dismissing it', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob, carol, dave } = await scene(w);
    const favourites = (await grouped(w, alice)).body.notification_groups.find(
      (g) => g.type === 'favourite',
    )!;
    const key = encodeURIComponent(favourites.group_key);
    const one = await w.request(`/api/v2/notifications/${key}`, { token: alice.token });
    assert.equal(one.status, 200);
    const body = (await one.json()) as Results;
    assertEntity(body, 'GroupedNotificationsResults');
    const { page_min_id, page_max_id, latest_page_notification_at, ...rest } = favourites;
    assert.deepEqual(body.notification_groups, [rest], 'the same group without page bounds');
    assert.ok(page_min_id && page_max_id && latest_page_notification_at);
    assert.equal(
      (await w.request(`/api/v2/notifications/${key}`, { token: bob.token })).status,
      404,
    );

    const accounts = await alice.api.get(`/api/v2/notifications/${key}/accounts?limit=2`);
    assert.deepEqual(
      accounts.list.map((a) => a.id),
      [dave.account.id, carol.account.id],
    );
    for (const a of accounts.list) assertEntity(a, 'Account');
    assert.match(accounts.link ?? '', /rel="next"/);
    const rest2 = await alice.api.get(
      `/api/v2/notifications/${key}/accounts?limit=2&max_id=${/max_id=(\d+)/.exec(accounts.link!)![1]}`,
    );
    assert.deepEqual(
      rest2.list.map((a) => a.id),
      [bob.account.id],
    );
    assert.doesNotMatch(rest2.link ?? '', /rel="next"/, 'no next link on a short page');

    const dismissed = await alice.api.post(`/api/v2/notifications/${key}/dismiss`);
    assert.equal(dismissed.status, 200);
    assert.deepEqual(dismissed.body, {});
    const after = (await grouped(w, alice)).body.notification_groups.map((g) => g.type);
    assert.deepEqual(after, ['mention', 'mention', 'follow', 'reblog']);
    const mention = (await grouped(w, alice)).body.notification_groups[0]!;
    await alice.api.post(`/api/v2/notifications/${mention.group_key}/dismiss`);
    assert.equal((await grouped(w, alice)).body.notification_groups.length, 3);
  });
});
