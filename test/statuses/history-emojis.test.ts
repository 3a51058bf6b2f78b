/**
 * The custom emojis of each version in a local post's history (Mastodon's StatusEdit#emojis):
 * the enabled local emojis that version's own text, content warning and poll options name,
 * so an edit that swaps one emoji for another shows each version with its own.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StatusEditJson } from '../../src/api/mastodon/serializers/status-edit.ts';
import { importCustomEmoji } from '../../src/domain/custom-emojis/import.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted, send } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { png } from '../media/samples.ts';

forEachDatabase((kind) => {
  test('each version of an edited post lists the emojis it names', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    for (const [i, shortcode] of ['blobcat', 'blobfox', 'ablobwave'].entries()) {
      await importCustomEmoji(w.deps, { shortcode, bytes: await png(32 + i, 32) });
    }
    const listed = await get<{ shortcode: string; url: string }[]>(w, '/api/v1/custom_emojis');
    const urlOf = new Map(listed.body.map((e) => [e.shortcode, e.url]));

    const status = await posted(w, alice.token, { status: 'hello :blobcat: :unknown:' });
    const unedited = await get<StatusEditJson[]>(w, `/api/v1/statuses/${status.id}/history`);
    assert.deepEqual(
      unedited.body.map((v) => v.emojis.map((e) => [e.shortcode, e.url])),
      [[['blobcat', urlOf.get('blobcat')]]],
    );

    w.clock.advance(60_000);
    const edited = await send(w, 'PUT', `/api/v1/statuses/${status.id}`, alice.token, {
      status: 'hello :blobfox:',
      spoiler_text: 'waving :ablobwave:',
      poll: { options: ['yes :blobcat:', 'no'], expires_in: 3600 },
    });
    assert.equal(edited.status, 200);
    const history = await get<StatusEditJson[]>(w, `/api/v1/statuses/${status.id}/history`);
    assert.equal(history.status, 200);
    for (const version of history.body) assertEntity(version, 'StatusEdit');
    assert.deepEqual(
      history.body.map((v) => v.emojis.map((e) => e.shortcode).sort()),
      [['blobcat'], ['ablobwave', 'blobcat', 'blobfox']],
    );
    const fox = history.body[1]!.emojis.find((e) => e.shortcode === 'blobfox')!;
    assert.equal(fox.url, urlOf.get('blobfox'));
    assert.equal(fox.visible_in_picker, true);
    assert.deepEqual(
      history.body[1]!.poll?.options.map((o) => o.title),
      ['yes :blobcat:', 'no'],
    );
  });
});
