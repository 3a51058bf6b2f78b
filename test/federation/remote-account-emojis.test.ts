/**
 * A remote account's custom emojis (display name, bio, fields) are kept the first time its
 * actor is fetched, not only when it later sends an Update of itself.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get } from '../helpers/statuses.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { remoteActor, withEmojiInName } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

forEachDatabase((kind) => {
  test('the emojis of an actor fetched for the first time are kept', async (t) => {
    const { remote, w, process } = await startWithFakeRemote(t, kind);
    withEmojiInName(remote.documents.get(remoteActor) as Record<string, unknown>);
    await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    // A first post from the account: its actor is fetched and stored with it.
    const create = await remote.deliver(w, '/inbox', {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${remoteActor}/statuses/1/activity`,
      type: 'Create',
      actor: remoteActor,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      object: {
        id: `${remoteActor}/statuses/1`,
        type: 'Note',
        attributedTo: remoteActor,
        to: ['https://www.w3.org/ns/activitystreams#Public'],
        content: '<p>hello</p>',
        published: '2026-11-01T11:00:00Z',
      },
    });
    assert.equal(create.status, 202);
    await process();
    const account = await get<{
      display_name: string;
      emojis: { shortcode: string; url: string }[];
    }>(w, '/api/v1/accounts/lookup?acct=mastodon@masto.qa.urbanwildlife.biz');
    assert.equal(account.status, 200);
    assert.equal(account.body.display_name, 'Mastodon :blobcat:');
    assert.deepEqual(
      account.body.emojis.map((e) => [e.shortcode, e.url]),
      [['blobcat', 'https://masto.qa.urbanwildlife.biz/emojis/blobcat.png']],
    );
  });
});
