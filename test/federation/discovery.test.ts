import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeAccount, makeUserWithToken } from '../helpers/factories.ts';
import { posted } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { jpeg } from '../media/samples.ts';
import { upload } from '../media/upload.ts';
import { getActivityJson } from './helpers.ts';

/** Fedify writes the Public collection in its compact JSON-LD form. */
const publicCollection = 'as:Public';

// Storage-independent shapes run on SQLite; what counts or pages rows runs on both databases.
test('WebFinger finds local accounts by acct: and by actor or profile URL', async (t) => {
  const w = await startTestWoolly(t, 'sqlite');
  await makeAccount(w.deps, { username: 'alice' });
  const byAcct = await w.request('/.well-known/webfinger?resource=acct:alice@woolly.test');
  assert.equal(byAcct.status, 200);
  const jrd = (await byAcct.json()) as {
    subject: string;
    aliases: string[];
    links: { rel: string; type?: string; href?: string }[];
  };
  assert.equal(jrd.subject, 'acct:alice@woolly.test');
  const self = jrd.links.find((l) => l.rel === 'self');
  assert.deepEqual(self, {
    rel: 'self',
    type: 'application/activity+json',
    href: 'https://woolly.test/users/alice',
  });
  assert.ok(jrd.aliases.includes('https://woolly.test/users/alice'));
  const profile = jrd.links.find((l) => l.rel === 'http://webfinger.net/rel/profile-page');
  assert.equal(profile?.href, 'https://woolly.test/@alice');

  const other = await w.request('/.well-known/webfinger?resource=acct:ALICE@woolly.test');
  const otherLinks = ((await other.json()) as typeof jrd).links;
  assert.equal(otherLinks.find((l) => l.rel === 'self')?.href, 'https://woolly.test/users/alice');

  for (const resource of ['https://woolly.test/users/alice', 'https://woolly.test/@alice']) {
    const res = await w.request(`/.well-known/webfinger?resource=${encodeURIComponent(resource)}`);
    assert.equal(res.status, 200, resource);
    const found = (await res.json()) as typeof jrd;
    assert.equal(
      found.links.find((l) => l.rel === 'self')?.href,
      'https://woolly.test/users/alice',
    );
  }
  const missing = await w.request('/.well-known/webfinger?resource=acct:nobody@woolly.test');
  assert.equal(missing.status, 404);
  const elsewhere = await w.request('/.well-known/webfinger?resource=acct:alice@other.test');
  assert.equal(elsewhere.status, 404);
});

test('a local account is a Person with what Mastodon publishes', async (t) => {
  const w = await startTestWoolly(t, 'sqlite');
  const { account, token } = await makeUserWithToken(w.deps, {
    account: { username: 'alice' },
  });
  const res = await w.request('/api/v1/accounts/update_credentials', {
    method: 'PATCH',
    token,
    json: {
      display_name: 'Alice',
      note: 'Hello',
      locked: true,
      discoverable: true,
      fields_attributes: { '0': { name: 'Site', value: 'https://alice.example' } },
    },
  });
  assert.equal(res.status, 200);

  const { status, body, vary } = await getActivityJson(w, '/users/alice');
  assert.equal(status, 200);
  assert.match(vary ?? '', /Accept/i);
  assert.equal(body.id, 'https://woolly.test/users/alice');
  assert.equal(body.type, 'Person');
  assert.equal(body.preferredUsername, 'alice');
  assert.equal(body.name, 'Alice');
  assert.match(String(body.summary), /Hello/);
  assert.equal(body.url, 'https://woolly.test/@alice');
  assert.equal(body.inbox, 'https://woolly.test/users/alice/inbox');
  assert.equal(body.outbox, 'https://woolly.test/users/alice/outbox');
  assert.equal(body.followers, 'https://woolly.test/users/alice/followers');
  assert.equal(body.following, 'https://woolly.test/users/alice/following');
  assert.deepEqual(body.endpoints, { sharedInbox: 'https://woolly.test/inbox' });
  assert.equal(body.manuallyApprovesFollowers, true);
  assert.equal(body.discoverable, true);
  assert.equal(typeof body.published, 'string');
  const key = body.publicKey as { id: string; owner: string; publicKeyPem: string };
  assert.equal(key.owner, 'https://woolly.test/users/alice');
  assert.equal(key.publicKeyPem.trim(), account.publicKey.trim());
  const attachment = body.attachment as { type: string; name: string; value: string };
  const fields = Array.isArray(attachment) ? attachment : [attachment];
  assert.equal(fields[0].type, 'PropertyValue');
  assert.equal(fields[0].name, 'Site');
  assert.match(fields[0].value, /https:\/\/alice\.example/);

  assert.equal((await getActivityJson(w, '/users/nobody')).status, 404);
});

