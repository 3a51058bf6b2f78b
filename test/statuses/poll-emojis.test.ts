/**
 * A poll's `emojis` (Mastodon's Poll#emojis): the custom emojis its option titles use, as
 * the CustomEmoji entity, wherever the poll is shown (in its post, alone, in a vote's answer).
 * The post's own `emojis` hold those of its text too; the poll's only those of its options.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PollJson } from '../../src/api/mastodon/serializers/poll.ts';
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { addCustomEmoji } from '../../src/domain/instance/custom-emojis.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted, send } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

const emoji = (shortcode: string) => ({
  shortcode,
  url: `https://woolly.test/emoji/${shortcode}.png`,
  static_url: `https://woolly.test/emoji/${shortcode}-static.png`,
  visible_in_picker: true,
});

forEachDatabase((kind) => {
  test('a local poll lists the custom emojis of its options', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    for (const shortcode of ['blobcat', 'blobfox', 'ablobwave', 'retired']) {
      const { url, static_url } = emoji(shortcode);
      await addCustomEmoji(w.deps, { shortcode, imageUrl: url, staticUrl: static_url });
    }
    await w.deps.db.run("UPDATE custom_emojis SET disabled = TRUE WHERE shortcode = 'retired'");

    const status = await posted(w, alice.token, {
      status: 'Which one? :ablobwave:',
      poll: {
        options: ['the fox :blobfox:', ':blobcat:', 'both :blobcat::blobfox:', ':retired: :nope:'],
        expires_in: 3600,
      },
    });
    // Listed in the order the options first name them; the text's own emoji only on the post.
    const expected = [emoji('blobfox'), emoji('blobcat')];
    assertEntity(status.poll, 'Poll');
    assert.deepEqual(status.poll!.emojis, expected);

    const shown = await get<StatusJson>(w, `/api/v1/statuses/${status.id}`, bob.token);
    assert.deepEqual(shown.body.poll!.emojis, expected);
    assert.deepEqual(shown.body.emojis.map((e) => e.shortcode).sort(), [
      'ablobwave',
      'blobcat',
      'blobfox',
    ]);

    const alone = await get<PollJson>(w, `/api/v1/polls/${status.poll!.id}`);
    assertEntity(alone.body, 'Poll');
    assert.deepEqual(alone.body.emojis, expected);
    const voted = await send<PollJson>(
      w,
      'POST',
      `/api/v1/polls/${status.poll!.id}/votes`,
      bob.token,
      { choices: ['1'] },
    );
    assert.equal(voted.status, 200);
    assert.deepEqual(voted.body.emojis, expected);

    // Options without emojis list none, though the post's text names one.
    const plain = await posted(w, alice.token, {
      status: 'Plain :blobcat:',
      poll: { options: ['yes', 'no'], expires_in: 3600 },
    });
    assert.deepEqual(plain.poll!.emojis, []);
    const plainAlone = await get<PollJson>(w, `/api/v1/polls/${plain.poll!.id}`);
    assert.deepEqual(plainAlone.body.emojis, []);
  });
});
