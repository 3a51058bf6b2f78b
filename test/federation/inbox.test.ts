import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import type { DatabaseKind } from '../helpers/databases.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { fixture, remoteActor, type FakeRemote } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

/** The fixtures' hosts, as this test's fake server and Woolly. */
const hosts = {
  'http://mastodon.example.org/users/admin': remoteActor,
  'http://mastodon.example.org/users/gargron': remoteActor,
  'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
  'http://mastodon.example.org': 'https://masto.qa.urbanwildlife.biz',
};

interface Setup {
  w: TestWoolly;
  remote: FakeRemote;
  alice: Awaited<ReturnType<typeof makeUserWithToken>>;
  /** Runs the queued inbox work (and what it triggers locally), never deliveries. */
  process(): Promise<void>;
}

async function setup(t: TestContext, kind: DatabaseKind): Promise<Setup> {
  const { remote, w } = await startWithFakeRemote(t, kind);
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const jobs = w.jobs as EmbeddedJobs;
  return {
    w,
    remote,
    alice,
    process: async () => {
      await jobs.runDue({ queues: ['ingress', 'default'] });
    },
  };
}

async function remoteAccountId(w: TestWoolly): Promise<string | null> {
  const row = await w.deps.db.get<{ id: string }>('SELECT id FROM accounts WHERE uri = ?', [
    remoteActor,
  ]);
  return row ? String(row.id) : null;
}

async function queuedDeliveries(w: TestWoolly): Promise<string[]> {
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox' ORDER BY id",
  );
  return rows.map((r) => r.payload);
}

// What stores rows of Woolly's own (remote accounts, posts, boosts, deletions) runs on both
// databases; the rest goes through services tested on both elsewhere and runs on SQLite.
test('unsigned and badly signed activities are refused with 401 and change nothing', async (t) => {
  const { w, remote, process } = await setup(t, 'sqlite');
  const follow = fixture('follow.json', hosts);
  const unsigned = await remote.deliver(w, '/users/alice/inbox', follow, { sign: 'none' });
  assert.equal(unsigned.status, 401);
  const wrongKey = await remote.deliver(w, '/inbox', follow, { sign: 'other' });
  assert.equal(wrongKey.status, 401);
  await process();
  assert.equal(await remoteAccountId(w), null);
  const row = await w.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM follows');
  assert.equal(Number(row?.n), 0);
});

test('Follow of an open account is accepted at once; Undo ends it', async (t) => {
  const { w, remote, alice, process } = await setup(t, 'sqlite');
  const res = await remote.deliver(w, '/users/alice/inbox', fixture('follow.json', hosts));
  assert.equal(res.status, 202);
  await process();
  const remoteId = await remoteAccountId(w);
  assert.ok(remoteId, 'the remote actor is stored');

  const account = await get<{ acct: string; display_name: string; url: string }>(
    w,
    `/api/v1/accounts/${remoteId}`,
  );
  assert.equal(account.body.acct, 'mastodon@masto.qa.urbanwildlife.biz');
  assert.equal(account.body.display_name, 'Mastodon');
  assert.equal(account.body.url, 'https://masto.qa.urbanwildlife.biz/@mastodon');
  const followers = await get<{ id: string }[]>(
    w,
    `/api/v1/accounts/${alice.account.id}/followers`,
    alice.token,
  );
  assert.deepEqual(
    followers.body.map((a) => a.id),
    [remoteId],
  );
  const deliveries = await queuedDeliveries(w);
  assert.equal(deliveries.length, 1);
  assert.match(deliveries[0]!, /"type":"Accept"/);
  assert.match(deliveries[0]!, /masto\.qa\.urbanwildlife\.biz\/inbox/);

  // Delivered again (a retry): still one follow.
  await remote.deliver(w, '/users/alice/inbox', fixture('follow.json', hosts));
  await process();
  const undo = await remote.deliver(w, '/inbox', fixture('undo-follow.json', hosts));
  assert.equal(undo.status, 202);
  await process();
  const after = await get<unknown[]>(
    w,
    `/api/v1/accounts/${alice.account.id}/followers`,
    alice.token,
  );
  assert.deepEqual(after.body, []);
});