test('the instance actor is an Application at /actor with a stable key', async (t) => {
  const w = await startTestWoolly(t, 'sqlite');
  const first = await getActivityJson(w, '/actor');
  assert.equal(first.status, 200);
  assert.equal(first.body.type, 'Application');
  assert.equal(first.body.id, 'https://woolly.test/actor');
  assert.equal(first.body.preferredUsername, 'woolly.test');
  assert.equal(first.body.manuallyApprovesFollowers, true);
  const key = (first.body.publicKey as { publicKeyPem: string }).publicKeyPem;
  assert.match(key, /BEGIN PUBLIC KEY/);
  const again = await getActivityJson(w, '/actor');
  assert.equal((again.body.publicKey as { publicKeyPem: string }).publicKeyPem, key);
});

test('posts are Notes for anyone only when public or unlisted, never local-only', async (t) => {
  const w = await startTestWoolly(t, 'sqlite');
  const { token } = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  await makeAccount(w.deps, { username: 'bob' });
  const pub = await posted(w, token, {
    status: 'Hi @bob #woolly',
    spoiler_text: 'cw',
    language: 'en',
  });
  const unlisted = await posted(w, token, { status: 'quiet', visibility: 'unlisted' });
  const priv = await posted(w, token, { status: 'friends', visibility: 'private' });
  const direct = await posted(w, token, { status: '@bob psst', visibility: 'direct' });

  const note = await getActivityJson(w, `/users/alice/statuses/${pub.id}`);
  assert.equal(note.status, 200);
  assert.equal(note.body.type, 'Note');
  assert.equal(note.body.id, `https://woolly.test/users/alice/statuses/${pub.id}`);
  assert.equal(note.body.attributedTo, 'https://woolly.test/users/alice');
  assert.equal(note.body.summary, 'cw');
  assert.equal(note.body.sensitive, true);
  assert.equal(note.body.url, `https://woolly.test/@alice/${pub.id}`);
  assert.equal(note.body.content, pub.content);
  assert.deepEqual(note.body.contentMap, { en: pub.content });
  assert.equal(note.body.to, publicCollection);
  assert.deepEqual(note.body.cc, [
    'https://woolly.test/users/alice/followers',
    'https://woolly.test/users/bob',
  ]);
  const tags = note.body.tag as { type: string; href: string; name: string }[];
  assert.deepEqual(
    tags.map((tag) => [tag.type, tag.name, tag.href]),
    [
      ['Mention', '@bob', 'https://woolly.test/users/bob'],
      ['Hashtag', '#woolly', 'https://woolly.test/tags/woolly'],
    ],
  );

  const quiet = await getActivityJson(w, `/users/alice/statuses/${unlisted.id}`);
  assert.equal(quiet.status, 200);
  assert.equal(quiet.body.to, 'https://woolly.test/users/alice/followers');
  assert.equal(quiet.body.cc, publicCollection);

  for (const hidden of [priv, direct]) {
    assert.equal((await getActivityJson(w, `/users/alice/statuses/${hidden.id}`)).status, 404);
  }
  assert.equal((await getActivityJson(w, `/users/bob/statuses/${pub.id}`)).status, 404);
});

test('a Note carries its media as Documents', async (t) => {
  const w = await startTestWoolly(t, 'sqlite');
  const { token } = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const media = await upload(w, token, await jpeg(64, 48), {
    type: 'image/jpeg',
    name: 'photo.jpg',
    fields: { description: 'A gradient' },
  });
  assert.equal(media.status, 200);
  const post = await posted(w, token, { status: 'look', media_ids: [media.body.id] });
  const note = await getActivityJson(w, `/users/alice/statuses/${post.id}`);
  assert.deepEqual(note.body.attachment, {
    type: 'Document',
    mediaType: 'image/jpeg',
    url: media.body.url,
    name: 'A gradient',
    width: 64,
    height: 48,
  });
});

