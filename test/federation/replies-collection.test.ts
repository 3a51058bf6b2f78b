/**
 * Woolly's own posts as other servers read them: a Note carries its `replies` collection in
 * Mastodon's shape (the ids of the author's first own replies embedded; at the collection's
 * address, pages of the author's replies and then of other accounts' replies, local ones as
 * whole Notes and remote ones as ids, public and unlisted only), read over HTTP as
 * `application/activity+json`; a second Woolly backfills a thread from it; and a post with a
 * poll is a Question at its URL and in the outbox.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { remoteActor, type FakeRemote } from './fake-remote.ts';
import { getActivityJson, startFederatedWoolly, startWithFakeRemote } from './helpers.ts';

const publicAddress = 'https://www.w3.org/ns/activitystreams#Public';

interface NoteJson {
  id: string;
  type: string;
  attributedTo: string;
  content: string;
  inReplyTo: string;
}

interface PageJson {
  id?: string;
  type: string;
  partOf: string;
  items?: (string | NoteJson)[] | string | NoteJson;
  next?: string;
}

/** The page's items as a list (JSON-LD compacts a single item to the item itself). */
const itemsOf = (page: PageJson) =>
  page.items === undefined ? [] : Array.isArray(page.items) ? page.items : [page.items];

const idOf = (item: string | NoteJson) => (typeof item === 'string' ? item : item.id);

async function fetchUrl(w: TestWoolly, url: string) {
  const parsed = new URL(url);
  return getActivityJson(w, parsed.pathname + parsed.search);
}

/** The remote account's reply to `inReplyTo`, delivered to `w` as Mastodon sends it. */
async function remoteReply(
  w: TestWoolly,
  remote: FakeRemote,
  process: () => Promise<number>,
  n: number,
  inReplyTo: string,
  audience: 'public' | 'followers',
): Promise<string> {
  const id = `${remoteActor}/statuses/${9000 + n}`;
  const followers = `${remoteActor}/followers`;
  const note = {
    id,
    type: 'Note',
    attributedTo: remoteActor,
    to: audience === 'public' ? [publicAddress] : [followers],
    cc: audience === 'public' ? [followers] : [],
    content: `<p>remote reply ${n}</p>`,
    published: `2026-11-01T12:0${n}:00Z`,
    inReplyTo,
  };
  remote.documents.set(id, { '@context': 'https://www.w3.org/ns/activitystreams', ...note });
  const res = await remote.deliver(w, '/inbox', {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: `${id}/activity`,
    type: 'Create',
    actor: remoteActor,
    to: note.to,
    cc: note.cc,
    object: note,
  });
  assert.equal(res.status, 202);
  await process();
  return id;
}