test('Like of a local post favourites it and notifies its author', async (t) => {
  const { w, remote, alice, process } = await setup(t, 'sqlite');
  const post = await posted(w, alice.token, { status: 'like me' });
  const like = fixture('like.json', {
    ...hosts,
    'http://localtesting.pleroma.lol/objects/eb92579d-3417-42a8-8652-2492c2d4f454': post.uri,
  });
  assert.equal((await remote.deliver(w, '/users/alice/inbox', like)).status, 202);
  await process();
  const after = await get<{ favourites_count: number }>(w, `/api/v1/statuses/${post.id}`);
  assert.equal(after.body.favourites_count, 1);
  const notifications = await get<{ type: string }[]>(w, '/api/v1/notifications', alice.token);
  assert.deepEqual(
    notifications.body.map((n) => n.type),
    ['favourite'],
  );
});

test('Update edits a remote post and refreshes a remote profile', async (t) => {
  const { w, remote, alice, process } = await setup(t, 'sqlite');
  const create = fixture('create-note-cw-mention.json', hosts);
  await remote.deliver(w, '/inbox', create);
  await process();
  const note = { ...(create.object as Record<string, unknown>) };
  note.content = '<p>edited <b>text</b></p>';
  note.updated = '2018-02-12T15:00:00Z';
  const update = {
    '@context': create['@context'],
    id: `${remoteActor}#updates/1`,
    type: 'Update',
    actor: remoteActor,
    to: create.to,
    object: note,
  };
  assert.equal((await remote.deliver(w, '/inbox', update)).status, 202);
  await process();
  const remoteId = await remoteAccountId(w);
  const statuses = await get<{ content: string; edited_at: string | null }[]>(
    w,
    `/api/v1/accounts/${remoteId}/statuses`,
    alice.token,
  );
  assert.equal(statuses.body[0]!.content, '<p>edited <b>text</b></p>');
  assert.equal(statuses.body[0]!.edited_at, '2018-02-12T15:00:00.000Z');

  const person = fixture('update-person.json', {
    'http://mastodon.example.org/users/gargron': remoteActor,
    'http://mastodon.example.org/@gargron': 'https://masto.qa.urbanwildlife.biz/@mastodon',
    'http://mastodon.example.org': 'https://masto.qa.urbanwildlife.biz',
  });
  // Pleroma's copy of this capture mangled the key (and Fedify refuses a Person whose key it
  // cannot read); the actor's own key is what a real update carries.
  delete (person.object as Record<string, unknown>).publicKey;
  // The capture's context also lacks schema.org's terms, without which its attachments are
  // no PropertyValues to a JSON-LD reader; Mastodon's own context has them.
  person['@context'] = [
    ...(person['@context'] as unknown[]),
    {
      schema: 'http://schema.org#',
      PropertyValue: 'schema:PropertyValue',
      value: 'schema:value',
    },
  ];
  assert.equal((await remote.deliver(w, '/inbox', person)).status, 202);
  await process();
  const account = await get<{
    username: string;
    display_name: string;
    note: string;
    fields: { name: string; value: string }[];
    avatar: string;
  }>(w, `/api/v1/accounts/${remoteId}`);
  assert.equal(account.body.username, 'mastodon');
  assert.equal(account.body.display_name, 'gargle');
  assert.equal(account.body.note, '<p>Some bio</p>');
  assert.deepEqual(
    account.body.fields.map((f) => [f.name, f.value]),
    [
      ['foo', 'updated'],
      ['foo1', 'updated'],
    ],
  );
  assert.equal(
    account.body.avatar,
    'https://cd.niu.moe/accounts/avatars/000/033/323/original/fd7f8ae0b3ffedc9.jpeg',
  );
});

test('Accept of our Follow makes the follow request a follow', async (t) => {
  const { w, remote, alice, process } = await setup(t, 'sqlite');
  await remote.deliver(w, '/inbox', fixture('create-note-cw-mention.json', hosts));
  await process();
  const remoteId = await remoteAccountId(w);
  const follow = await w.request(`/api/v1/accounts/${remoteId}/follow`, {
    method: 'POST',
    token: alice.token,
    json: {},
  });
  assert.equal(follow.status, 200);
  const relationship = async () => {
    const res = await get<{ following: boolean; requested: boolean }[]>(
      w,
      `/api/v1/accounts/relationships?id[]=${remoteId}`,
      alice.token,
    );
    return [res.body[0]!.following, res.body[0]!.requested];
  };
  assert.deepEqual(await relationship(), [false, true]);
  const accept = fixture('accept-follow.json', hosts);
  assert.equal((await remote.deliver(w, '/inbox', accept)).status, 202);
  await process();
  assert.deepEqual(await relationship(), [true, false]);
});