forEachDatabase((kind) => {
  test('host-meta points to WebFinger; NodeInfo 2.0 and 2.1 count from the database', async (t) => {
    const w = await startTestWoolly(t, kind);
    const hostMeta = await w.request('/.well-known/host-meta');
    assert.equal(hostMeta.status, 200);
    assert.match(hostMeta.headers.get('content-type') ?? '', /application\/xrd\+xml/);
    assert.match(
      await hostMeta.text(),
      /template="https:\/\/woolly\.test\/\.well-known\/webfinger\?resource=\{uri\}"/,
    );

    const { token } = await makeUserWithToken(w.deps);
    await makeAccount(w.deps);
    await posted(w, token, { status: 'one' });
    await posted(w, token, { status: 'two' });

    const links = (await (await w.request('/.well-known/nodeinfo')).json()) as {
      links: { href: string }[];
    };
    assert.deepEqual(
      links.links.map((l) => l.href),
      ['https://woolly.test/nodeinfo/2.1'],
    );
    type NodeInfoJson = {
      version: string;
      software: { name: string; version: string };
      protocols: string[];
      openRegistrations: boolean;
      usage: { users: { total: number }; localPosts: number };
    };
    const v21 = (await (await w.request('/nodeinfo/2.1')).json()) as NodeInfoJson;
    const v20Res = await w.request('/nodeinfo/2.0');
    assert.match(v20Res.headers.get('content-type') ?? '', /schema\/2\.0#/);
    const v20 = (await v20Res.json()) as NodeInfoJson;
    assert.equal(v21.version, '2.1');
    assert.equal(v20.version, '2.0');
    for (const info of [v20, v21]) {
      assert.equal(info.software.name, 'woolly');
      assert.deepEqual(info.protocols, ['activitypub']);
      assert.equal(info.usage.users.total, 2);
      assert.equal(info.usage.localPosts, 2);
      assert.equal(info.openRegistrations, true);
    }

    const closed = await startTestWoolly(t, kind, { SINGLE_USER_MODE: 'true' });
    const info = (await (await closed.request('/nodeinfo/2.1')).json()) as NodeInfoJson;
    assert.equal(info.openRegistrations, false);
  });

  test('outbox, followers and following are paged collections with counts', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    await posted(w, alice.token, { status: 'first' });
    await posted(w, alice.token, { status: 'second' });
    await posted(w, alice.token, { status: 'secret', visibility: 'private' });
    const follow = await w.request(`/api/v1/accounts/${alice.account.id}/follow`, {
      method: 'POST',
      token: bob.token,
      json: {},
    });
    assert.equal(follow.status, 200);

    const outbox = await getActivityJson(w, '/users/alice/outbox');
    assert.equal(outbox.body.type, 'OrderedCollection');
    assert.equal(outbox.body.totalItems, 3);
    const page = await getActivityJson(
      w,
      new URL(String(outbox.body.first)).pathname + new URL(String(outbox.body.first)).search,
    );
    const items = page.body.orderedItems as { type: string; object: { content: string } }[];
    assert.deepEqual(
      items.map((i) => [i.type, i.object.content]),
      [
        ['Create', '<p>second</p>'],
        ['Create', '<p>first</p>'],
      ],
    );

    const followers = await getActivityJson(w, '/users/alice/followers');
    assert.equal(followers.body.totalItems, 1);
    const firstFollowers = new URL(String(followers.body.first));
    const followersPage = await getActivityJson(w, firstFollowers.pathname + firstFollowers.search);
    assert.deepEqual(followersPage.body.orderedItems, ['https://woolly.test/users/bob']);

    const following = await getActivityJson(w, '/users/bob/following');
    assert.equal(following.body.totalItems, 1);
    const firstFollowing = new URL(String(following.body.first));
    const followingPage = await getActivityJson(w, firstFollowing.pathname + firstFollowing.search);
    assert.deepEqual(followingPage.body.orderedItems, ['https://woolly.test/users/alice']);
  });
});
