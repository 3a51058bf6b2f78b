/**
 * Woolly's own posts as other servers read them: a Note carries its `replies` collection in
 * Mastodon's shape (the author's own first replies embedded, then pages of the author's
 * replies and of other accounts' replies, public and unlisted only), and a post with a poll
 * is a Question at its URL and in the outbox.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeUserWithToken } from '../helpers/factories.ts';
import { posted } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { getActivityJson } from './helpers.ts';

interface PageJson {
  id?: string;
  type: string;
  partOf: string;
  items?: string[];
  next?: string;
}

async function fetchUrl(w: TestWoolly, url: string) {
  const parsed = new URL(url);
  return getActivityJson(w, parsed.pathname + parsed.search);
}

forEachDatabase((kind) => {
  test('a Note lists its replies in a paged replies collection', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const root = await posted(w, alice.token, { status: 'a thread' });
    const own: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const visibility = i === 2 ? 'unlisted' : 'public';
      own.push(
        (await posted(w, alice.token, { status: `${i}`, in_reply_to_id: root.id, visibility })).uri,
      );
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

    const note = await getActivityJson(w, new URL(root.uri).pathname);
    assert.equal(note.status, 200);
    const replies = note.body.replies as { id: string; type: string; first: PageJson };
    const collectionId = `${root.uri}/replies`;
    assert.equal(replies.id, collectionId);
    assert.equal(replies.type, 'Collection');
    assert.equal(replies.first.type, 'CollectionPage');
    assert.equal(replies.first.partOf, collectionId);
    assert.deepEqual(replies.first.items, own.slice(0, 5));
    const lastEmbedded = own[4]!.split('/').at(-1);
    assert.equal(replies.first.next, `${collectionId}?page=true&min_id=${lastEmbedded}`);

    // The collection itself, then its pages: the author's sixth reply, then bob's.
    const collection = await fetchUrl(w, collectionId);
    assert.equal(collection.status, 200);
    assert.equal(collection.body.type, 'Collection');
    assert.deepEqual((collection.body.first as PageJson).items, own);
    const rest = await fetchUrl(w, replies.first.next!);
    assert.equal(rest.body.type, 'CollectionPage');
    assert.deepEqual(rest.body.items, own[5]);
    assert.equal(rest.body.next, `${collectionId}?page=true&only_other_accounts=true`);
    const others = await fetchUrl(w, String(rest.body.next));
    assert.equal(others.body.id, `${collectionId}?page=true&only_other_accounts=true`);
    assert.deepEqual(others.body.items, bobs.uri);
    assert.equal(others.body.next, undefined);

    // A reply's own collection is empty and points to the others' page.
    const leaf = await getActivityJson(w, new URL(bobs.uri).pathname);
    const leafReplies = leaf.body.replies as { first: PageJson };
    assert.equal(leafReplies.first.items, undefined);
    assert.equal(leafReplies.first.next, `${bobs.uri}/replies?page=true&only_other_accounts=true`);

    // A followers-only post's replies are as hidden as the post.
    const secret = await posted(w, alice.token, { status: 'secret', visibility: 'private' });
    assert.equal((await fetchUrl(w, `${secret.uri}/replies`)).status, 404);
    assert.equal((await fetchUrl(w, `${root.uri.replace(/\d+$/, '1')}/replies`)).status, 404);
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