test('Reject of our Follow withdraws the request', async (t) => {
  const { w, remote, alice, process } = await setup(t, 'sqlite');
  await remote.deliver(w, '/inbox', fixture('create-note-cw-mention.json', hosts));
  await process();
  const remoteId = await remoteAccountId(w);
  await w.request(`/api/v1/accounts/${remoteId}/follow`, {
    method: 'POST',
    token: alice.token,
    json: {},
  });
  assert.equal(
    (await remote.deliver(w, '/inbox', fixture('reject-follow.json', hosts))).status,
    202,
  );
  await process();
  const res = await get<{ following: boolean; requested: boolean }[]>(
    w,
    `/api/v1/accounts/relationships?id[]=${remoteId}`,
    alice.token,
  );
  assert.deepEqual([res.body[0]!.following, res.body[0]!.requested], [false, false]);
});

test('Block ends the follow between them; Undo(Block) lifts it', async (t) => {
  const { w, remote, alice, process } = await setup(t, 'sqlite');
  await remote.deliver(w, '/users/alice/inbox', fixture('follow.json', hosts));
  await process();
  const remoteId = await remoteAccountId(w);
  const relationship = async () =>
    (
      await get<{ followed_by: boolean; blocked_by: boolean }[]>(
        w,
        `/api/v1/accounts/relationships?id[]=${remoteId}`,
        alice.token,
      )
    ).body[0]!;
  assert.equal((await relationship()).followed_by, true);
  // This capture reuses the id of the Follow above; a real server's ids are unique.
  const block = fixture('block.json', {
    'http://mastodon.example.org/users/admin#follows/2': `${remoteActor}#blocks/2`,
    ...hosts,
  });
  assert.equal((await remote.deliver(w, '/users/alice/inbox', block)).status, 202);
  await process();
  const blocked = await relationship();
  assert.deepEqual([blocked.followed_by, blocked.blocked_by], [false, true]);
  assert.equal((await remote.deliver(w, '/inbox', fixture('undo-block.json', hosts))).status, 202);
  await process();
  assert.equal((await relationship()).blocked_by, false);
});

