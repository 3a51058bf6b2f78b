/**
 * The custom emojis of each version in a remote post's history: an Update whose Note carries
 * Emoji tags stores them as the author's server's emojis (as a Create does), and each version
 * lists those of its author's server that its own text names, as Mastodon's StatusEdit does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StatusEditJson } from '../../src/api/mastodon/serializers/status-edit.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get } from '../helpers/statuses.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { createNote, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const context = [
  'https://www.w3.org/ns/activitystreams',
  { toot: 'http://joinmastodon.org/ns#', Emoji: 'toot:Emoji' },
];
const emojiUrl = (shortcode: string) =>
  `https://masto.qa.urbanwildlife.biz/emoji/custom/${shortcode}.png`;
const emojiTag = (shortcode: string) => ({
  id: `https://masto.qa.urbanwildlife.biz/emojis/${shortcode}`,
  type: 'Emoji',
  name: `:${shortcode}:`,
  icon: { type: 'Image', mediaType: 'image/png', url: emojiUrl(shortcode) },
});

forEachDatabase((kind) => {
  test('the versions of a remote post edited by an Update list their own emojis', async (t) => {
    const { remote, w, process } = await startWithFakeRemote(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const create = createNote(remoteActor, '1', '<p>hello :blobcat:</p>');
    create['@context'] = context;
    const note = create.object as Record<string, unknown>;
    note.tag = [emojiTag('blobcat')];
    assert.equal((await remote.deliver(w, '/inbox', create)).status, 202);
    await process();
    const row = await w.deps.db.get<{ id: string | number }>(
      'SELECT id FROM statuses WHERE uri = ?',
      [String(note.id)],
    );
    assert.ok(row);
    const id = String(row.id);

    const edited = {
      ...note,
      content: '<p>goodbye :blobfox:</p>',
      summary: 'a :ablobwave: warning',
      tag: [emojiTag('blobfox'), emojiTag('ablobwave')],
      updated: '2026-11-01T13:00:00Z',
    };
    const update = {
      '@context': context,
      id: `${remoteActor}#updates/1`,
      type: 'Update',
      actor: remoteActor,
      to: note.to,
      object: edited,
    };
    assert.equal((await remote.deliver(w, '/inbox', update)).status, 202);
    await process();

    const history = await get<StatusEditJson[]>(w, `/api/v1/statuses/${id}/history`, alice.token);
    assert.equal(history.status, 200);
    for (const version of history.body) assertEntity(version, 'StatusEdit');
    assert.deepEqual(
      history.body.map((v) => [
        v.content,
        v.emojis.map((e) => [e.shortcode, e.url]).sort((x, y) => x[0]!.localeCompare(y[0]!)),
      ]),
      [
        ['<p>hello :blobcat:</p>', [['blobcat', emojiUrl('blobcat')]]],
        [
          '<p>goodbye :blobfox:</p>',
          [
            ['ablobwave', emojiUrl('ablobwave')],
            ['blobfox', emojiUrl('blobfox')],
          ],
        ],
      ],
    );
  });
});
