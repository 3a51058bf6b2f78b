/**
 * Local custom emojis in what Woolly publishes: a post's text, content warning and poll
 * options, and a profile's name, bio and fields, name them as Emoji tags (as Mastodon's
 * NoteSerializer and ActorSerializer do), in the documents it serves and in the Updates it
 * sends after an edit; each Emoji's id answers with the Emoji. Disabled emojis are left out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { importCustomEmoji } from '../../src/domain/custom-emojis/import.ts';
import { addCustomEmoji } from '../../src/domain/instance/custom-emojis.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted, send } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { png } from '../media/samples.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { getActivityJson, startWithFakeRemote } from './helpers.ts';

interface EmojiTag {
  id: string;
  type: string;
  name: string;
  updated: string;
  icon: { type: string; mediaType?: string; url: string };
}

const emojiTags = (document: Record<string, unknown>): EmojiTag[] =>
  ([document.tag ?? []].flat() as { type: string }[])
    .filter((tag) => tag.type === 'Emoji')
    .map((tag) => tag as EmojiTag)
    .sort((x, y) => x.name.localeCompare(y.name));

/** The activities queued for the remote follower since the last call. */
async function takeDeliveries(w: TestWoolly): Promise<Record<string, unknown>[]> {
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox' ORDER BY id",
  );
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  return rows.map(
    (row) => (JSON.parse(row.payload) as { activity: Record<string, unknown> }).activity,
  );
}

forEachDatabase((kind) => {
  test('posts and profiles publish their local custom emojis as Emoji tags', async (t) => {
    const { remote, w } = await startWithFakeRemote(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    // A remote follower, so that edits go out as Updates.
    const follow = fixture('follow.json', {
      'http://mastodon.example.org/users/admin': remoteActor,
      'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
    });
    assert.equal((await remote.deliver(w, '/inbox', follow)).status, 202);
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
    await takeDeliveries(w);

    // Different sizes: different files, so each tag must name its own image.
    for (const [i, shortcode] of ['blobcat', 'blobfox', 'ablobwave'].entries()) {
      await importCustomEmoji(w.deps, { shortcode, bytes: await png(32 + i, 32) });
    }
    await addCustomEmoji(w.deps, {
      shortcode: 'retired',
      imageUrl: 'https://woolly.test/retired.png',
      staticUrl: 'https://woolly.test/retired.png',
    });
    // Woolly has no admin page to disable an emoji yet; Mastodon's admins do it there.
    await w.deps.db.run("UPDATE custom_emojis SET disabled = TRUE WHERE shortcode = 'retired'");
    const listed = await get<{ shortcode: string; url: string }[]>(w, '/api/v1/custom_emojis');
    const urlOf = new Map(listed.body.map((e) => [e.shortcode, e.url]));
    assert.equal(new Set(urlOf.values()).size, 3);

    const question = await posted(w, alice.token, {
      status: 'Which one? :blobcat: :blobcat: :retired:',
      spoiler_text: 'emoji poll :ablobwave:',
      poll: { options: ['this :blobfox:', 'none'], expires_in: 3600 },
    });
    const served = await getActivityJson(w, `/users/alice/statuses/${question.id}`);
    assert.equal(served.status, 200);
    assert.equal(served.body.type, 'Question');
    const tags = emojiTags(served.body);
    assert.deepEqual(
      tags.map((tag) => tag.name),
      [':ablobwave:', ':blobcat:', ':blobfox:'],
    );
    const blobcat = tags.find((tag) => tag.name === ':blobcat:')!;
    assert.match(blobcat.id, /^https:\/\/woolly\.test\/emojis\/\d+$/);
    assert.deepEqual(blobcat.icon, {
      type: 'Image',
      mediaType: 'image/png',
      url: urlOf.get('blobcat'),
    });
    assert.ok(!Number.isNaN(Date.parse(blobcat.updated)));
    assert.ok(
      JSON.stringify(served.body['@context']).includes('"Emoji":"toot:Emoji"'),
      'the context defines Emoji',
    );
    // The same emojis the API lists for the post.
    const api = await get<{ emojis: { shortcode: string }[] }>(
      w,
      `/api/v1/statuses/${question.id}`,
      alice.token,
    );
    assert.deepEqual(api.body.emojis.map((e) => e.shortcode).sort(), [
      'ablobwave',
      'blobcat',
      'blobfox',
    ]);
    assert.deepEqual(
      (await takeDeliveries(w)).map((a) => [a.type, emojiTags(a.object as never).length]),
      [['Create', 3]],
    );

    // The Emoji's id answers with the Emoji; a disabled or unknown one is not there.
    const emoji = await getActivityJson(w, new URL(blobcat.id).pathname);
    assert.equal(emoji.status, 200);
    assert.equal(emoji.body.id, blobcat.id);
    assert.equal(emoji.body.type, 'Emoji');
    assert.equal(emoji.body.name, ':blobcat:');
    assert.deepEqual(emoji.body.icon, blobcat.icon);
    const retired = await w.deps.db.get<{ id: string | number }>(
      "SELECT id FROM custom_emojis WHERE shortcode = 'retired'",
    );
    assert.equal((await getActivityJson(w, `/emojis/${retired!.id}`)).status, 404);
    assert.equal((await getActivityJson(w, '/emojis/123456789')).status, 404);

    // An edit sends the new tags.
    const note = await posted(w, alice.token, { status: 'plain' });
    assert.deepEqual(
      emojiTags((await getActivityJson(w, `/users/alice/statuses/${note.id}`)).body),
      [],
    );
    await takeDeliveries(w);
    const edited = await send(w, 'PUT', `/api/v1/statuses/${note.id}`, alice.token, {
      status: 'now with :blobfox:',
    });
    assert.equal(edited.status, 200);
    const [update] = await takeDeliveries(w);
    assert.equal(update?.type, 'Update');
    assert.deepEqual(
      emojiTags(update!.object as Record<string, unknown>).map((tag) => tag.name),
      [':blobfox:'],
    );

    // The profile: display name, bio and a field's name and value.
    const profile = await send(w, 'PATCH', '/api/v1/accounts/update_credentials', alice.token, {
      display_name: 'Alice :blobcat:',
      note: 'Likes :ablobwave: and :retired:',
      fields_attributes: { '0': { name: ':blobfox:', value: 'fox :blobcat:' } },
    });
    assert.equal(profile.status, 200);
    const actor = await getActivityJson(w, '/users/alice');
    assert.deepEqual(
      emojiTags(actor.body).map((tag) => [tag.name, tag.icon.url]),
      [
        [':ablobwave:', urlOf.get('ablobwave')],
        [':blobcat:', urlOf.get('blobcat')],
        [':blobfox:', urlOf.get('blobfox')],
      ],
    );
    const [person] = await takeDeliveries(w);
    assert.equal(person?.type, 'Update');
    assert.deepEqual(
      emojiTags(person!.object as Record<string, unknown>).map((tag) => tag.name),
      [':ablobwave:', ':blobcat:', ':blobfox:'],
    );
  });
});
