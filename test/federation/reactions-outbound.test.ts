/**
 * Local emoji reactions going out: an `EmojiReact` (Pleroma's shape: the emoji as `content`,
 * a custom one with its Emoji tag) to the post's author and the reactor's remote followers,
 * `Undo` of the same EmojiReact when taken back, nothing for a local-only post.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertCustomEmoji } from '../../src/db/repositories/custom-emojis.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { posted } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const hosts = {
  'http://mastodon.example.org/users/admin': remoteActor,
  'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
  'http://mastodon.example.org': 'https://masto.qa.urbanwildlife.biz',
};
const sharedInbox = 'https://masto.qa.urbanwildlife.biz/inbox';
const remoteNote = `${remoteActor}/statuses/99512778738411822`;

interface Delivery {
  inbox: string;
  activity: Record<string, unknown> & { type: string; id: string };
}

async function takeDeliveries(w: TestWoolly): Promise<Delivery[]> {
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox' ORDER BY id",
  );
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  return rows.map((row) => JSON.parse(row.payload) as Delivery);
}

const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

forEachDatabase((kind) => {
  test('reactions go out as EmojiReact and Undo(EmojiReact), never for local-only posts', async (t) => {
    const { remote, w, process } = await startWithFakeRemote(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    // The remote account follows alice, and posts a note mentioning her.
    for (const name of ['follow.json', 'create-note-cw-mention.json']) {
      assert.equal((await remote.deliver(w, '/inbox', fixture(name, hosts))).status, 202);
    }
    await process();
    await takeDeliveries(w);
    await insertCustomEmoji(w.deps.db, {
      id: w.deps.ids.next(),
      shortcode: 'blobcat',
      domain: null,
      uri: null,
      imageUrl: 'https://woolly.test/system/emoji/blobcat.png',
      staticUrl: 'https://woolly.test/system/emoji/blobcat.png',
      category: null,
      visibleInPicker: true,
      disabled: false,
      createdAt: w.clock.now(),
      updatedAt: w.clock.now(),
    });
    const note = await w.deps.db.get<{ id: string | number }>(
      'SELECT id FROM statuses WHERE uri = ?',
      [remoteNote],
    );
    const react = (token: string, id: string, emoji: string, method = 'PUT') =>
      w.request(`/api/v1/pleroma/statuses/${id}/reactions/${encodeURIComponent(emoji)}`, {
        method,
        token,
      });

    // Bob reacts to the remote note: one EmojiReact to its author's server.
    assert.equal((await react(bob.token, String(note!.id), '🎉')).status, 200);
    const reactionId = await w.deps.db.get<{ id: string | number }>(
      "SELECT id FROM status_reactions WHERE name = '🎉'",
    );
    const [sent, ...more] = await takeDeliveries(w);
    assert.equal(more.length, 0);
    assert.equal(sent?.inbox, sharedInbox);
    assert.equal(sent.activity.type, 'EmojiReact');
    assert.equal(sent.activity.id, `https://woolly.test/users/bob#reactions/${reactionId!.id}`);
    assert.equal(sent.activity.actor, 'https://woolly.test/users/bob');
    assert.equal(sent.activity.object, remoteNote);
    assert.equal(sent.activity.content, '🎉');
    assert.deepEqual(list(sent.activity.to), [remoteActor]);
    assert.deepEqual(list(sent.activity.cc), [
      'https://woolly.test/users/bob/followers',
      'https://www.w3.org/ns/activitystreams#Public',
    ]);
    // Reacting again with the same emoji sends nothing more.
    await react(bob.token, String(note!.id), '🎉');
    assert.deepEqual(await takeDeliveries(w), []);

    // A custom emoji: `:shortcode:` with its Emoji tag, as Pleroma sends it.
    await react(bob.token, String(note!.id), 'blobcat');
    const [custom] = await takeDeliveries(w);
    assert.equal(custom?.activity.content, ':blobcat:');
    assert.deepEqual(list(custom.activity.tag), [
      {
        type: 'Emoji',
        id: 'https://woolly.test/system/emoji/blobcat.png',
        name: ':blobcat:',
        icon: { type: 'Image', url: 'https://woolly.test/system/emoji/blobcat.png' },
      },
    ]);

    // Taken back: Undo of that same EmojiReact.
    assert.equal((await react(bob.token, String(note!.id), '🎉', 'DELETE')).status, 200);
    const [undo, ...others] = await takeDeliveries(w);
    assert.equal(others.length, 0);
    assert.equal(undo?.inbox, sharedInbox);
    assert.equal(undo.activity.type, 'Undo');
    assert.equal(undo.activity.id, `${sent.activity.id}/undo`);
    const undone = undo.activity.object as Record<string, unknown>;
    assert.deepEqual(
      [undone.type, undone.id, undone.object, undone.content],
      ['EmojiReact', sent.activity.id, remoteNote, '🎉'],
    );

    // Alice's reaction to her own post reaches her remote follower; a local-only post's never.
    const own = await posted(w, alice.token, { status: 'mine' });
    const here = await posted(w, alice.token, { status: 'only here', local_only: true });
    await takeDeliveries(w);
    await react(alice.token, own.id, '👍');
    const [toFollowers] = await takeDeliveries(w);
    assert.equal(toFollowers?.inbox, sharedInbox);
    assert.equal(toFollowers.activity.object, own.uri);
    assert.equal((await react(alice.token, here.id, '👍')).status, 200);
    assert.equal((await react(alice.token, here.id, '👍', 'DELETE')).status, 200);
    assert.deepEqual(await takeDeliveries(w), []);
  });
});
