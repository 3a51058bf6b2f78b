/**
 * Hashtag search as Mastodon's Tag.search_for: names starting with the query, shortest first
 * then by name, the exact name first, and a valid unused name offered as a new tag.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { person, say, search } from './helpers.ts';

forEachDatabase((kind) => {
  test('hashtags by prefix, shortest first; unused names offered; offset and limit', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    await say(author, '#catsofmastodon #Cats #catnip #dogs #cat_pics');
    const names = async (query: Record<string, string>) => {
      const res = await search(w, author, { type: 'hashtags', ...query });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return (res.body.hashtags as { id: string; name: string }[]).map((h) =>
        h.id === '' ? `new:${h.name}` : h.name,
      );
    };
    assert.deepEqual(await names({ q: 'cats' }), ['cats', 'catsofmastodon']);
    assert.deepEqual(await names({ q: '#CAT' }), [
      'new:CAT',
      'cats',
      'catnip',
      'cat_pics',
      'catsofmastodon',
    ]);
    assert.deepEqual(await names({ q: 'cat', limit: '2' }), ['new:cat', 'cats']);
    assert.deepEqual(await names({ q: 'cat', limit: '2', offset: '2' }), [
      'cat_pics',
      'catsofmastodon',
    ]);
    assert.deepEqual(await names({ q: 'dog' }), ['new:dog', 'dogs']);
    assert.deepEqual(await names({ q: 'cats', exclude_unreviewed: 'true' }), ['cats']);
    assert.deepEqual(await names({ q: 'not a tag!' }), []);
    // Without a type, hashtags come with the other kinds.
    const all = await search(w, author, { q: 'dogs' });
    assert.deepEqual(
      (all.body.hashtags as { name: string }[]).map((h) => h.name),
      ['dogs'],
    );
  });
});
