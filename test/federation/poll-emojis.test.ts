/**
 * A remote poll's `emojis`: the Emoji tags of a Question whose option names use them are kept
 * as its server's emojis (as for any remote post) and listed in the poll's `emojis`, with the
 * remote images, never a local emoji of the same shortcode. Both databases: the emojis are
 * rows of Woolly's own.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PollJson } from '../../src/api/mastodon/serializers/poll.ts';
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { addCustomEmoji } from '../../src/domain/instance/custom-emojis.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get } from '../helpers/statuses.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const remoteHost = 'https://masto.qa.urbanwildlife.biz';

const emojiTag = (shortcode: string, n: number) => ({
  type: 'Emoji',
  name: `:${shortcode}:`,
  id: `${remoteHost}/emojis/${n}`,
  icon: { type: 'Image', url: `${remoteHost}/emojis/${shortcode}.png` },
});

forEachDatabase((kind) => {
  test('a remote Question lists the Emoji tags its options use as the poll emojis', async (t) => {
    const { remote, w, process } = await startWithFakeRemote(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    // A local emoji of the same shortcode is not the remote one.
    await addCustomEmoji(w.deps, {
      shortcode: 'blobcat',
      imageUrl: 'https://woolly.test/emoji/blobcat.png',
      staticUrl: 'https://woolly.test/emoji/blobcat.png',
    });

    const create = fixture('create-question-poll.json', {
      'https://mastodon.sdf.org/users/rinpatch': remoteActor,
      'https://mastodon.sdf.org/@rinpatch': `${remoteHost}/@mastodon`,
    });
    const question = create.object as Record<string, unknown> & {
      oneOf: { name: string }[];
    };
    question.content = '<p>Why is Tenshi eating a corndog so cute? :ablobwave:</p>';
    delete question.contentMap;
    question.oneOf[0]!.name = 'Dunno :blobcat:';
    question.oneOf[2]!.name = ':blobfox: 25 char limit';
    question.tag = [emojiTag('ablobwave', 1), emojiTag('blobcat', 2), emojiTag('blobfox', 3)];
    assert.equal((await remote.deliver(w, '/inbox', create)).status, 202);
    await process();

    const row = await w.deps.db.get<{ id: string | number }>(
      'SELECT id FROM statuses WHERE uri = ?',
      [question.id as string],
    );
    assert.ok(row, 'the Question is stored as a post');
    const remoteEmoji = (shortcode: string) => ({
      shortcode,
      url: `${remoteHost}/emojis/${shortcode}.png`,
      static_url: `${remoteHost}/emojis/${shortcode}.png`,
      // As Mastodon stores remote emojis (its column's default); its picker lists local ones only.
      visible_in_picker: true,
    });
    const expected = [remoteEmoji('blobcat'), remoteEmoji('blobfox')];

    const shown = await get<StatusJson>(w, `/api/v1/statuses/${row.id}`, alice.token);
    assert.equal(shown.status, 200);
    assertEntity(shown.body.poll, 'Poll');
    assert.deepEqual(shown.body.poll!.emojis, expected);
    assert.deepEqual(shown.body.emojis.map((e) => e.shortcode).sort(), [
      'ablobwave',
      'blobcat',
      'blobfox',
    ]);

    const alone = await get<PollJson>(w, `/api/v1/polls/${shown.body.poll!.id}`, alice.token);
    assert.equal(alone.status, 200);
    assert.deepEqual(alone.body.emojis, expected);

    // The picker offers this server's emojis, never those stored from other servers.
    const picker = await get<{ url: string }[]>(w, '/api/v1/custom_emojis', alice.token);
    assert.equal(picker.status, 200);
    assert.ok(picker.body.length > 0, 'the local emojis are listed');
    assert.deepEqual(
      picker.body.filter((e) => e.url.startsWith(remoteHost)),
      [],
    );
  });
});
