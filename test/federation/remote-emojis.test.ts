/** Custom emojis of remote posts and profiles are kept as their server's and listed in `emojis`. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase } from '../helpers/woolly.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get } from '../helpers/statuses.ts';
import { fixture, remoteActor, withEmojiInName } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const context = [
  'https://www.w3.org/ns/activitystreams',
  { toot: 'http://joinmastodon.org/ns#', Emoji: 'toot:Emoji', sensitive: 'as:sensitive' },
];

// The emojis are rows of Woolly's own (an upsert on an expression index): both databases.
forEachDatabase((kind) => {
  test('Emoji tags of a Pleroma post and of a profile become the emojis shown with them', async (t) => {
    const { remote, w, process } = await startWithFakeRemote(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const note = fixture('note-pleroma-custom-emoji.json', {
      'https://patch.cx/users/rin': remoteActor,
      'https://patch.cx/objects': 'https://masto.qa.urbanwildlife.biz/objects',
      'https://patch.cx/emoji': 'https://masto.qa.urbanwildlife.biz/emoji',
    });
    delete note.actor;
    note['@context'] = context;
    await remote.deliver(w, '/inbox', {
      '@context': context,
      id: `${String(note.id)}/activity`,
      type: 'Create',
      actor: remoteActor,
      to: note.to,
      object: note,
    });
    await process();
    const row = await w.deps.db.get<{ id: string | number }>(
      'SELECT id FROM statuses WHERE uri = ?',
      [note.id as string],
    );
    const status = await get<{ emojis: { shortcode: string; url: string }[] }>(
      w,
      `/api/v1/statuses/${row!.id}`,
      alice.token,
    );
    assert.deepEqual(status.body.emojis.map((e) => [e.shortcode, e.url]).sort(), [
      ['joker_disapprove', 'https://masto.qa.urbanwildlife.biz/emoji/custom/joker_disapprove.png'],
      ['joker_smile', 'https://masto.qa.urbanwildlife.biz/emoji/custom/joker_smile.png'],
    ]);
    // Local emojis with the same shortcode are not taken for the remote one, nor listed.
    const local = await get<{ shortcode: string }[]>(w, '/api/v1/custom_emojis');
    assert.deepEqual(local.body, []);

    // The profile names one in its display name: an Update of the actor brings it.
    const actor = withEmojiInName({
      ...(remote.documents.get(remoteActor) as Record<string, unknown>),
    });
    await remote.deliver(w, '/inbox', {
      '@context': actor['@context'],
      id: `${remoteActor}#updates/emoji`,
      type: 'Update',
      actor: remoteActor,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      object: actor,
    });
    await process();
    const account = await get<{ display_name: string; emojis: { shortcode: string }[] }>(
      w,
      '/api/v1/accounts/lookup?acct=mastodon@masto.qa.urbanwildlife.biz',
    );
    assert.equal(account.body.display_name, 'Mastodon :blobcat:');
    assert.deepEqual(
      account.body.emojis.map((e) => e.shortcode),
      ['blobcat'],
    );
  });
});