forEachDatabase((kind) => {
  test('Create(Note) stores a sanitized remote post once; Delete removes it', async (t) => {
    const { w, remote, alice, process } = await setup(t, kind);
    const create = fixture('create-note-cw-mention.json', hosts);
    const note = create.object as Record<string, unknown>;
    note.content = `${String(note.content)}<script>alert(1)</script><p onclick="x()">hi <a href="javascript:x()">there</a> #woolly</p>`;
    note.tag = [
      ...(note.tag as unknown[]),
      { type: 'Hashtag', name: '#woolly', href: 'https://masto.qa.urbanwildlife.biz/tags/woolly' },
    ];
    assert.equal((await remote.deliver(w, '/inbox', create)).status, 202);
    assert.equal((await remote.deliver(w, '/inbox', create)).status, 202);
    await process();
    const remoteId = await remoteAccountId(w);
    const statuses = await get<
      {
        uri: string;
        content: string;
        spoiler_text: string;
        sensitive: boolean;
        visibility: string;
        mentions: { id: string }[];
        tags: { name: string }[];
      }[]
    >(w, `/api/v1/accounts/${remoteId}/statuses`, alice.token);
    assert.equal(statuses.body.length, 1);
    const [status] = statuses.body;
    assert.equal(status!.uri, `${remoteActor}/statuses/99512778738411822`);
    assert.equal(status!.spoiler_text, 'cw');
    assert.equal(status!.sensitive, true);
    assert.equal(status!.visibility, 'public');
    assert.deepEqual(
      status!.mentions.map((m) => m.id),
      [alice.account.id],
    );
    assert.deepEqual(
      status!.tags.map((tag) => tag.name),
      ['woolly'],
    );
    assert.doesNotMatch(status!.content, /script|onclick|javascript/);
    assert.match(status!.content, /class="u-url mention"/);
    assert.match(status!.content, /<p>hi <a[^>]*>there<\/a> #woolly<\/p>/);

    const notifications = await get<{ type: string; account: { id: string } }[]>(
      w,
      '/api/v1/notifications',
      alice.token,
    );
    assert.deepEqual(
      notifications.body.map((n) => [n.type, n.account.id]),
      [['mention', remoteId]],
    );

    const del = fixture('delete-note-tombstone.json', {
      ...hosts,
      'statuses/99620895606148759': 'statuses/99512778738411822',
    });
    // This capture lost the ActivityStreams context (Pleroma's fixture keeps only Mastodon's
    // extensions), without which "Delete" means nothing: Fedify answers 400 until it is back.
    assert.equal((await remote.deliver(w, '/inbox', del)).status, 400);
    del['@context'] = ['https://www.w3.org/ns/activitystreams', ...(del['@context'] as unknown[])];
    assert.equal((await remote.deliver(w, '/inbox', del)).status, 202);
    await process();
    const gone = await get<unknown[]>(w, `/api/v1/accounts/${remoteId}/statuses`, alice.token);
    assert.deepEqual(gone.body, []);
  });

  test('Announce boosts a local post and notifies its author; Undo takes it back', async (t) => {
    const { w, remote, alice, process } = await setup(t, kind);
    const post = await posted(w, alice.token, { status: 'boost me' });
    const replacements = {
      'http://mastodon.example.org/@admin/99541947525187367': post.uri,
      ...hosts,
    };
    const announce = fixture('announce.json', replacements);
    assert.equal((await remote.deliver(w, '/inbox', announce)).status, 202);
    assert.equal((await remote.deliver(w, '/inbox', announce)).status, 202);
    await process();
    const boosted = await get<{ reblogs_count: number }>(w, `/api/v1/statuses/${post.id}`);
    assert.equal(boosted.body.reblogs_count, 1);
    const notifications = await get<{ type: string }[]>(w, '/api/v1/notifications', alice.token);
    assert.deepEqual(
      notifications.body.map((n) => n.type),
      ['reblog'],
    );
    const undo = fixture('undo-announce.json', replacements);
    assert.equal((await remote.deliver(w, '/inbox', undo)).status, 202);
    await process();
    const after = await get<{ reblogs_count: number }>(w, `/api/v1/statuses/${post.id}`);
    assert.equal(after.body.reblogs_count, 0);
  });

  test('Delete of the actor removes the account and gives back its counts', async (t) => {
    const { w, remote, alice, process } = await setup(t, kind);
    const post = await posted(w, alice.token, { status: 'like me' });
    await remote.deliver(w, '/users/alice/inbox', fixture('follow.json', hosts));
    const like = fixture('like.json', {
      'http://localtesting.pleroma.lol/objects/eb92579d-3417-42a8-8652-2492c2d4f454': post.uri,
      ...hosts,
    });
    await remote.deliver(w, '/users/alice/inbox', like);
    await process();
    const remoteId = await remoteAccountId(w);
    const counts = async () => {
      const account = await get<{ followers_count: number }>(
        w,
        `/api/v1/accounts/${alice.account.id}`,
      );
      const status = await get<{ favourites_count: number }>(w, `/api/v1/statuses/${post.id}`);
      return [account.body.followers_count, status.body.favourites_count];
    };
    assert.deepEqual(await counts(), [1, 1]);
    const del = fixture('delete-actor.json', hosts);
    // Like the Tombstone capture, this one lost its ActivityStreams context.
    del['@context'] = ['https://www.w3.org/ns/activitystreams', ...(del['@context'] as unknown[])];
    assert.equal((await remote.deliver(w, '/inbox', del)).status, 202);
    await process();
    assert.equal(await remoteAccountId(w), null);
    assert.equal((await w.request(`/api/v1/accounts/${remoteId}`)).status, 404);
    assert.deepEqual(await counts(), [0, 0]);
  });

  test('a remote reply to a local post joins its thread, unlisted, in its language', async (t) => {
    const { w, remote, alice, process } = await setup(t, kind);
    const post = await posted(w, alice.token, { status: 'which laptop?' });
    const reply = fixture('create-note-reply-mention-contentmap.json', {
      'https://mamot.fr/users/retiolus/statuses/107224244380204526': post.uri,
      'https://mamot.fr/users/retiolus': 'https://woolly.test/users/alice',
      'https://mastodon.madrid/users/felix': remoteActor,
      'https://mastodon.madrid': 'https://masto.qa.urbanwildlife.biz',
    });
    assert.equal((await remote.deliver(w, '/inbox', reply)).status, 202);
    await process();
    const context = await get<{
      descendants: { visibility: string; language: string; in_reply_to_id: string }[];
    }>(w, `/api/v1/statuses/${post.id}/context`, alice.token);
    assert.deepEqual(
      context.body.descendants.map((s) => [s.in_reply_to_id, s.visibility, s.language]),
      [[post.id, 'unlisted', 'en']],
    );
    const parent = await get<{ replies_count: number }>(w, `/api/v1/statuses/${post.id}`);
    assert.equal(parent.body.replies_count, 1);
  });
});
