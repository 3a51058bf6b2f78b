/**
 * Emoji reactions from other servers (Pleroma/Akkoma's EmojiReact, Misskey's Like with
 * content), driven through the inbox: stored apart from favourites, listed as Pleroma does,
 * and taken back by Undo.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { countRows, get, posted } from '../helpers/statuses.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const remoteHost = 'https://masto.qa.urbanwildlife.biz';

interface ReactionJson {
  name: string;
  count: number;
  me: boolean;
  url?: string;
  static_url?: string;
  accounts: { acct: string }[];
  account_ids: string[];
}

forEachDatabase((kind) => {
  test('EmojiReact and Misskey reactions are stored apart from favourites and undone', async (t) => {
    const { remote, w, process } = await startWithFakeRemote(t, kind);
    // Pleroma names its own JSON-LD context, which its server serves.
    remote.documents.set(`${remoteHost}/schemas/litepub-0.1.jsonld`, {
      '@context': [
        'https://www.w3.org/ns/activitystreams',
        { litepub: 'http://litepub.social/ns#', EmojiReact: 'litepub:EmojiReact' },
      ],
    });
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const post = await posted(w, alice.token, { status: 'react to me' });
    const on = (name: string) =>
      fixture(name, {
        'https://remote.example/users/mastodon': remoteActor,
        'https://remote.example': remoteHost,
        REACTED_URI: post.uri,
        REACTED_AUTHOR: alice.account.uri,
      });
    for (const name of [
      'emoji-react-pleroma.json',
      'emoji-react-custom.json',
      'like-misskey-reaction.json',
    ]) {
      assert.equal((await remote.deliver(w, '/users/alice/inbox', on(name))).status, 202);
    }
    // Delivered twice: kept once.
    await remote.deliver(w, '/users/alice/inbox', on('emoji-react-pleroma.json'));
    await process();

    const reactions = async () =>
      (await get<ReactionJson[]>(w, `/api/v1/pleroma/statuses/${post.id}/reactions`, alice.token))
        .body;
    const listed = await reactions();
    assert.deepEqual(
      listed.map((r) => [r.name, r.count, r.me, r.url ?? null, r.account_ids.length]),
      [
        ['👍', 1, false, null, 1],
        ['blobfox_heart', 1, false, `${remoteHost}/emoji/blobfox_heart.png`, 1],
        ['blobcat_party', 1, false, `${remoteHost}/files/webpublic-4d2c1b0a-blobcat-party`, 1],
      ],
    );
    assert.equal(listed[0]!.accounts[0]!.acct, 'mastodon@masto.qa.urbanwildlife.biz');
    const one = await get<ReactionJson[]>(
      w,
      `/api/v1/pleroma/statuses/${post.id}/reactions/blobfox_heart`,
    );
    assert.deepEqual(
      one.body.map((r) => r.name),
      ['blobfox_heart'],
    );
    // Reactions are not favourites: no count, no favourite notification.
    const status = await get<StatusJson>(w, `/api/v1/statuses/${post.id}`, alice.token);
    // The post carries them as Pleroma's `emoji_reactions`.
    assert.deepEqual(status.body.pleroma?.emoji_reactions, [
      { name: '👍', count: 1, me: false },
      {
        name: 'blobfox_heart',
        count: 1,
        me: false,
        url: `${remoteHost}/emoji/blobfox_heart.png`,
        static_url: `${remoteHost}/emoji/blobfox_heart.png`,
      },
      {
        name: 'blobcat_party',
        count: 1,
        me: false,
        url: `${remoteHost}/files/webpublic-4d2c1b0a-blobcat-party`,
        static_url: `${remoteHost}/files/webpublic-4d2c1b0a-blobcat-party`,
      },
    ]);
    assert.equal(status.body.favourites_count, 0);
    assert.equal(status.body.favourited, false);
    assert.equal(await countRows(w, 'favourites'), 0);
    // Alice is told, once for the sender and post, with its latest emoji (Pleroma's type).
    const notifications = await get<{ type: string; emoji?: string; account: { acct: string } }[]>(
      w,
      '/api/v1/notifications',
      alice.token,
    );
    assert.deepEqual(
      notifications.body.map((n) => [n.type, n.account.acct, n.emoji]),
      [['pleroma:emoji_reaction', 'mastodon@masto.qa.urbanwildlife.biz', ':blobcat_party:']],
    );

    // Undo of the EmojiReact (embedded) and of Misskey's Like (by id) take them back.
    await remote.deliver(w, '/users/alice/inbox', on('undo-emoji-react.json'));
    await remote.deliver(w, '/users/alice/inbox', {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${remoteHost}/likes/9x2kq7m4ab/undo`,
      type: 'Undo',
      actor: remoteActor,
      object: {
        id: `${remoteHost}/likes/9x2kq7m4ab`,
        type: 'Like',
        actor: remoteActor,
        object: post.uri,
      },
    });
    await process();
    assert.deepEqual(
      (await reactions()).map((r) => r.name),
      ['blobfox_heart'],
    );

    // A plain Like is still a favourite.
    await remote.deliver(w, '/users/alice/inbox', {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${remoteHost}/likes/plain`,
      type: 'Like',
      actor: remoteActor,
      object: post.uri,
    });
    await process();
    const liked = await get<StatusJson>(w, `/api/v1/statuses/${post.id}`);
    assert.equal(liked.body.favourites_count, 1);
    assert.equal((await reactions()).length, 1);
    // A post without reactions has no `pleroma` (Mastodon's Status shape).
    const plain = await get<StatusJson>(
      w,
      `/api/v1/statuses/${(await posted(w, alice.token, { status: 'x' })).id}`,
    );
    assert.equal(plain.body.pleroma, undefined);
  });
});

test('reactions that name no emoji, an unknown custom emoji or an unseen post are dropped', async (t) => {
  const { remote, w, process } = await startWithFakeRemote(t, 'sqlite');
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const open = await posted(w, alice.token, { status: 'open' });
  const closed = await posted(w, alice.token, { status: 'followers only', visibility: 'private' });
  const react = (id: string, object: string, content: string) => ({
    '@context': [
      'https://www.w3.org/ns/activitystreams',
      { litepub: 'http://litepub.social/ns#', EmojiReact: 'litepub:EmojiReact' },
    ],
    id: `${remoteHost}/activities/${id}`,
    type: 'EmojiReact',
    actor: remoteActor,
    object,
    content,
  });
  await remote.deliver(w, '/inbox', react('text', open.uri, 'not an emoji'));
  await remote.deliver(w, '/inbox', react('untagged', open.uri, ':no_such_emoji:'));
  await remote.deliver(w, '/inbox', react('private', closed.uri, '🎉'));
  await remote.deliver(w, '/inbox', react('unknown', `${remoteHost}/notes/unknown`, '🎉'));
  await process();
  assert.equal(await countRows(w, 'status_reactions'), 0);
  const answer = await w.request(`/api/v1/pleroma/statuses/${closed.id}/reactions`);
  assert.equal(answer.status, 404);
});