forEachDatabase((kind) => {
  test('a Note lists its replies in a paged replies collection', async (t) => {
    const { w, remote, process } = await startWithFakeRemote(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const root = await posted(w, alice.token, { status: 'a thread' });
    // 62 of the author's own replies (a full page of 60, then two more), eight at a time.
    const own: string[] = [];
    const contentOf = new Map<string, string>();
    for (let i = 0; i < 62; i += 8) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(8, 62 - i) }, (_, j) =>
          posted(w, alice.token, {
            status: `${i + j}`,
            in_reply_to_id: root.id,
            visibility: i + j === 2 ? 'unlisted' : 'public',
          }),
        ),
      );
      for (const reply of batch) contentOf.set(reply.uri, reply.content ?? '');
      own.push(...batch.sort((x, y) => (BigInt(x.id) < BigInt(y.id) ? -1 : 1)).map((s) => s.uri));
    }
    await posted(w, alice.token, {
      status: 'hidden',
      in_reply_to_id: root.id,
      visibility: 'private',
    });
    await posted(w, alice.token, {
      status: 'here only',
      in_reply_to_id: root.id,
      local_only: true,
    });
    const bobs = await posted(w, bob.token, { status: '@alice hi', in_reply_to_id: root.id });
    await posted(w, bob.token, {
      status: '@alice psst',
      in_reply_to_id: root.id,
      visibility: 'direct',
    });
    const bobsPoll = await posted(w, bob.token, {
      status: '@alice which?',
      in_reply_to_id: root.id,
      poll: { options: ['this', 'that'], expires_in: 3600 },
    });
    const remoteUri = await remoteReply(w, remote, process, 1, root.uri, 'public');
    await remoteReply(w, remote, process, 2, root.uri, 'followers');
    const idOfUri = (uri: string) => uri.split('/').at(-1)!;

    // The Note embeds the ids of the author's first five replies.
    const note = await getActivityJson(w, new URL(root.uri).pathname);
    assert.equal(note.status, 200);
    const replies = note.body.replies as { id: string; type: string; first: PageJson };
    const collectionId = `${root.uri}/replies`;
    assert.equal(replies.id, collectionId);
    assert.equal(replies.type, 'Collection');
    assert.equal(replies.first.type, 'CollectionPage');
    assert.equal(replies.first.id, undefined);
    assert.equal(replies.first.partOf, collectionId);
    assert.deepEqual(replies.first.items, own.slice(0, 5));
    assert.equal(replies.first.next, `${collectionId}?min_id=${idOfUri(own[4]!)}&page=true`);

    // The collection itself: its first page holds 60 of the author's replies as Notes.
    const res = await w.request(new URL(collectionId).pathname, {
      headers: { accept: 'application/activity+json' },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/activity\+json/);
    const collection = (await res.json()) as { id: string; type: string; first: PageJson };
    assert.equal(collection.type, 'Collection');
    assert.equal(collection.id, collectionId);
    const first = collection.first;
    assert.equal(first.id, `${collectionId}?page=true`);
    assert.equal(first.partOf, collectionId);
    const firstItems = itemsOf(first) as NoteJson[];
    assert.deepEqual(firstItems.map(idOf), own.slice(0, 60));
    for (const item of firstItems) {
      assert.equal(item.type, 'Note');
      assert.equal(item.attributedTo, alice.account.uri);
      assert.equal(item.inReplyTo, root.uri);
    }
    assert.deepEqual(
      firstItems.map((item) => item.content),
      own.slice(0, 60).map((uri) => contentOf.get(uri)),
    );
    assert.equal(first.next, `${collectionId}?min_id=${idOfUri(own[59]!)}&page=true`);

    // Then the author's last two, then the others': local ones whole, the remote one by id.
    const rest = await fetchUrl(w, first.next!);
    assert.equal(rest.status, 200);
    assert.equal(rest.body.type, 'CollectionPage');
    assert.equal(rest.body.id, first.next);
    assert.deepEqual(itemsOf(rest.body as unknown as PageJson).map(idOf), own.slice(60));
    assert.equal(rest.body.next, `${collectionId}?only_other_accounts=true&page=true`);
    const others = await fetchUrl(w, String(rest.body.next));
    assert.equal(others.body.id, `${collectionId}?only_other_accounts=true&page=true`);
    const otherItems = itemsOf(others.body as unknown as PageJson);
    assert.deepEqual(otherItems.map(idOf), [bobs.uri, bobsPoll.uri, remoteUri]);
    const [bobsNote, bobsQuestion] = otherItems as NoteJson[];
    assert.equal(bobsNote!.type, 'Note');
    assert.equal(bobsNote!.attributedTo, bob.account.uri);
    assert.equal(bobsQuestion!.type, 'Question');
    assert.equal(typeof otherItems[2], 'string');
    assert.equal(others.body.next, undefined);

    // A reply's own collection is empty and points to the others' page.
    const leaf = await getActivityJson(w, new URL(bobs.uri).pathname);
    const leafReplies = leaf.body.replies as { first: PageJson };
    assert.equal(leafReplies.first.items, undefined);
    assert.equal(leafReplies.first.next, `${bobs.uri}/replies?only_other_accounts=true&page=true`);

    // A followers-only post's replies are as hidden as the post.
    const secret = await posted(w, alice.token, { status: 'secret', visibility: 'private' });
    assert.equal((await fetchUrl(w, `${secret.uri}/replies`)).status, 404);
    assert.equal((await fetchUrl(w, `${root.uri.replace(/\d+$/, '1')}/replies`)).status, 404);
  });

  test('another Woolly backfills a thread from the replies collection', async (t) => {
    // a.test has the thread: alice's post, her two replies, carol's and a remote account's.
    const {
      w: a,
      remote,
      process,
    } = await startWithFakeRemote(t, kind, {
      env: { LOCAL_DOMAIN: 'a.test' },
    });
    const alice = await makeUserWithToken(a.deps, { account: { username: 'alice' } });
    const carol = await makeUserWithToken(a.deps, { account: { username: 'carol' } });
    const root = await posted(a, alice.token, { status: 'Who knits socks?' });
    const selfReplies = [
      await posted(a, alice.token, { status: 'Wool ones', in_reply_to_id: root.id }),
      await posted(a, alice.token, {
        status: 'Striped',
        in_reply_to_id: root.id,
        visibility: 'unlisted',
      }),
    ];
    await posted(a, alice.token, {
      status: 'for my followers',
      in_reply_to_id: root.id,
      visibility: 'private',
    });
    const carols = await posted(a, carol.token, { status: 'I do!', in_reply_to_id: root.id });
    const remoteUri = await remoteReply(a, remote, process, 3, root.uri, 'public');

    // The other Woolly reads a.test through its HTTP interface, as ActivityPub JSON.
    const fetchedFromA: string[] = [];
    const loader: DocumentLoader = async (url) => {
      if (new URL(url).host !== 'a.test') return remote.documentLoader(url);
      fetchedFromA.push(url);
      const res = await a.http.request(url, { headers: { accept: 'application/activity+json' } });
      if (!res.ok) throw new Error(`a.test answered ${res.status} for ${url}`);
      return { contextUrl: null, documentUrl: url, document: await res.json() };
    };
    const b = await startFederatedWoolly(t, kind, {
      woolly: { federation: { documentLoader: loader } },
    });
    const dave = await makeUserWithToken(b.deps, { account: { username: 'dave' } });
    const found = await get<{ statuses: { id: string; uri: string }[] }>(
      b,
      `/api/v2/search?resolve=true&type=statuses&q=${encodeURIComponent(root.uri)}`,
      dave.token,
    );
    assert.equal(found.status, 200);
    const rootOnB = found.body.statuses[0]!;
    assert.equal(rootOnB.uri, root.uri);

    // Opening the thread queues its backfill, which reads the replies collection.
    const opened = await get<{ descendants: unknown[] }>(
      b,
      `/api/v1/statuses/${rootOnB.id}/context`,
      dave.token,
    );
    assert.deepEqual(opened.body.descendants, []);
    await (b.jobs as EmbeddedJobs).runDue({ queues: ['pull', 'default'] });
    const context = await get<{ descendants: { uri: string; visibility: string }[] }>(
      b,
      `/api/v1/statuses/${rootOnB.id}/context`,
      dave.token,
    );
    assert.deepEqual(
      context.body.descendants.map((s) => [s.uri, s.visibility]),
      [
        [selfReplies[0]!.uri, 'public'],
        [selfReplies[1]!.uri, 'unlisted'],
        [carols.uri, 'public'],
        [remoteUri, 'public'],
      ],
    );
    // carol's reply came whole on the others' page: it was not fetched again.
    assert.ok(fetchedFromA.includes(`${root.uri}/replies?only_other_accounts=true&page=true`));
    assert.ok(!fetchedFromA.includes(carols.uri), fetchedFromA.join('\n'));
  });

  test('a post with a poll is a Question at its URL and in the outbox', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const poll = await posted(w, alice.token, {
      status: 'tea or coffee?',
      poll: { options: ['tea', 'coffee'], expires_in: 3600 },
    });
    const fetched = await getActivityJson(w, new URL(poll.uri).pathname);
    assert.equal(fetched.status, 200);
    assert.equal(fetched.body.type, 'Question');
    assert.equal(fetched.body.id, poll.uri);
    assert.deepEqual(
      (fetched.body.oneOf as { name: string }[]).map((o) => o.name),
      ['tea', 'coffee'],
    );
    assert.equal((fetched.body.replies as { id: string }).id, `${poll.uri}/replies`);
    const outbox = await getActivityJson(w, '/users/alice/outbox');
    const page = await fetchUrl(w, String(outbox.body.first));
    const items = page.body.orderedItems as { object: { type: string; id: string } }[];
    assert.deepEqual(
      items.map((i) => [i.object.type, i.object.id]),
      [['Question', poll.uri]],
    );
  });
});
